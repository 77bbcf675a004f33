import { mention, type AdfMention } from '../../shared/mention';

/**
 * Comment templates: plain text with placeholders, rendered to Atlassian Document Format so that user mentions
 * are real mentions and nothing the template author types can inject markup.
 *   {{issue.key}}  {{transition.name}}  {{transition.from}}  {{transition.to}}  {{user}} (mention of the transitioning user)
 *   {{field:<name>}}: a field's value (src/shared/field-templates.ts), as a text node like every value.
 */
export interface TemplateValues {
  issueKey: string;
  transitionName?: string;
  /** Status names (the comment is for people); see index.ts for where they come from. */
  fromStatus?: string;
  toStatus?: string;
  userAccountId?: string;
  /** The transitioning user's display name: the mention's text. */
  userName?: string;
  /** The text of `{{field:<name>}}` by the name as written; undefined when the rule was saved without it. */
  field?: (name: string) => string | undefined;
}

type AdfInline = { type: 'text'; text: string } | AdfMention;
export interface AdfDocument {
  type: 'doc';
  version: 1;
  content: { type: 'paragraph'; content: AdfInline[] }[];
}

export const PLACEHOLDERS = [
  'issue.key',
  'transition.name',
  'transition.from',
  'transition.to',
  'user',
] as const;
const PLACEHOLDER = /\{\{\s*(field:[^{}]*?|[a-z.]+)\s*\}\}/g;
const FIELD = 'field:';

/** Placeholders in a template that the renderer does not know: the configuration screen rejects them. */
export function unknownPlaceholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)]
    .map((m) => m[1] ?? '')
    .filter((name) => !name.startsWith(FIELD) && !(PLACEHOLDERS as readonly string[]).includes(name));
}

/** A field placeholder's text (the rule checks first that every one was resolved when it was saved). */
function fieldValue(name: string, values: TemplateValues): string | undefined {
  // A text node holds one line: a value's line breaks become spaces, never markup.
  return values.field?.(name)?.replace(/\s*\n\s*/g, ' ');
}

function renderLine(line: string, values: TemplateValues): AdfInline[] {
  const inline: AdfInline[] = [];
  let last = 0;
  for (const match of line.matchAll(PLACEHOLDER)) {
    const before = line.slice(last, match.index);
    if (before) inline.push({ type: 'text', text: before });
    const name = match[1] ?? '';
    if (name.startsWith(FIELD))
      inline.push({ type: 'text', text: fieldValue(name.slice(FIELD.length), values) ?? match[0] });
    else if (name === 'user' && values.userAccountId)
      inline.push(mention(values.userAccountId, values.userName));
    else {
      const text =
        name === 'issue.key'
          ? values.issueKey
          : name === 'transition.name'
            ? values.transitionName
            : name === 'transition.from'
              ? values.fromStatus
              : name === 'transition.to'
                ? values.toStatus
                : undefined;
      inline.push({ type: 'text', text: text ?? match[0] });
    }
    last = (match.index ?? 0) + match[0].length;
  }
  const rest = line.slice(last);
  if (rest) inline.push({ type: 'text', text: rest });
  return inline;
}

export function renderComment(template: string, values: TemplateValues, footer?: AdfInline[]): AdfDocument {
  const paragraphs = template
    .split(/\n\s*\n/)
    .map((block) => renderLine(block.replace(/\s*\n\s*/g, ' '), values))
    .filter((inline) => inline.length > 0);
  const content = paragraphs.map((inline) => ({ type: 'paragraph' as const, content: inline }));
  if (footer) content.push({ type: 'paragraph', content: footer });
  return { type: 'doc', version: 1, content };
}

/** Shown when the app acted because the transitioning user could not: the comment says so. */
export function onBehalfFooter(accountId: string, displayName?: string): AdfInline[] {
  return [{ type: 'text', text: '— added by Workflow Guard on behalf of ' }, mention(accountId, displayName)];
}

/** Whether rendering needs the status names or the user's name: lookups are made only then. */
export const usesPlaceholder = (template: string, name: (typeof PLACEHOLDERS)[number]): boolean =>
  [...template.matchAll(PLACEHOLDER)].some((match) => match[1] === name);
