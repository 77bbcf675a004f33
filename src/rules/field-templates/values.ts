import { invalidInput } from '../../access/failures';
import {
  EMPTY_VALUE,
  FIELD_PLACEHOLDER,
  fieldPlaceholders,
  type TemplateField,
  type TemplateFieldKind,
} from '../../shared/field-templates';
import { issueField } from '../expression-builders/literal';

/**
 * Jira expressions name a few system fields differently from the REST API
 * (https://developer.atlassian.com/cloud/jira/platform/jira-expressions-type-reference/#issue: `issueType`);
 * custom fields are properties named by their id.
 */
const EXPRESSION_PROPERTY: Readonly<Record<string, string>> = { issuetype: 'issueType' };

/**
 * What the expression reads for each kind, from the Issue type of the type reference: RichText's `plainText`, a
 * User's `displayName`, the `name` of IssuePriority, IssueStatus, IssueType and Project; custom fields keep the REST
 * API's JSON shape (an option `{value}`, a group `{name}`, dates as strings) except people, which are Users
 * (test/emulator/FIDELITY.md, "Field values in templates"). Optional chaining (`?.`) makes an empty field null
 * rather than an error, and lists are joined in Jira, so every value comes back as text, a number or null.
 */
function read(kind: TemplateFieldKind, value: string): string {
  switch (kind) {
    case 'rich-text':
      return `${value}?.plainText`;
    case 'option':
      return `${value}?.value`;
    case 'options':
      return `${value}?.map(option => option.value).join(", ")`;
    case 'strings':
      return `${value}?.join(", ")`;
    case 'user':
      return `${value}?.displayName`;
    case 'users':
      return `${value}?.map(person => person.displayName).join(", ")`;
    case 'named':
    case 'group':
      return `${value}?.name`;
    case 'groups':
      return `${value}?.map(group => group.name).join(", ")`;
    default:
      return value;
  }
}

/** One Jira expression returning every named field's value by field id: `{priority: issue.priority?.name, …}`. */
export function valuesExpression(fields: readonly TemplateField[]): string {
  const byId = new Map(fields.map((field) => [field.id, field]));
  const entries = [...byId.values()].map(
    (field) =>
      `${field.id}: ${read(field.kind, issueField('issue', EXPRESSION_PROPERTY[field.id] ?? field.id))}`,
  );
  return `{${entries.join(', ')}}`;
}

const two = (n: number) => String(n).padStart(2, '0');

/** Text of an Atlassian document (a paragraph field Jira gives as ADF): its text nodes, paragraphs on new lines. */
function documentText(node: unknown): string {
  if (!node || typeof node !== 'object') return '';
  const { type, text, content } = node as { type?: unknown; text?: unknown; content?: unknown };
  if (typeof text === 'string') return text;
  const inner = Array.isArray(content) ? content.map(documentText) : [];
  return inner.join(type === 'doc' ? '\n' : '');
}

/**
 * A value as the template shows it. Dates stay ISO (2026-11-30: no reader misreads the day and month); a date and
 * time is shown in UTC to the minute, since nobody's time zone applies to a comment everyone reads.
 */
function show(field: TemplateField, raw: unknown): string {
  if (raw === null || raw === undefined) return EMPTY_VALUE;
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  if (typeof raw === 'boolean') return raw ? 'yes' : 'no';
  if (typeof raw === 'string') {
    if (field.kind === 'datetime') {
      const at = new Date(raw.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
      if (!Number.isNaN(at.getTime()))
        return `${at.getUTCFullYear()}-${two(at.getUTCMonth() + 1)}-${two(at.getUTCDate())} ${two(at.getUTCHours())}:${two(at.getUTCMinutes())} UTC`;
    }
    return raw.trim() === '' ? EMPTY_VALUE : raw;
  }
  if (typeof raw === 'object' && (raw as { type?: unknown }).type === 'doc') {
    const text = documentText(raw).trim();
    return text === '' ? EMPTY_VALUE : text;
  }
  throw invalidInput(
    `Jira gave the value of "${field.name}" (${field.id}) in a form Workflow Guard cannot show as text. Remove {{field:${field.name}}} from the template, or tell the app's vendor which kind of field it is.`,
  );
}

/** The evaluated map as text by field id; a field Jira left out of the map shows as empty. */
export function readValues(
  evaluated: unknown,
  fields: readonly TemplateField[],
): ReadonlyMap<string, string> {
  const map = evaluated && typeof evaluated === 'object' ? (evaluated as Record<string, unknown>) : {};
  return new Map(
    fields.map((field) => [field.id, show(field, Object.hasOwn(map, field.id) ? map[field.id] : null)]),
  );
}

/** The text of `{{field:<name>}}`, by the name as written; undefined when the rule was saved without it. */
export function fieldText(
  name: string,
  fields: readonly TemplateField[],
  values: ReadonlyMap<string, string>,
): string | undefined {
  const field = fields.find((f) => f.name === name.trim());
  return field ? values.get(field.id) : undefined;
}

/**
 * Refuses to render a template naming a field its saved configuration does not resolve (the rule was saved before
 * the name was added, e.g. by hand): nothing is written with a placeholder left in it.
 */
export function requireResolved(
  templates: ReadonlyArray<{ what: string; text: string }>,
  fields: readonly TemplateField[],
): void {
  for (const { what, text } of templates) {
    const missing = fieldPlaceholders(text).filter((name) => !fields.some((f) => f.name === name));
    if (missing.length > 0)
      throw invalidInput(
        `${what} names ${missing.map((name) => `{{field:${name}}}`).join(', ')}, which ${missing.length === 1 ? 'was' : 'were'} not looked up in Jira when the rule was saved. Open the post-function in the workflow editor and update it.`,
      );
  }
}

/**
 * A plain-text template with each `{{field:…}}` replaced by its value on one line (line breaks become spaces): what
 * Set fields writes into a text, labels or select field, where a line break would be Jira's to refuse or mangle.
 */
export function renderFieldsInline(
  template: string,
  fields: readonly TemplateField[],
  values: ReadonlyMap<string, string>,
): string {
  return template.replace(
    FIELD_PLACEHOLDER,
    (placeholder, name: string) => fieldText(name, fields, values)?.replace(/\s*\n\s*/g, ' ') ?? placeholder,
  );
}
