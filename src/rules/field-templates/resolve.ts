import { z } from 'zod';
import type { AccessSession } from '../../access/session';
import { inEnglish, text, type Text } from '../../access/texts';
import {
  fieldPlaceholder,
  fieldPlaceholders,
  MAX_TEMPLATE_FIELDS,
  type TemplateField,
  type TemplateFieldsCheck,
} from '../../shared/field-templates';
import type { FieldOption } from '../../shared/validator-config';
import { readFields } from '../validator-config/jira-catalog';
import { oneAfterAnother } from '../../shared/issue-texts';
import { templateKind } from './kinds';

/** What a screen sends: each template by its configuration path (`template`, `operations.2.value`). */
export const TemplateFieldsInput = z.strictObject({
  templates: z.array(z.strictObject({ path: z.string().max(100), text: z.string().max(32_000) })).max(25),
});

const fold = (text: string) => text.trim().toLowerCase();

/** What is wrong by template path, in English and as texts for the screen's viewer. */
const refused = (errorTexts: Record<string, Text>): TemplateFieldsCheck => ({
  ok: false,
  errors: Object.fromEntries(Object.entries(errorTexts).map(([path, said]) => [path, inEnglish(said)])),
  errorTexts,
});

/**
 * Looks every `{{field:…}}` of the templates up in Jira's field list: by name (ignoring case) or by id. Refused, by
 * template path: a name no field has, a name two fields share (naming their ids, to write one instead), and a field
 * whose value no template can show.
 */
export function resolveTemplateFields(
  templates: ReadonlyArray<{ path: string; text: string }>,
  known: readonly FieldOption[],
): TemplateFieldsCheck {
  const errors: Record<string, Text> = {};
  const fields = new Map<string, TemplateField>();
  for (const { path, text: template } of templates) {
    const problems: Text[] = [];
    for (const name of fieldPlaceholders(template)) {
      const byId = known.find((f) => f.id === name);
      const matches = byId ? [byId] : known.filter((f) => fold(f.name) === fold(name));
      const [field] = matches;
      if (name === '') {
        problems.push(text('errors.templates.noName', { placeholder: fieldPlaceholder('') }));
      } else if (!field) {
        problems.push(text('errors.templates.unknownField', { name }));
      } else if (matches.length > 1) {
        problems.push(
          text('errors.templates.sameName', {
            count: matches.length,
            name,
            ids: matches.map((f) => f.id).join(', '),
            choices:
              oneAfterAnother(
                matches.map((f) => ({ verbatim: fieldPlaceholder(f.id) })),
                'errors.or',
              ) ?? '',
          }),
        );
      } else {
        const kind = templateKind(field);
        if (!kind) problems.push(text('errors.templates.notShown', { field: field.name, id: field.id }));
        else fields.set(name, { name, id: field.id, kind });
      }
    }
    const all = oneAfterAnother(problems);
    if (all) errors[path] = text('errors.templates.sentence', { problems: all });
  }
  if (Object.keys(errors).length > 0) return refused(errors);
  if (fields.size > MAX_TEMPLATE_FIELDS) {
    const [first] = templates;
    return refused({
      [first?.path ?? 'template']: text('errors.templates.tooMany', {
        count: fields.size,
        max: MAX_TEMPLATE_FIELDS,
      }),
    });
  }
  return { ok: true, fields: [...fields.values()] };
}

/** The save-time lookup: one read of Jira's field list, as the admin configuring the rule (they see what Jira shows them). */
export async function checkTemplateFields(
  input: z.infer<typeof TemplateFieldsInput>,
  session: AccessSession,
): Promise<TemplateFieldsCheck> {
  if (input.templates.every((t) => fieldPlaceholders(t.text).length === 0)) return { ok: true, fields: [] };
  return resolveTemplateFields(input.templates, await readFields(session));
}
