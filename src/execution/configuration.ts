import type { z } from 'zod';

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
  const isObject = candidate !== null && typeof candidate === 'object' && !Array.isArray(candidate);
  const parsed = schema.safeParse(isObject ? { ...defaults, ...(candidate as object) } : candidate);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    message: `The rule configuration is invalid: ${describeIssues(parsed.error)}. Edit the rule in the workflow editor and save it again.`,
  };
}

/** Zod issues as one sentence naming each field, for people rather than developers. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'configuration'}: ${issue.message}`)
    .join('; ');
}
