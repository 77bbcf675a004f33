import { z } from 'zod';
import type { Text } from './text-format';

/**
 * Field values in templates (comment text, Create issue's summary, Set fields' values), shared with the screens
 * (static/app imports this file, so it stays pure: zod only).
 *
 * A field is named `{{field:Story Points}}`: the `field:` prefix keeps field names apart from the built-in
 * placeholders (`{{issue.key}}`, `{{user}}`…), whatever a field is called. The name is Jira's field name (ignoring
 * case), or its id (`{{field:customfield_10020}}`) to choose between two fields of the same name. When the rule is
 * saved each name is looked up once in Jira's field list and kept with its id and kind (`TemplateField`), so the
 * rule reads the field by id and the health check sees a deleted, retyped or renamed field.
 */
export const FIELD_PLACEHOLDER = /\{\{\s*field:([^{}]*?)\s*\}\}/g;

/** The placeholder a picker inserts for a field. */
export const fieldPlaceholder = (nameOrId: string): string => `{{field:${nameOrId}}}`;

/** Every field a template names, in order, each once (as written, trimmed). */
export function fieldPlaceholders(template: string): string[] {
  return [...new Set([...template.matchAll(FIELD_PLACEHOLDER)].map((m) => (m[1] ?? '').trim()))];
}

/**
 * How a field's value is turned into text (see src/rules/field-templates/values.ts for the Jira expression each
 * kind reads): plain text, rich text, a number, a select list's option(s), a list of texts (labels), people, Jira's
 * named objects (priority, status, issue type, project), groups, and dates.
 */
export const TEMPLATE_FIELD_KINDS = [
  'text',
  'rich-text',
  'number',
  'option',
  'options',
  'strings',
  'user',
  'users',
  'named',
  'group',
  'groups',
  'date',
  'datetime',
] as const;
export type TemplateFieldKind = (typeof TEMPLATE_FIELD_KINDS)[number];

/** Jira field ids (`priority`, `customfield_10020`): the only text of a template put into a Jira expression. */
const FIELD_ID = /^(customfield_\d{1,12}|[a-z][a-zA-Z]{1,40})$/;

/** One field a template names, as resolved when the rule was saved. */
export const TemplateField = z.strictObject({
  /** As written in the template, between `{{field:` and `}}`. */
  name: z.string().trim().min(1).max(255),
  id: z.string().regex(FIELD_ID, 'is not a Jira field id'),
  kind: z.enum(TEMPLATE_FIELD_KINDS),
});
export type TemplateField = z.infer<typeof TemplateField>;

/** A rule names at most this many fields in its templates: one Jira expression reads them all. */
export const MAX_TEMPLATE_FIELDS = 30;

export const TemplateFields = z
  .array(TemplateField)
  .max(MAX_TEMPLATE_FIELDS, `name at most ${MAX_TEMPLATE_FIELDS} fields in the templates`);

/** The text a field with no value shows. */
export const EMPTY_VALUE = '(none)';

/**
 * The resolver's answer to "look these templates' fields up": the fields, or what is wrong by template path (in
 * English, and as catalogue texts for the screen's viewer).
 */
export type TemplateFieldsCheck =
  | { ok: true; fields: TemplateField[] }
  | { ok: false; errors: Record<string, string>; errorTexts: Record<string, Text> };
