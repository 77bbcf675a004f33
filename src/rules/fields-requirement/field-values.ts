/**
 * Reading Jira field values the way people see them. Values come in REST v3 "Get issue" format: strings, numbers,
 * option objects ({value}), users ({displayName}), arrays, or Atlassian Document Format for rich text.
 */
export function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(textOf).filter(Boolean).join(', ');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record.type === 'doc' || Array.isArray(record.content)) return adfText(record);
    for (const key of ['value', 'name', 'displayName', 'key', 'id']) {
      if (typeof record[key] === 'string') return record[key];
    }
  }
  return '';
}

function adfText(node: Record<string, unknown>): string {
  const own = typeof node.text === 'string' ? node.text : '';
  const children = Array.isArray(node.content)
    ? (node.content as Record<string, unknown>[]).map(adfText)
    : [];
  return [own, ...children].join(children.length ? ' ' : '').trim();
}

export const isEmptyValue = (value: unknown): boolean => textOf(value).trim() === '';
