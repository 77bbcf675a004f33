import { AccessFailure, type FailureCode } from '../access/failures';
import { redact } from '../access/redaction';

export interface Explained {
  code: FailureCode | 'INTERNAL';
  userMessage: string;
  adminMessage: string;
  /** A third-party service's own words, redacted and cut short: for the Jira admin's audit log only. */
  serviceExcerpt?: string;
  /** What is wrong with each field of a configuration, by path (FailureDetails.fields). */
  fields?: Record<string, string>;
}

/** Any error as the two messages people read; unexpected errors are labelled INTERNAL and redacted. */
export function explain(error: unknown): Explained {
  if (error instanceof AccessFailure) {
    const { serviceExcerpt, fields } = error.details;
    return {
      code: error.code,
      userMessage: error.userMessage,
      adminMessage: error.adminMessage,
      ...(serviceExcerpt ? { serviceExcerpt } : {}),
      ...(fields ? { fields } : {}),
    };
  }
  return {
    code: 'INTERNAL',
    userMessage:
      'Workflow Guard hit an unexpected error. Your Jira admin can see the details in the app’s audit log.',
    adminMessage: `Unexpected error: ${redact(error instanceof Error ? error.message : String(error))}`,
  };
}
