import type { z } from 'zod';
import { invalidInput } from '../../access/failures';
import type { AccessSession } from '../../access/session';
import { text } from '../../access/texts';
import { issueFieldTexts, issuesText } from '../../shared/issue-texts';
import type { ExpressionName } from './expression-analysis';
import { MAX_CONFIGURATION_BYTES, type PreparedConfiguration } from '../../shared/validator-config';

/** A rule's configuration, checked and completed (e.g. with its generated expression), ready to be saved. */
export interface Prepared {
  saved: Record<string, unknown>;
  description: string;
  /**
   * An expression Jira must accept before the configuration is saved (checked after the size limit); `field` is the
   * configuration's field that holds it, when the admin wrote it, so Jira's objection is said beside that field.
   */
  expression?: { text: string; what: ExpressionName; field?: string };
}

/** Checks what a configuration screen sent for one rule; throws an invalid-input failure, naming the field, when it is wrong. */
export type Preparer = (raw: unknown, session: AccessSession) => Prepared | Promise<Prepared>;

export function parseConfiguration<T>(schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw invalidInput(text('errors.config.invalid', { issues: issuesText(parsed.error) }), {
      fieldTexts: issueFieldTexts(parsed.error),
    });
  }
  return parsed.data;
}

/** Serialises the configuration as Jira stores it and refuses one the workflow editor could not keep. */
export function finishConfiguration(prepared: Prepared): PreparedConfiguration {
  const configuration = JSON.stringify({ ...prepared.saved, description: prepared.description });
  const bytes = new TextEncoder().encode(configuration).length;
  if (bytes > MAX_CONFIGURATION_BYTES) {
    throw invalidInput(
      text('errors.config.tooBig', {
        size: (bytes / 1024).toFixed(1),
        max: MAX_CONFIGURATION_BYTES / 1024,
      }),
    );
  }
  return { configuration, description: prepared.description, bytes };
}
