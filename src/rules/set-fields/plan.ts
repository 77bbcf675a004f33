import type { FieldOperation } from './configuration';

/**
 * Turns the configured operations into one `PUT /rest/api/3/issue/{key}` body (IssueUpdateDetails).
 * Values read from Jira (for copies) come in "Get issue" shape and are written back in "Edit issue" shape:
 * users by accountId, options and priorities by id, documents (ADF) as they are. The parent (every level in
 * team-managed projects, and sub-tasks and epics' children in company-managed ones) "may be set by key or ID" and is
 * removed with `update.parent.set.none` (the editIssue operation in the Jira OpenAPI description).
 */
export function editBody(
  operations: readonly FieldOperation[],
  sourceValues: Readonly<Record<string, unknown>>,
  /** A text value with its `{{field:…}}` placeholders rendered (field-templates); as written when absent. */
  render: (text: string) => string = (text) => text,
): { fields: Record<string, unknown>; update?: Record<string, unknown[]> } {
  const removesParent = operations.some((o) => o.op === 'clear' && o.field === 'parent');
  const fields = Object.fromEntries(
    operations.flatMap((operation) => {
      switch (operation.op) {
        case 'set':
          return [
            [
              operation.field,
              valueToSet(
                operation.field,
                typeof operation.value === 'string' ? render(operation.value) : operation.value,
              ),
            ],
          ];
        case 'copy':
          return [[operation.field, asWritten(sourceValues[operation.from] ?? null)]];
        case 'clear':
          if (operation.field === 'parent') return [];
          return [[operation.field, operation.field === 'labels' ? [] : null]];
      }
    }),
  );
  return { fields, ...(removesParent ? { update: { parent: [{ set: { none: true } }] } } : {}) };
}

/** The fields copies read, for `GET /rest/api/3/issue/{key}?fields=…`. */
export const sourceFields = (operations: readonly FieldOperation[]): string[] => [
  ...new Set(operations.flatMap((operation) => (operation.op === 'copy' ? [operation.from] : []))),
];

const paragraph = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }],
});

/** A configured value in the shape Jira expects for well-known fields; other fields take it as it is. */
function valueToSet(field: string, value: string | number | string[]): unknown {
  if (typeof value !== 'string') return value;
  switch (field) {
    case 'priority':
      return { name: value };
    case 'assignee':
    case 'reporter':
      return { accountId: value };
    case 'description':
    case 'environment':
      return paragraph(value);
    case 'labels':
      // A label holds no space: each word, a field value's included, becomes a label.
      return value.split(/[\s,]+/).filter(Boolean);
    case 'summary':
      // One line of at most 255 characters (IssueUpdateDetails' summary), as Create issue writes it.
      return value.length > 255 ? `${value.slice(0, 254)}…` : value;
    case 'parent':
      return /^\d+$/.test(value) ? { id: value } : { key: value.trim().toUpperCase() };
    default:
      return value;
  }
}

/** A value read from Jira ("Get issue" shape) in the shape an edit or create takes. */
export function asWritten(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asWritten);
  if (!value || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (record.type === 'doc') return value;
  if (typeof record.accountId === 'string') return { accountId: record.accountId };
  if (typeof record.id === 'string' || typeof record.id === 'number') return { id: String(record.id) };
  return value;
}

/** "Set summary; copied duedate from customfield_10010; cleared priority" for the audit log. */
export function describeOperations(operations: readonly FieldOperation[]): string {
  return operations
    .map((operation) =>
      operation.op === 'set'
        ? `set ${operation.field}`
        : operation.op === 'copy'
          ? `copied ${operation.from} into ${operation.field}`
          : `cleared ${operation.field}`,
    )
    .join('; ');
}
