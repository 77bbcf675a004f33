import { z } from 'zod';
import { DATE_OPERATORS } from '../../shared/validator-config';
import { FieldRef } from '../expression-builders/field-test';
import { ValidatorMessage } from '../expression-builders/message';

/** The most days an offset moves the other side: ten years either way. */
export const MAX_OFFSET_DAYS = 3650;

export const DateCompareConfig = z.strictObject({
  /** The date or date-time field tested. */
  field: FieldRef,
  operator: z.enum(DATE_OPERATORS),
  /** Compared with the moment of the transition, or with another date field (`otherField`). */
  against: z.enum(['now', 'field']),
  otherField: FieldRef.optional(),
  offsetDays: z
    .number()
    .int('the offset must be a whole number of days')
    .min(-MAX_OFFSET_DAYS, `the offset must be at most ${MAX_OFFSET_DAYS} days`)
    .max(MAX_OFFSET_DAYS, `the offset must be at most ${MAX_OFFSET_DAYS} days`),
  /** What an empty field does: block the transition, or let it through. */
  whenEmpty: z.enum(['block', 'allow']),
  message: ValidatorMessage,
});
export type DateCompareConfig = z.infer<typeof DateCompareConfig>;

const SavedField = z.object({ id: z.string(), name: z.string(), kind: z.enum(['date', 'datetime']) });

/** What the screen saves: the fields with their kind as Jira described them, and the expression Jira evaluates. */
export const SavedDateCompare = z.object({
  field: SavedField,
  otherField: SavedField.optional(),
  expression: z.string(),
});
