import type { z } from 'zod';
import { APP, describeActor, impersonate, type Actor } from '../access/actor';
import { AccessFailure, missingPermission } from '../access/failures';
import { claimEffect } from '../access/idempotency';
import type { JiraClient } from '../access/jira-client';
import { licenceState, NOT_LICENSED } from '../access/licence';
import { forgeStore } from '../access/kv-store';
import { MAX_PLATFORM_RETRIES, platformRetry, POST_FUNCTION_MAX_SLEEP_MS } from '../access/platform-retry';
import { permissionName } from '../access/jira-permissions';
import type { PermissionScope } from '../access/permission-checks';
import { route } from '../access/route';
import { openSession, type AccessSession } from '../access/session';
import { recordExecution } from './audit-sink';
import { describeIssues, readConfiguration } from './configuration';
import { unsafeInput } from './input-safety';
import { explain, type Explained } from './explain';
import type { NewAuditEntry } from '../audit/entry';
import { reportFailureOnIssue } from './failure-report';
import { PostFunctionEvent } from './post-function-event';
import { recordingShape } from './platform-shape';
import { projectOfIssue } from './validator-runner';
import { ActorSetting, type ActorField, type PostFunctionSettings } from '../shared/post-function-settings';
import { readFieldUser } from './field-user';
import { evaluateBeforeEffect } from './only-if';
import type { TemplateField } from '../shared/field-templates';
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
  /** True when the app acts because the user lacked a permission or could not be acted as (fallback policy). */
  fallback: boolean;
  /**
   * The user on whose behalf the post-function acts: the user in the configured field, else the transitioning user
   * (also when it acts as the app by choice). Set also when the app acts instead of them (fallback); absent when
   * there is nobody (an empty field, or Jira did not say who transitioned).
   */
  forUser?: string;
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
  /**
   * Says that part of the effect was made as the app because the user may not make it (a rule deciding that per
   * project itself): the audit entry is marked as a fallback and keeps the reason; `actsAs` when the rule's main
   * effect changes hands (the entry's actor).
   */
  fellBack(reason: string, actsAs?: Actor): void;
  /** The values of the fields the rule's templates show (`templateFields`), as text by field id. */
  fieldValues: ReadonlyMap<string, string>;
  /**
   * The acting user's display name, when the rule asked (`wantsActorName`), the rule acts as that user and Jira was
   * asked something before the effect anyway ("Only if", field values): no lookup of its own is needed then.
   */
  actorName?: string;
}

export interface PostFunctionRule<C extends PostFunctionSettings> {
  name: string;
  /** How people know the rule, e.g. in the comment reporting a failure on the issue; defaults to `name`. */
  title?: string;
  feature: string;
  configuration: z.ZodType<C>;
  /**
   * Jira permissions the effect needs on the issue: asked for the transitioning user only when Jira refused their
   * attempt with a 400, to tell a refusal from a bad request (see userRefusal).
   */
  requiredPermissions(configuration: C): string[];
  /**
   * The fields the rule's templates show (resolved when it was saved): read in the same Jira evaluation as "Only
   * if", as the acting identity, and handed to `apply` as `fieldValues`.
   */
  templateFields?(configuration: C): readonly TemplateField[];
  /** Whether the effect shows the acting user's name (read in the same evaluation when it acts as a user). */
  wantsActorName?(configuration: C): boolean;
  /**
   * Makes the effect; returns a one-line summary for the audit log, or `{ skipped }` saying why there was nothing
   * to do (recorded as outcome `skipped`).
   */
  apply(context: EffectContext<C>): Promise<string | { skipped: string }>;
}

/** Who acts first, and for whom: the user the post-function acts for, even when the app acts instead. */
interface FirstActor {
  actor: Actor;
  fallback: boolean;
  /** Why the app acts instead of the user (said in the record). */
  why?: string;
  /** On whose behalf it acts (EffectContext.forUser). */
  forUser?: string;
  /** For `field-user`: the field the user was read from. */
  field?: ActorField;
  /** There is no user to act as and the fallback policy is "fail": the execution fails with this. */
  failure?: AccessFailure;
}

/**
 * Who acts first: the app when so configured, else the transitioning user or the user in the configured field (one
 * read of the issue, as the app). When there is no such user to act as (Jira did not say who transitioned, the field
 * is empty, the account cannot be acted as), the fallback policy decides: fail saying why, or act as the app and say
 * so. No permission is asked up front: Jira enforces the user's permissions under `asUser(accountId)`, so the effect
 * is attempted as them and a refusal is classified afterwards (`userRefusal`).
 */
async function firstActor(
  session: AccessSession,
  setting: ActorSetting,
  event: PostFunctionEvent,
): Promise<FirstActor> {
  // Acting as the app by choice is still on behalf of the transitioning user (e.g. where other projects allow it).
  if (setting.actor === 'app')
    return { actor: APP, fallback: false, ...(event.atlassianId ? { forUser: event.atlassianId } : {}) };
  const field = setting.actor === 'field-user' ? setting.actorField : undefined;
  const found: { accountId?: string; why?: string } = field
    ? await readFieldUser(session, event.issue.key, field).then((reading) =>
        reading.kind === 'user'
          ? { accountId: reading.accountId }
          : { accountId: reading.accountId, why: reading.reason },
      )
    : event.atlassianId
      ? { accountId: event.atlassianId }
      : { why: 'Jira did not say who made the transition' };
  const forUser = found.accountId;
  if (found.why === undefined && forUser !== undefined)
    return { actor: impersonate(forUser), fallback: false, forUser, ...(field ? { field } : {}) };
  const whom = field ? `the user in "${field.name}"` : 'the transitioning user';
  const failure =
    setting.fallback === 'fail'
      ? new AccessFailure(
          'INVALID_INPUT',
          `Workflow Guard did not act on ${event.issue.key}: it acts as ${whom}, and ${found.why}.`,
          `The post-function is set to act as ${whom}, but ${found.why} on ${event.issue.key}, and the fallback policy is "fail". Fix: ${field ? `fill in "${field.name}" (with an active user) before this transition, or ` : ''}let the post-function act as the app instead (fallback policy).`,
          { projectKey: projectOfIssue(event.issue.key) },
        )
      : undefined;
  return {
    actor: APP,
    fallback: true,
    why: found.why,
    ...(forUser ? { forUser } : {}),
    ...(field ? { field } : {}),
    ...(failure ? { failure } : {}),
  };
}

const sameActor = (a: Actor | undefined, b: Actor): boolean =>
  a !== undefined && JSON.stringify(a) === JSON.stringify(b);

/**
 * Whether Jira refused the effect because the user may not make it, and why (for the audit entry), or undefined
 * for any other failure. Jira says so in three ways (the spec's responses of the writes): 404 when the user may not
 * see the issue ("the issue is not found or the user does not have permission to view it"; the app's own attempt
 * then tells a hidden issue from a missing one), 403 (or 401 without a scope message), and 400 for Transition issue
 * and Edit issue ("the user does not have permission…"), which Add comment also gives for a user who may see but not
 * comment (test/emulator/FIDELITY.md). A 400 is also what any bad request gets, so only then, on this failure path,
 * one `mypermissions` call asks which permission the user lacks; a 400 while they hold them all stays a failure.
 * Link issues answers its missing permission with 404, so that 404 asks too, to name it when the user may see the issue.
 */
export async function userRefusal(
  session: AccessSession,
  error: unknown,
  user: Actor,
  permissions: readonly string[],
  where: PermissionScope,
): Promise<{ permission: string; reason: string } | undefined> {
  if (!(error instanceof AccessFailure) || !sameActor(error.details.actor, user)) return undefined;
  const what = error.details.endpoint ?? 'a Jira call';
  // Read by people on the pages (names replace account ids there): who, what they lack and where first; the call
  // Jira refused last, for the admin.
  const who = user.kind === 'impersonated' ? `the user ${user.accountId}` : describeActor(user);
  const on = 'issueKey' in where ? ` on ${where.issueKey}` : '';
  if (error.code === 'NOT_FOUND') {
    // Link issues answers a missing permission with 404 too (the spec's linkIssues): when the user may see the
    // issue, that permission is what they lack. Any other 404 needs no call: the user may not see the issue.
    const needed = error.details.permission;
    const held =
      needed === 'LINK_ISSUES' ? await heldBy(session, user, ['BROWSE_PROJECTS', needed], where) : {};
    const lacking = held.BROWSE_PROJECTS && !held[needed ?? ''] ? needed : undefined;
    return lacking !== undefined
      ? {
          permission: lacking,
          reason: `${who} lacks the Jira permission "${permissionName(lacking)}"${on} (${what} answered 404)`,
        }
      : {
          permission: 'BROWSE_PROJECTS',
          reason: `Jira did not show ${'issueKey' in where ? where.issueKey : 'the issue'} to ${who} (${what} answered 404)`,
        };
  }
  if (error.code === 'MISSING_PERMISSION') {
    const permission = error.details.permission ?? permissions[0] ?? 'BROWSE_PROJECTS';
    return {
      permission,
      reason: `${who} lacks the Jira permission "${permissionName(permission)}"${on} (${what} answered ${error.details.status ?? 403})`,
    };
  }
  if (error.code !== 'INVALID_INPUT' || error.details.status !== 400 || permissions.length === 0)
    return undefined;
  const held = await heldBy(session, user, permissions, where);
  const lacking = permissions.find((p) => !held[p]);
  return lacking === undefined
    ? undefined
    : {
        permission: lacking,
        reason: `${who} lacks the Jira permission "${permissionName(lacking)}"${on} (${what} answered 400)`,
      };
}

/**
 * Forge would not act as the user in the field (its proxy answered NEEDS_AUTHENTICATION for `asUser(accountId)`):
 * the docs do not say when offline impersonation is refused for a user (test/emulator/FIDELITY.md, "Acting as the
 * user in a field"), and this user did not make the transition, so it is a user who cannot be acted as: the fallback
 * policy decides. No permission is named; with fallback "fail" the failure stays Forge's own.
 */
function notImpersonable(
  error: unknown,
  user: Actor,
  field: ActorField,
): { permission?: string; reason: string } | undefined {
  if (!(error instanceof AccessFailure) || error.code !== 'NEEDS_AUTHENTICATION') return undefined;
  if (!sameActor(error.details.actor, user) || user.kind !== 'impersonated') return undefined;
  return {
    reason: `Forge would not act as the user ${user.accountId} in "${field.name}" (${error.details.endpoint ?? 'a Jira call'} needs their consent)`,
  };
}

/**
 * Which of `permissions` the user holds on the issue, asked only on the failure path. A 404 here: the user may not
 * see the issue, so holds nothing on it. Any other failure (a rate limit, an outage) is no answer: it goes to the
 * retry like any call's.
 */
const heldBy = (
  session: AccessSession,
  user: Actor,
  permissions: readonly string[],
  where: PermissionScope,
): Promise<Record<string, boolean>> =>
  session
    .permissions(user)
    .holds([...new Set(permissions)], where)
    .catch((failure: unknown): Record<string, boolean> => {
      if (failure instanceof AccessFailure && failure.code === 'NOT_FOUND') return {};
      throw failure;
    });

/** Throws NOT_FOUND (as the app) when the issue is gone; only asked after the user got a 404 for it. */
async function issueExists(session: AccessSession, issueKey: string): Promise<void> {
  await session.jira(APP).requestJira(route`/rest/api/3/issue/${issueKey}?fields=status`);
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
export const listParts = (parts: readonly string[]): string =>
  parts.length <= MAX_LISTED_PARTS
    ? parts.join(', ')
    : `${parts.slice(0, MAX_LISTED_PARTS).join(', ')} and ${parts.length - MAX_LISTED_PARTS} more`;

export function postFunctionHandler<C extends PostFunctionSettings>(rule: PostFunctionRule<C>) {
  return recordingShape('jira:workflowPostFunction', async (raw: unknown): Promise<unknown> => {
    const session = openSession(rule.feature, { maxWaitMs: POST_FUNCTION_MAX_SLEEP_MS });
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
    const stored = {
      detail: project.successDetail,
      ...(project.counter ? { prefetched: project.counter } : {}),
    };
    const where = {
      ...base,
      issueKey: event.issue.key,
      projectKey: project.project?.key ?? projectOfIssue(event.issue.key),
      ...(project.project ? { projectId: project.project.id } : {}),
      triggeredBy: event.atlassianId,
    };
    if (!isRuleEnabled(project.settings, rule.name)) {
      await recordExecution(
        {
          ...where,
          actor: { kind: 'none' },
          outcome: 'skipped',
          summary: `Turned off in the project settings of ${where.projectKey}: nothing was done`,
        },
        stored,
      );
      return undefined;
    }
    const configuration = readConfiguration(
      rule.configuration,
      event.configuration,
      postFunctionDefaults(project.settings),
    );
    if (!configuration.ok) {
      await recordExecution(
        {
          ...where,
          actor: { kind: 'none' },
          outcome: 'failed',
          summary: 'Invalid rule configuration',
          error: { code: 'INVALID_INPUT', message: configuration.message },
        },
        stored,
      );
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
      await recordExecution(
        {
          ...where,
          actor: { kind: 'none' },
          outcome: 'skipped',
          summary:
            claim.state === 'done'
              ? `Already applied for this transition${claim.summary ? ` (${claim.summary})` : ''}; duplicate delivery ignored`
              : 'Another delivery of this transition is applying the effect; duplicate ignored',
        },
        stored,
      );
      return undefined;
    }
    let actor: Actor | { kind: 'none' } = { kind: 'none' };
    let fallback = false;
    let acting: FirstActor | undefined;
    // Which field's user the post-function acts for (its name) and who was in it: kept with every record below.
    const actingFor = () =>
      configuration.value.actor === 'field-user' && configuration.value.actorField
        ? {
            actingFor: {
              field: configuration.value.actorField.name,
              ...(acting?.forUser ? { accountId: acting.forUser } : {}),
            },
          }
        : {};
    const resumed = claim.resumed || event.retryContext !== undefined;
    const done: string[] = [];
    const reached = new Set<string>();
    const alsoIn = () => (reached.size > 0 ? { otherProjectKeys: [...reached] } : {});
    try {
      const setting = configuration.value;
      const required = rule.requiredPermissions(setting);
      const attempt = async (chosen: { actor: Actor; fallback: boolean; forUser?: string }) => {
        ({ actor, fallback } = chosen);
        // "Only if" (every post-function's setting) and the templates' field values: one evaluation, as whoever
        // acts, before any effect.
        const before = await evaluateBeforeEffect(
          session.jira(chosen.actor),
          {
            onlyIf: setting.onlyIf,
            fields: rule.templateFields?.(setting) ?? [],
            actorName: chosen.actor.kind === 'impersonated' && (rule.wantsActorName?.(setting) ?? false),
          },
          { key: event.issue.key, projectKey: where.projectKey },
        );
        if (!before.holds) return { skipped: before.reason };
        return rule.apply({
          event,
          configuration: setting,
          jira: session.jira(chosen.actor),
          actor: chosen.actor,
          fallback: chosen.fallback,
          ...(chosen.forUser ? { forUser: chosen.forUser } : {}),
          session,
          resumed,
          projectSettings: project.settings,
          progress: (part) => void done.push(part),
          reachedProject: (projectKey) => void (projectKey !== where.projectKey && reached.add(projectKey)),
          fellBack: (reason, actsAs) => {
            fallback = true;
            if (actsAs) actor = actsAs;
            notes.push(reason);
          },
          fieldValues: before.values,
          ...(before.actorName !== undefined ? { actorName: before.actorName } : {}),
        });
      };
      const first = await firstActor(session, setting, event);
      acting = first;
      if (first.failure) throw first.failure;
      const instead = `acted as the app instead of ${first.field ? `the user in "${first.field.name}"` : 'the user'}`;
      // A fallback is said in the record with its reason, never as a plain success.
      if (first.why) notes.unshift(`${instead}: ${first.why}`);
      let result: Awaited<ReturnType<typeof attempt>>;
      try {
        result = await attempt(first);
      } catch (error) {
        // A refusal of the user's own attempt, before any part of the effect was made, falls back (or fails) as
        // the policy says; Jira applied nothing it refused, so acting again as the app cannot double the effect.
        const refusal =
          first.actor.kind === 'impersonated' && done.length === 0
            ? ((await userRefusal(session, error, first.actor, required, { issueKey: event.issue.key })) ??
              (first.field ? notImpersonable(error, first.actor, first.field) : undefined))
            : undefined;
        if (!refusal) throw error;
        if (setting.fallback !== 'act-as-app') {
          if (refusal.permission === undefined) throw error;
          // A 404 also answers for an issue deleted since the transition: the app's own read tells which.
          if (refusal.permission === 'BROWSE_PROJECTS') await issueExists(session, event.issue.key);
          throw missingPermission({
            actor: first.actor,
            permission: refusal.permission,
            projectKey: projectOfIssue(event.issue.key),
          });
        }
        notes.push(`${instead}: ${refusal.reason}`);
        result = await attempt({
          actor: APP,
          fallback: true,
          ...(first.forUser ? { forUser: first.forUser } : {}),
        });
      }
      const summary = typeof result === 'string' ? result : result.skipped;
      // The effect marked done in the same transaction as its audit entry and count.
      await recordExecution(
        {
          ...where,
          actor,
          fallback,
          outcome: typeof result === 'string' ? 'applied' : 'skipped',
          summary: noted(summary),
          ...actingFor(),
          ...alsoIn(),
        },
        { ...stored, alsoWrite: [claim.completion] },
      );
      return undefined;
    } catch (error) {
      await claim.release();
      const failure = explain(error);
      const retriesUsed = event.retryContext?.retryCount ?? 0;
      if (retryable(error) && retriesUsed < MAX_PLATFORM_RETRIES) {
        await recordExecution(
          {
            ...where,
            actor,
            fallback,
            outcome: 'retrying',
            summary: `Handed to the platform's retry ${retriesUsed + 1} of ${MAX_PLATFORM_RETRIES}`,
            ...actingFor(),
            ...alsoIn(),
            error: auditedError(failure),
          },
          stored,
        );
        return platformRetry(error.details.retryAfterMs, error.code === 'RATE_LIMITED', { rule: rule.name });
      }
      // Opt-in (configuration `reportFailureOnIssue`): the failure is also said on the issue, by the app.
      const report = configuration.value.reportFailureOnIssue
        ? await reportFailureOnIssue(session, event.issue.key, rule, failure, event.atlassianId)
        : undefined;
      // Never claim that nothing was applied when part of it was, here or by an earlier delivery.
      const applied =
        done.length > 0
          ? `The effect was applied only in part (${listParts(done)})`
          : resumed
            ? 'The effect was not completed; an earlier delivery of this transition may have applied part of it'
            : 'The effect was not applied';
      await recordExecution(
        {
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
          ...actingFor(),
          ...alsoIn(),
        },
        stored,
      );
      if (failure.code === 'INTERNAL') throw error;
      return undefined;
    }
  });
}
