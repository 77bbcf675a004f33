import { AccessFailure, type FailureCode } from '../access/failures';
import { redact } from '../access/redaction';
import { inEnglish, text, type Text } from '../access/texts';

export interface Explained {
  code: FailureCode | 'INTERNAL';
  userMessage: string;
  /** `userMessage` for the person's language (a catalogue text, or the message as it is). */
  userText: Text;
  adminMessage: string;
  /** A third-party service's own words, redacted and cut short: for the Jira admin's audit log only. */
  serviceExcerpt?: string;
  /** What is wrong with each field of a configuration, by path (FailureDetails.fields). */
  fields?: Record<string, string>;
  /** `fields` for the person's language, by the same paths (FailureDetails.fieldTexts, or `fields` as they are). */
  fieldTexts?: Record<string, Text>;
}

/** Any error as the two messages people read; unexpected errors are labelled INTERNAL and redacted. */
export function explain(error: unknown): Explained {
  if (error instanceof AccessFailure) {
    const { serviceExcerpt, fields } = error.details;
    const fieldTexts =
      error.details.fieldTexts ??
      (fields &&
        Object.fromEntries(Object.entries(fields).map(([path, said]) => [path, { verbatim: said }])));
    return {
      code: error.code,
      userMessage: error.userMessage,
      userText: error.userText ?? { verbatim: error.userMessage },
      adminMessage: error.adminMessage,
      ...(serviceExcerpt ? { serviceExcerpt } : {}),
      ...(fields ? { fields } : {}),
      ...(fieldTexts ? { fieldTexts } : {}),
    };
  }
  const userText = text('messages.failure.internal');
  return {
    code: 'INTERNAL',
    userMessage: inEnglish(userText),
    userText,
    adminMessage: `Unexpected error: ${redact(error instanceof Error ? error.message : String(error))}`,
  };
}
