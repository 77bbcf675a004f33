import { APP } from '../access/actor';
import { explain } from './explain';
import { route } from '../access/route';
import type { AccessSession } from '../access/session';

/**
 * Says on the issue that a post-function could not make its effect, as the app's bot user (the transitioning
 * user may be the reason it failed). The text is the failure's message for people: it names the missing
 * permission, scope or connection but never a token. Reporting must not hide the original failure, so it answers
 * how it went instead of throwing.
 */
export async function reportFailureOnIssue(
  session: AccessSession,
  issueKey: string,
  ruleTitle: string,
  userMessage: string,
): Promise<{ reported: true } | { reported: false; reason: string }> {
  const text = `Workflow Guard could not run "${ruleTitle}" after this transition: ${userMessage} Your Jira admin can see the details in the Workflow Guard audit log.`;
  try {
    await session.jira(APP).requestJira(route`/rest/api/3/issue/${issueKey}/comment`, {
      method: 'POST',
      body: {
        body: {
          type: 'doc',
          version: 1,
          content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
        },
      },
      permission: 'ADD_COMMENTS',
    });
    return { reported: true };
  } catch (error) {
    return { reported: false, reason: explain(error).adminMessage };
  }
}
