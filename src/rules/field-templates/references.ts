import type { TemplateField, TemplateFieldKind } from '../../shared/field-templates';
import type { Text } from '../../shared/text-format';
import type { FieldReference } from '../reference-kinds';

/** The schema type (GET /rest/api/3/field) each kind of custom field was resolved from: a retyped field is flagged. */
const SCHEMA_TYPE: Partial<Record<TemplateFieldKind, string>> = {
  text: 'string',
  number: 'number',
  option: 'option',
  options: 'array',
  strings: 'array',
  user: 'user',
  users: 'array',
  group: 'group',
  groups: 'array',
  date: 'date',
  datetime: 'datetime',
};

/**
 * The fields a rule's templates show, for the health check: a deleted field, a custom field whose type changed, and
 * a field renamed since (the template still shows it, by id, but reads with its old name).
 */
export function templateFieldReferences(fields: readonly TemplateField[], role: Text): FieldReference[] {
  return fields.map((field) => {
    const type = field.id.startsWith('customfield_') ? SCHEMA_TYPE[field.kind] : undefined;
    return {
      id: field.id,
      role,
      ...(type ? { accepts: [type] } : {}),
      ...(field.name !== field.id ? { named: field.name } : {}),
    };
  });
}
