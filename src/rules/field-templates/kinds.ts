import type { TemplateFieldKind } from '../../shared/field-templates';
import type { FieldOption } from '../../shared/validator-config';

/**
 * System fields a template can show, by the id GET /rest/api/3/field gives them, with their kind. Jira expressions
 * name some of them differently (issuetype is `issue.issueType`): values.ts holds the property each is read from.
 */
const SYSTEM_FIELD_KINDS: Readonly<Record<string, TemplateFieldKind>> = {
  summary: 'text',
  description: 'rich-text',
  labels: 'strings',
  assignee: 'user',
  reporter: 'user',
  priority: 'named',
  status: 'named',
  issuetype: 'named',
  project: 'named',
};

/** Custom field kinds by `schema.type` (and `schema.items` for lists), as GET /rest/api/3/field describes them. */
const CUSTOM_KINDS: Readonly<Record<string, TemplateFieldKind>> = {
  string: 'text',
  number: 'number',
  option: 'option',
  user: 'user',
  group: 'group',
  date: 'date',
  datetime: 'datetime',
  'array:string': 'strings',
  'array:option': 'options',
  'array:user': 'users',
  'array:group': 'groups',
};

/** How a template shows the field's value, or undefined when it cannot (a cascading select, a sprint, a rank…). */
export function templateKind(field: FieldOption): TemplateFieldKind | undefined {
  if (!field.custom) return SYSTEM_FIELD_KINDS[field.id];
  const { type, items } = field.schema ?? {};
  if (!type) return undefined;
  return CUSTOM_KINDS[type === 'array' ? `array:${items ?? ''}` : type];
}
