import { z } from 'zod';
import { APP, impersonate } from '../access/actor';
import type { JiraClient } from '../access/jira-client';
import { licenceState, NOT_LICENSED } from '../access/licence';
import { VALIDATOR_MAX_SLEEP_MS } from '../access/platform-retry';
import { openSession } from '../access/session';
import { inEnglish, render, text, textsFor, type Text } from '../access/texts';
import { settingsForExecution } from '../settings/for-rules';
import { isRuleEnabled } from '../settings/model';
import { recordExecution } from './audit-sink';
import { readConfiguration } from './configuration';
import { unsafeInput } from './input-safety';
import { explain } from './explain';
import { recordingShape } from './platform-shape';

/**
 * Jira issue keys are `<PROJECT>-<number>`. The key goes into Jira addresses (@forge/api's `route` throws on `/`,
 * `?`, `#` or `..` in a value) and into JQL, so anything else is refused with the payload, never sent on.
 */
export const IssueKey = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,99}-\d{1,18}$/, 'must be a Jira issue key such as OPS-12');

/**
 * The function-validator payload (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/):
 * no user identity, so validators call Jira as the app. `modifiedFields` arrive only with read:jira-work.
 */
export const ValidatorPayload = z.object({
  issue: z.object({ key: IssueKey }),
  configuration: z.unknown(),
  transition: z.object({
    from: z.object({ id: z.string() }).optional(),
    to: z.object({ id: z.string() }),
    modifiedFields: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ValidatorPayload = z.infer<typeof ValidatorPayload>;
export type ValidatorResult = { result: boolean; errorMessage?: string };

/**
 * The handler's second argument (https://developer.atlassian.com/platform/forge/function-reference/arguments/). The
 * validator docs do not say whether `principal` is set for a validator; when it is, it is the transitioning user.
 */
export const InvocationContext = z.object({
  principal: z.object({ accountId: z.string().min(1) }).optional(),
});

export const FailurePolicy = z.enum(['block', 'allow']);

/** A rule's verdict: `message` is for the person blocked, worded in their language only when it is shown. */
export type Decision = { pass: true; summary: string } | { pass: false; message: Text[]; summary: string };

export interface ValidatorRule<C extends { failurePolicy: 'block' | 'allow' }> {
  /** Rule name in the audit log, e.g. `fields-requirement`. */
  name: string;
  /** Capability folder making the calls, e.g. `rules/fields-requirement`. */
  feature: string;
  configuration: z.ZodType<C>;
  decide(input: {
    payload: ValidatorPayload;
    configuration: C;
    jira: JiraClient;
    /** The transitioning user's client (offline impersonation), only when the platform said who they are. */
    asUser?: JiraClient;
  }): Promise<Decision>;
}

/** Issue keys are `<PROJECT>-<number>`: the project is known without a Jira call. */
export const projectOfIssue = (issueKey: string): string => issueKey.replace(/-\d+$/, '');

export function validatorHandler<C extends { failurePolicy: 'block' | 'allow' }>(rule: ValidatorRule<C>) {
  return recordingShape(
    'jira:workflowValidator',
    async (raw: unknown, context?: unknown): Promise<ValidatorResult> => {
      const session = openSession(rule.feature, { maxWaitMs: VALIDATOR_MAX_SLEEP_MS });
      const payload = ValidatorPayload.safeParse(raw);
      // Said to the person in their language; the lookup is made only when the transition is blocked.
      const user = InvocationContext.safeParse(context ?? {}).data?.principal?.accountId;
      const toPerson = async (said: Text[], askJira = true) =>
        render(await textsFor(user, { askJira }), said);
      const base = { module: 'validator' as const, rule: rule.name, actor: APP, calls: session.calls };
      // Field values people typed on the transition screen are the rules' to judge: only their keys are checked here.
      const typed = (path: readonly string[]) => path[0] === 'transition' && path[1] === 'modifiedFields';
      if (
        !payload.success ||
        unsafeInput({ ...(raw as object), configuration: undefined }, () => true) !== undefined ||
        unsafeInput({ ...payload.data, configuration: undefined }, typed) !== undefined
      ) {
        const said = text('messages.validator.malformedRequest');
        await recordExecution({
          ...base,
          outcome: 'blocked',
          summary: 'Malformed validator payload',
          error: { code: 'INVALID_INPUT', message: inEnglish(said) },
        });
        // Refused input makes no Jira call at all: the message is in a language already known, else English.
        return { result: false, errorMessage: await toPerson([said], false) };
      }
      const issueKey = payload.data.issue.key;
      // Unlicensed: no settings read and no Jira call, only the record of what was not checked.
      if (licenceState() === 'inactive') {
        await recordExecution({
          ...base,
          issueKey,
          projectKey: projectOfIssue(issueKey),
          outcome: 'allowed',
          summary: NOT_LICENSED.validator,
        });
        return { result: true };
      }
      // Two KVS reads, and a Jira call only for a project key not seen for a day (src/settings/project-identity.ts).
      const project = await settingsForExecution(session.jira(APP), issueKey, projectOfIssue(issueKey));
      const stored = {
        detail: project.successDetail,
        ...(project.counter ? { prefetched: project.counter } : {}),
      };
      const where = {
        ...base,
        issueKey,
        projectKey: project.project?.key ?? projectOfIssue(issueKey),
        ...(project.project ? { projectId: project.project.id } : {}),
      };
      if (!isRuleEnabled(project.settings, rule.name)) {
        await recordExecution(
          {
            ...where,
            outcome: 'skipped',
            summary: `Turned off in the project settings of ${where.projectKey}: the transition was allowed`,
          },
          stored,
        );
        return { result: true };
      }
      const configuration = readConfiguration(rule.configuration, payload.data.configuration);
      if (!configuration.ok) {
        await recordExecution(
          {
            ...where,
            outcome: 'blocked',
            summary: 'Invalid rule configuration',
            error: { code: 'INVALID_INPUT', message: configuration.message },
          },
          stored,
        );
        // As for malformed input: no Jira call for a configuration refused as it came.
        return {
          result: false,
          errorMessage: await toPerson(
            [text('messages.validator.invalidConfiguration', { problem: configuration.message })],
            false,
          ),
        };
      }
      try {
        const decision = await rule.decide({
          payload: payload.data,
          configuration: configuration.value,
          jira: session.jira(APP),
          ...(user ? { asUser: session.jira(impersonate(user)) } : {}),
        });
        await recordExecution(
          {
            ...where,
            outcome: decision.pass ? 'allowed' : 'blocked',
            summary: [decision.summary, ...(project.problem ? [project.problem] : [])].join('; '),
          },
          stored,
        );
        return decision.pass
          ? { result: true }
          : { result: false, errorMessage: await toPerson(decision.message) };
      } catch (error) {
        const failure = explain(error);
        const allow = configuration.value.failurePolicy === 'allow';
        await recordExecution(
          {
            ...where,
            outcome: allow ? 'allowed' : 'blocked',
            summary: `Could not check the rule; failure policy "${configuration.value.failurePolicy}" ${allow ? 'let the transition through' : 'blocked it'}`,
            error: { code: failure.code, message: failure.adminMessage },
          },
          stored,
        );
        return allow
          ? { result: true }
          : {
              result: false,
              // Jira has just asked the app to slow down: no call to learn a language not known yet.
              errorMessage: await toPerson(
                [text('messages.validator.couldNotCheck'), failure.userText],
                failure.code !== 'RATE_LIMITED',
              ),
            };
      }
    },
  );
}
