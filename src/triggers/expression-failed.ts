import { z } from 'zod';
import { readAppIdentity } from '../access/app-permissions';
import { ownModuleKey } from '../access/extension-ari';
import { ruleCatalog } from '../rules/catalog';
import { recordExecution } from '../execution/audit-sink';
import { projectOfIssue } from '../execution/validator-runner';
import { recordingShape } from '../execution/platform-shape';

/**
 * `avi:jira:failed:expression`: Jira sends it to the app whose expression validator (or condition) failed to
 * evaluate, having counted the rule as false (the transition was blocked). Payload per
 * https://developer.atlassian.com/platform/forge/events-reference/jira/#expression-evaluation-failed: `timestamp`,
 * `extensionId`, `workflowId`, `workflowName`, `conditionId?`, `validatorId?`, `expression`, `errorMessages` and
 * `context`. The page does not show the fields of `context`; the issue, project and user read from it are an
 * assumption (test/emulator/FIDELITY.md, "Expression failure events"), so every field is optional here: whatever
 * arrives is recorded rather than dropped.
 */
// Each field falls back on its own, so one field of an unexpected shape does not lose the others.
const text = z.string().optional().catch(undefined);
const Keyed = z.object({ key: text }).nullish().catch(undefined);
export const ExpressionFailed = z.object({
  extensionId: text,
  workflowName: text,
  conditionId: z.string().nullish().catch(undefined),
  errorMessages: z.array(z.unknown()).optional().catch(undefined),
  context: z
    .object({ issue: Keyed, project: Keyed, user: z.object({ accountId: text }).nullish().catch(undefined) })
    .nullish()
    .catch(undefined),
});

/** Bounds on what Jira's messages may add to one audit entry (which holds at most 240 KiB in KVS). */
const MAX_MESSAGES = 5;
const MAX_MESSAGE_LENGTH = 300;
const MAX_NAME_LENGTH = 120;

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,19}$/;
const ISSUE_KEY = /^[A-Z][A-Z0-9_]{0,19}-\d{1,12}$/;
const ACCOUNT_ID = /^[\w:-]{1,128}$/;

/** One line of plain text: control characters (line breaks, escapes) become spaces, then it is cut to `max`. */
function plain(text: string, max: number): string {
  const line = text
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function messagesOf(raw: unknown[] | undefined): string {
  const messages = (raw ?? [])
    .filter((m): m is string => typeof m === 'string')
    .map((m) => plain(m, MAX_MESSAGE_LENGTH))
    .filter(Boolean);
  if (!messages.length) return 'Jira gave no reason.';
  const shown = messages.slice(0, MAX_MESSAGES).join(' · ');
  const more = messages.length - MAX_MESSAGES;
  return more > 0 ? `${shown} · (${more} more)` : shown;
}

const matching = (value: string | undefined, pattern: RegExp) =>
  value !== undefined && pattern.test(value) ? value : undefined;

/**
 * The trigger module's function (manifest.yml, trigger `expression-failed`): records the failed evaluation as a
 * failed execution, in the audit log and the failure counters.
 */
export const expressionFailedTrigger = recordingShape(
  'trigger:avi:jira:failed:expression',
  async (event: unknown): Promise<void> => {
    const parsed = ExpressionFailed.safeParse(event);
    const payload = parsed.success ? parsed.data : {}; // only when the event is not an object at all
    const moduleKey = ownModuleKey(payload.extensionId, readAppIdentity());
    const rule = ruleCatalog.find((entry) => entry.key === moduleKey);
    const issueKey = matching(payload.context?.issue?.key, ISSUE_KEY);
    const projectKey =
      matching(payload.context?.project?.key, PROJECT_KEY) ??
      (issueKey ? projectOfIssue(issueKey) : undefined);
    const triggeredBy = matching(payload.context?.user?.accountId, ACCOUNT_ID);
    const what = payload.conditionId ? 'condition' : 'validator';
    const workflow = payload.workflowName
      ? ` in workflow "${plain(payload.workflowName, MAX_NAME_LENGTH)}"`
      : '';
    await recordExecution({
      module: what,
      rule: rule?.key ?? 'unknown-rule',
      ...(projectKey ? { projectKey } : {}),
      ...(issueKey ? { issueKey } : {}),
      ...(triggeredBy ? { triggeredBy } : {}),
      actor: { kind: 'none' },
      calls: [],
      outcome: 'failed',
      summary: `Jira could not evaluate the expression of ${rule ? `the rule "${rule.title}"` : `a Workflow Guard ${what}`}${workflow}, so it counted as false and ${what === 'condition' ? 'hid the transition' : 'blocked the transition'}.`,
      error: { code: 'EXPRESSION_FAILED', message: messagesOf(payload.errorMessages) },
    });
  },
);
