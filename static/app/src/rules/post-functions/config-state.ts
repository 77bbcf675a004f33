import type { z } from 'zod';

/** Drops keys left empty, so the project's defaults apply to them when the rule runs. */
export function compact(draft: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(draft).filter(([, value]) => value !== undefined && value !== ''));
}

export type Validation = { ok: true; json: string } | { ok: false; errors: Record<string, string> };

/**
 * Checks the draft with the same schema the post-function reads its configuration with; errors are keyed by field
 * path (e.g. `operations.1.field`). The JSON saved is the draft itself, not the parsed value with its defaults.
 */
export function validate(schema: z.ZodType, draft: Record<string, unknown>): Validation {
  const value = compact(draft);
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, json: JSON.stringify(value) };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.') || 'configuration';
    errors[path] ??= issue.message;
  }
  return { ok: false, errors };
}
