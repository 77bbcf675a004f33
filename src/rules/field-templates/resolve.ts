import { z } from 'zod';
import type { AccessSession } from '../../access/session';
import {
  fieldPlaceholder,
  fieldPlaceholders,
  MAX_TEMPLATE_FIELDS,
  type TemplateField,
  type TemplateFieldsCheck,
} from '../../shared/field-templates';
import type { FieldOption } from '../../shared/validator-config';
import { readFields } from '../validator-config/jira-catalog';
import { SHOWN_KINDS, templateKind } from './kinds';

/** What a screen sends: each template by its configuration path (`template`, `operations.2.value`). */
export const TemplateFieldsInput = z.strictObject({
  templates: z.array(z.strictObject({ path: z.string().max(100), text: z.string().max(32_000) })).max(25),
});

const fold = (text: string) => text.trim().toLowerCase();

/**
 * Looks every `{{field:…}}` of the templates up in Jira's field list: by name (ignoring case) or by id. Refused, by
 * template path: a name no field has, a name two fields share (naming their ids, to write one instead), and a field
 * whose value no template can show.
 */
export function resolveTemplateFields(
  templates: ReadonlyArray<{ path: string; text: string }>,
  known: readonly FieldOption[],
): TemplateFieldsCheck {
  const errors: Record<string, string> = {};
  const fields = new Map<string, TemplateField>();
  for (const { path, text } of templates) {
    const problems: string[] = [];
    for (const name of fieldPlaceholders(text)) {
      const byId = known.find((f) => f.id === name);
      const matches = byId ? [byId] : known.filter((f) => fold(f.name) === fold(name));
      const [field] = matches;
      if (name === '') {
        problems.push(`${fieldPlaceholder('')} names no field: write the field's name after "field:"`);
      } else if (!field) {
        problems.push(
          `Jira has no field named "${name}" that you can see: check the spelling, or pick the field from the list`,
        );
      } else if (matches.length > 1) {
        problems.push(
          `${matches.length} fields are named "${name}" (${matches.map((f) => f.id).join(', ')}): write ${matches.map((f) => fieldPlaceholder(f.id)).join(' or ')} to choose one`,
        );
      } else {
        const kind = templateKind(field);
        if (!kind)
          problems.push(
            `"${field.name}" (${field.id}) is a kind of field a template cannot show; templates show ${SHOWN_KINDS} fields`,
          );
        else fields.set(name, { name, id: field.id, kind });
      }
    }
    if (problems.length > 0) errors[path] = `${problems.join('; ')}.`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (fields.size > MAX_TEMPLATE_FIELDS) {
    const [first] = templates;
    return {
      ok: false,
      errors: {
        [first?.path ?? 'template']:
          `The templates name ${fields.size} fields; name at most ${MAX_TEMPLATE_FIELDS}.`,
      },
    };
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
