import type { z } from 'zod';
import { APP, impersonate, type Actor } from '../access/actor';
import { AccessFailure, missingPermission } from '../access/failures';
import { permissionName } from '../access/jira-permissions';
import { claimEffect } from '../access/idempotency';
import type { JiraClient } from '../access/jira-client';
import { licenceState, NOT_LICENSED } from '../access/licence';
import { forgeStore } from '../access/kv-store';
import { MAX_PLATFORM_RETRIES, platformRetry } from '../access/platform-retry';
import { openSession, type AccessSession } from '../access/session';
import { recordExecution } from './audit-sink';
import { describeIssues, readConfiguration } from './configuration';
import { unsafeInput } from './input-safety';
import { explain, type Explained } from './explain';
import type { NewAuditEntry } from '../audit/entry';
import { reportFailureOnIssue } from './failure-report';
import { PostFunctionEvent } from './post-function-event';
import { projectOfIssue } from './validator-runner';
import { ActorSetting, type PostFunctionSettings } from '../shared/post-function-settings';
import { checkOnlyIf } from './only-if';
import { isRuleEnabled, type ProjectSettings } from '../settings/model';
import { applyFallbackCeiling, postFunctionDefaults, settingsForExecution } from '../settings/for-rules';

export { PostFunctionEvent };

/** Every post-function says who acts and what happens when that user may not (pure, shared with the screens). */
export { ActorSetting };

export interface EffectContext<C> {
  event: PostFunctionEvent;
  configuration: C;
  /** The client of the actor chosen for this execution. */
  jira: JiraClient;
  actor: Actor;
  /** True when the app acts because the transitioning user lacked a permission (fallback policy). */
  fallback: boolean;
  session: AccessSession;
  /**
   * True when an earlier delivery of this effect may have applied it partly (it timed out, or a write's answer
   * was lost): the rule checks Jira before acting again, so that a retry never doubles the effect.
   */
  resumed: boolean;
  /** The project's Workflow Guard settings, e.g. the external connections rules there may use. */
  projectSettings: ProjectSettings;
  /**
   * Says that part of the effect is done (e.g. "OPS-2 moved"), for a rule whose effect has several parts: if a
   * later part fails, the audit entry says what was applied instead of claiming nothing was.
   */
  progress(done: string): void;
  /**
   * Says that the effect reached an issue of another project (changed it, or was refused there): the audit entry is
   * then listed in that project's activity too.
   */
  reachedProject(projectKey: string): void;
}

export interface PostFunctionRule<C extends PostFunctionSettings> {
  name: string;
  /** How people know the rule, e.g. in the comment reporting a failure on the issue; defaults to `name`. */
  title?: string;
  feature: string;
  configuration: z.ZodType<C>;
  /** Jira permissions the effect needs on the issue; checked for the transitioning user before acting as them. */
  requiredPermissions(configuration: C): string[];
  /**
   * Makes the effect; returns a one-line summary for the audit log, or `{ skipped }` saying why there was nothing
   * to do (recorded as outcome `skipped`).
   */
  apply(context: EffectContext<C>): Promise<string | { skipped: string }>;
}

async function chooseActor(
  session: AccessSession,
  setting: ActorSetting,
  event: PostFunctionEvent,
  permissions: string[],
): Promise<{ actor: Actor; fallback: boolean; why?: string }> {
  if (setting.actor === 'app' || !event.atlassianId) {
    if (setting.actor !== 'app' && setting.fallback === 'fail') {
      throw new AccessFailure(
        'INVALID_INPUT',
        'Workflow Guard could not tell who made this transition.',
        'The post-function is set to act as the transitioning user, but Jira sent no atlassianId with the event, and the fallback policy is "fail".',
      );
    }
    return setting.actor === 'app'
      ? { actor: APP, fallback: false }
      : { actor: APP, fallback: true, why: 'Jira did not say who made the transition' };
  }
  const user = impersonate(event.atlassianId);
  const held = await session
    .permissions(user)
    .holds(permissions, { issueKey: event.issue.key })
    .catch((error: unknown): Record<string, boolean> => {
      // Jira answers 404 about an issue the user cannot see: they hold no permission on it.
      if (error instanceof AccessFailure && error.code === 'NOT_FOUND') return {};
      throw error;
    });
  const lacking = permissions.find((p) => !held[p]);
  if (lacking === undefined) return { actor: user, fallback: false };
  if (setting.fallback === 'act-as-app')
    return {
      actor: APP,
      fallback: true,
      why: `the user ${event.atlassianId} lacks the Jira permission "${permissionName(lacking)}" on ${event.issue.key}`,
    };
  throw missingPermission({ actor: user, permission: lacking, projectKey: projectOfIssue(event.issue.key) });
}

/** A rate limit or outage that told how long to wait: worth handing to the platform's retry. */
export const retryable = (error: unknown): error is AccessFailure & { details: { retryAfterMs: number } } =>
  error instanceof AccessFailure &&
  (error.code === 'RATE_LIMITED' || error.code === 'UPSTREAM_FAILURE') &&
  typeof error.details.retryAfterMs === 'number';

/** A failure as the audit entry keeps it: the service's excerpt only for the Jira admin's log. */
const auditedError = (failure: Explained): NonNullable<NewAuditEntry['error']> => ({
  code: failure.code,
  message: failure.adminMessage,
  ...(failure.serviceExcerpt ? { serviceExcerpt: failure.serviceExcerpt } : {}),
});

/** Parts an execution reports: a rule moving thousands of issues names the first few and counts the rest. */
const MAX_LISTED_PARTS = 20;
const listParts = (parts: readonly string[]): string =>
  parts.length <= MAX_LISTED_PARTS
    ? parts.join(', ')
    : `${parts.slice(0, MAX_LISTED_PARTS).join(', ')} and ${parts.length - MAX_LISTED_PARTS} more`;

export function postFunctionHandler<C extends PostFunctionSettings>(rule: PostFunctionRule<C>) {
  return async (raw: unknown): Promise<unknown> => {
    const session = openSession(rule.feature);
    const parsed = PostFunctionEvent.safeParse(raw);
    const base = { module: 'post-function' as const, rule: rule.name, calls: session.calls };
    // Keys anywhere in what Jira sent, strings in what the app reads; the configuration is checked on its own below.
    const unsafe = parsed.success
      ? (unsafeInput({ ...(raw as object), configuration: undefined }, () => true) ??
        unsafeInput({ ...parsed.data, configuration: undefined }))
      : undefined;
    if (!parsed.success || unsafe) {
      await recordExecution({
        ...base,
        actor: { kind: 'none' },
        outcome: 'failed',
        summary: 'Malformed post-function event',
        error: {
          code: 'INVALID_INPUT',
          message: `Jira sent an event Workflow Guard could not read: ${parsed.success ? unsafe : describeIssues(parsed.error, 'event')}.`,
        },
      });
      return undefined;
    }
    const event = parsed.data;
    // Unlicensed: no settings read, no claim and no Jira call, only the record of what was not done.
    if (licenceState() === 'inactive') {
      await recordExecution({
        ...base,
        issueKey: event.issue.key,
        projectKey: projectOfIssue(event.issue.key),
        triggeredBy: event.atlassianId,
        actor: { kind: 'none' },
        outcome: 'skipped',
        summary: NOT_LICENSED.postFunction,
      });
      return undefined;
    }
    // Two KVS reads, and a Jira call only for a project key not seen for a day (src/settings/project-identity.ts).
    const project = await settingsForExecution(
      session.jira(APP),
      event.issue.key,
      projectOfIssue(event.issue.key),
    );
    const where = {
      ...base,
      issueKey: event.issue.key,
      projectKey: project.project?.key ?? projectOfIssue(event.issue.key),
      ...(project.project ? { projectId: project.project.id } : {}),
      triggeredBy: event.atlassianId,
    };
    if (!isRuleEnabled(project.settings, rule.name)) {
      await recordExecution({
        ...where,
        actor: { kind: 'none' },
        outcome: 'skipped',
        summary: `Turned off in the project settings of ${where.projectKey}: nothing was done`,
      });
      return undefined;
    }
    const configuration = readConfiguration(
      rule.configuration,
      event.configuration,
      postFunctionDefaults(project.settings),
    );
    if (!configuration.ok) {
      await recordExecution({
        ...where,
        actor: { kind: 'none' },
        outcome: 'failed',
        summary: 'Invalid rule configuration',
        error: { code: 'INVALID_INPUT', message: configuration.message },
      });
      return undefined;
    }
    const ceiling = applyFallbackCeiling(configuration.value, project.settings);
    configuration.value = ceiling.configuration;
    const notes = [
      ...(ceiling.limited ? ['the project settings do not allow falling back to the app'] : []),
      ...(project.problem ? [project.problem] : []),
    ];
    const noted = (summary: string): string => [summary, ...notes].join('; ');
    const claim = await claimEffect(
      forgeStore,
      event.transition.executionId,
      event.postFunction?.id ?? rule.name,
      Date.now(),
    );
    if (claim.kind === 'duplicate') {
      await recordExecution({
        ...where,
        actor: { kind: 'none' },
        outcome: 'skipped',
        summary:
          claim.state === 'done'
            ? `Already applied for this transition (${claim.summary ?? 'no summary'}); duplicate delivery ignored`
            : 'Another delivery of this transition is applying the effect; duplicate ignored',
      });
      return undefined;
    }
    let actor: Actor | { kind: 'none' } = { kind: 'none' };
    let fallback = false;
    const resumed = claim.resumed || event.retryContext !== undefined;
    const done: string[] = [];
    const reached = new Set<string>();
    const alsoIn = () => (reached.size > 0 ? { otherProjectKeys: [...reached] } : {});
    try {
      const chosen = await chooseActor(
        session,
        configuration.value,
        event,
        rule.requiredPermissions(configuration.value),
      );
      ({ actor, fallback } = chosen);
      // A fallback is said in the record with its reason, never as a plain success.
      if (chosen.why) notes.unshift(`acted as the app instead of the user: ${chosen.why}`);
      // "Only if" (every post-function's setting): one evaluation, as whoever acts, before any effect.
      const onlyIf = configuration.value.onlyIf
        ? await checkOnlyIf(session.jira(chosen.actor), configuration.value.onlyIf, {
            key: event.issue.key,
            projectKey: where.projectKey,
          })
        : { holds: true as const };
      const result = !onlyIf.holds
        ? { skipped: onlyIf.reason }
        : await rule.apply({
            event,
            configuration: configuration.value,
            jira: session.jira(chosen.actor),
            actor: chosen.actor,
            fallback: chosen.fallback,
            session,
            resumed,
            projectSettings: project.settings,
            progress: (part) => void done.push(part),
            reachedProject: (projectKey) => void (projectKey !== where.projectKey && reached.add(projectKey)),
          });
      const summary = typeof result === 'string' ? result : result.skipped;
      await claim.complete(summary);
      await recordExecution({
        ...where,
        actor,
        fallback,
        outcome: typeof result === 'string' ? 'applied' : 'skipped',
        summary: noted(summary),
        ...alsoIn(),
      });
      return undefined;
    } catch (error) {
      await claim.release();
      const failure = explain(error);
      const retriesUsed = event.retryContext?.retryCount ?? 0;
      if (retryable(error) && retriesUsed < MAX_PLATFORM_RETRIES) {
        await recordExecution({
          ...where,
          actor,
          fallback,
          outcome: 'retrying',
          summary: `Handed to the platform's retry ${retriesUsed + 1} of ${MAX_PLATFORM_RETRIES}`,
          ...alsoIn(),
          error: auditedError(failure),
        });
        return platformRetry(error.details.retryAfterMs, error.code === 'RATE_LIMITED', { rule: rule.name });
      }
      // Opt-in (configuration `reportFailureOnIssue`): the failure is also said on the issue, by the app.
      const report = configuration.value.reportFailureOnIssue
        ? await reportFailureOnIssue(session, event.issue.key, rule.title ?? rule.name, failure.userMessage, [
            ...(event.atlassianId ? [event.atlassianId] : []),
          ])
        : undefined;
      // Never claim that nothing was applied when part of it was, here or by an earlier delivery.
      const applied =
        done.length > 0
          ? `The effect was applied only in part (${listParts(done)})`
          : resumed
            ? 'The effect was not completed; an earlier delivery of this transition may have applied part of it'
            : 'The effect was not applied';
      await recordExecution({
        ...where,
        actor,
        fallback,
        outcome: 'failed',
        summary: noted(
          report === undefined
            ? applied
            : report.reported
              ? `${applied}; the failure was reported in a comment on the issue`
              : `${applied}; reporting it on the issue failed too: ${report.reason}`,
        ),
        error: auditedError(failure),
        ...alsoIn(),
      });
      if (failure.code === 'INTERNAL') throw error;
      return undefined;
    }
  };
}
