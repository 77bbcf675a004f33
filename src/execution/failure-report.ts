import { APP } from '../access/actor';
import { render, text, textsFor } from '../access/texts';
import { explain, type Explained } from './explain';
import { displayNames, mention } from '../access/people';
import { route } from '../access/route';
import type { AccessSession } from '../access/session';

/** A post-function's name in the catalogue (messages.ruleTitles): its manifest key in camel case. */
const titleKey = (rule: string) =>
  `messages.ruleTitles.${rule.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase())}`;

/**
 * Says on the issue that a post-function could not make its effect, as the app's bot user (the transitioning
 * user may be the reason it failed), in the language of the user who made the transition (else the site's). The
 * text is the failure's message for people: it names the missing permission, scope or connection but never a
 * token. Reporting must not hide the original failure, so it answers how it went instead of throwing.
 */
export async function reportFailureOnIssue(
  session: AccessSession,
  issueKey: string,
  /** The rule's name (its manifest key) and, for a rule the catalogue does not name yet, its English title. */
  rule: { name: string; title?: string },
  failure: Pick<Explained, 'userText'>,
  /** The user who made the transition: the comment is in their language and may name them (a mention). */
  transitioner?: string,
): Promise<{ reported: true } | { reported: false; reason: string }> {
  const people = transitioner ? [transitioner] : [];
  try {
    const t = await textsFor(transitioner);
    const key = titleKey(rule.name);
    const title = t(key) === key ? (rule.title ?? rule.name) : t(key);
    const said = render(t, [
      text('messages.failureReport.comment', { rule: title, reason: failure.userText }),
    ]);
    const named = people.filter((id) => said.includes(id));
    const names = named.length ? await displayNames(session.jira(APP), named) : new Map<string, string>();
    await session.jira(APP).requestJira(route`/rest/api/3/issue/${issueKey}/comment`, {
      method: 'POST',
      body: {
        body: {
          type: 'doc',
          version: 1,
          content: [{ type: 'paragraph', content: withMentions(said, named, names) }],
        },
      },
      permission: 'ADD_COMMENTS',
    });
    return { reported: true };
  } catch (error) {
    return { reported: false, reason: explain(error).adminMessage };
  }
}

/** The text with each named person's account id replaced by a mention of them (one lookup for all). */
function withMentions(text: string, people: readonly string[], names: Map<string, string>) {
  if (!people.length) return [{ type: 'text', text }];
  const pattern = new RegExp(people.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  const parts: unknown[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) parts.push({ type: 'text', text: text.slice(last, match.index) });
    parts.push(mention(match[0], names.get(match[0])));
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ type: 'text', text: text.slice(last) });
  return parts;
}
