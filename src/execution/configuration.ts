import type { z } from 'zod';
import { inEnglish } from '../access/texts';
import { issueFieldTexts, issuesText } from '../shared/issue-texts';
import { unsafeInput } from './input-safety';

export { echoInput } from '../shared/issue-texts';

/**
 * Jira hands a rule the string its configuration screen returned from `workflowRules.onConfigure`; depending on
 * the editor it arrives as that JSON string, as `{ value: string }`, or already parsed. All three are read here,
 * then checked against the rule's schema, so a rule never sees unvalidated configuration.
 */
export function readConfiguration<T>(
  schema: z.ZodType<T>,
  raw: unknown,
  /** Values for fields the configuration leaves out (project defaults); the configuration's own values win. */
  defaults: Record<string, unknown> = {},
): { ok: true; value: T } | { ok: false; message: string } {
  let candidate: unknown = raw;
  // Jira keeps at most 32 KB of configuration: longer text is refused as delivered, before it is parsed (its parsed
  // strings may each be shorter, escapes taken out).
  const text =
    typeof raw === 'string'
      ? raw
      : typeof (raw as { value?: unknown } | null)?.value === 'string'
        ? (raw as { value: string }).value
        : undefined;
  const tooLong = text === undefined ? undefined : unsafeInput(text);
  if (tooLong) {
    return {
      ok: false,
      message: `The rule configuration is invalid: ${tooLong.replace('the input', 'it')}. Edit the rule in the workflow editor and save it again.`,
    };
  }
  try {
    if (typeof raw === 'string') candidate = JSON.parse(raw);
    else if (
      raw &&
      typeof raw === 'object' &&
      Object.keys(raw).length === 1 &&
      typeof (raw as { value?: unknown }).value === 'string'
    ) {
      candidate = JSON.parse((raw as { value: string }).value);
    }
  } catch {
    return {
      ok: false,
      message:
        'The rule configuration is not valid JSON. Edit the rule in the workflow editor and save it again.',
    };
  }
  const unsafe = unsafeInput(candidate);
  if (unsafe) {
    return {
      ok: false,
      message: `The rule configuration is invalid: ${unsafe.replace('the input', 'it')}. Edit the rule in the workflow editor and save it again.`,
    };
  }
  const isObject = candidate !== null && typeof candidate === 'object' && !Array.isArray(candidate);
  const parsed = schema.safeParse(isObject ? { ...defaults, ...(candidate as object) } : candidate);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    message: `The rule configuration is invalid: ${describeIssues(parsed.error)}. Edit the rule in the workflow editor and save it again.`,
  };
}

/** Zod issues as one sentence naming each field, in English (logs, the audit log, a validator's message). */
export function describeIssues(error: z.ZodError, root = 'configuration'): string {
  return inEnglish(issuesText(error, root));
}

/** One English sentence per field, by the field's path (`requirements.0.pattern`): `issueFieldTexts` said in English. */
export function fieldMessages(error: z.ZodError, root = 'configuration'): Record<string, string> {
  return Object.fromEntries(
    Object.entries(issueFieldTexts(error, root)).map(([path, said]) => [path, inEnglish(said)]),
  );
}
