import type { z } from 'zod';
import { screenErrors, type ScreenWords } from '../field-errors';

/** Drops keys left empty, so the project's defaults apply to them when the rule runs. */
export function compact(draft: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(draft).filter(([, value]) => value !== undefined && value !== ''));
}

export type Validation = { ok: true; json: string } | { ok: false; errors: Record<string, string> };

/**
 * Checks the draft with the same schema the post-function reads its configuration with; errors are keyed by field
 * path (e.g. `operations.1.field`), in the viewer's language where the screen has the words (screenErrors). The
 * JSON saved is the draft itself, not the parsed value with its defaults.
 */
export function validate(schema: z.ZodType, draft: Record<string, unknown>, words: ScreenWords): Validation {
  const value = compact(draft);
  const errors = screenErrors(schema, value, words);
  return errors ? { ok: false, errors } : { ok: true, json: JSON.stringify(value) };
}
