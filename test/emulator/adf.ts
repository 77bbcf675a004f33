/** Minimal Atlassian Document Format helpers: v3 comment and description bodies are ADF documents. */
export interface AdfDoc {
  type: 'doc';
  version: 1;
  content: unknown[];
}

export function isAdfDoc(v: unknown): v is AdfDoc {
  if (v === null || typeof v !== 'object') return false;
  const d = v as Record<string, unknown>;
  return d.type === 'doc' && d.version === 1 && Array.isArray(d.content);
}

export function textToAdf(text: string): AdfDoc {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

/**
 * Concatenated text nodes, paragraphs separated by newlines: handy for assertions. A mention reads as Jira shows
 * it, `@` and its `attrs.text`, or `@<accountId>` when the author gave no text.
 */
export function adfToText(node: unknown): string {
  if (node === null || typeof node !== 'object') return '';
  const n = node as {
    type?: unknown;
    text?: unknown;
    content?: unknown;
    attrs?: { id?: unknown; text?: unknown };
  };
  if (n.type === 'text' && typeof n.text === 'string') return n.text;
  if (n.type === 'mention')
    return typeof n.attrs?.text === 'string' ? n.attrs.text : `@${String(n.attrs?.id)}`;
  if (!Array.isArray(n.content)) return '';
  const sep = n.type === 'doc' ? '\n' : '';
  return n.content.map(adfToText).join(sep);
}
