import { APP, describeActor, impersonate, type Actor } from '../access/actor';
import { AccessFailure } from '../access/failures';
import { permissionName } from '../access/jira-permissions';
import type { AccessSession } from '../access/session';
import { projectOfIssue } from '../execution/validator-runner';
import { settingsForExecution } from '../settings/for-rules';
import { isRuleEnabled, type ProjectSettings } from '../settings/model';
import type { ActorSetting } from '../shared/post-function-settings';

/**
 * A rule that reaches issues of other projects than the transitioned issue's (Transition related issues moves them,
 * Copy field values reads or edits them): what it needs there, in words for the audit log.
 */
export interface ReachPolicy {
  /** The catalogue key, as project settings turn it off. */
  rule: string;
  title: string;
  /** The Jira permission the user who transitioned must hold there, e.g. TRANSITION_ISSUES. */
  permission: string;
  /** What the permission lets them do, e.g. "transition issues". */
  action: string;
}

/** What the rule may do to the issues of one project. */
export type Disposition =
  | { kind: 'act'; actor: Actor; note?: string }
  | { kind: 'skip'; reason: string }
  | { kind: 'refuse'; reason: string };

interface ProjectFacts {
  policy: ReachPolicy;
  projectKey: string;
  settings: ProjectSettings;
  configured: ActorSetting;
  /** The user the rule acts for (who transitioned, or the user in the chosen field), when there is one. */
  user?: Actor;
  /** Whether that user holds the policy's permission in the project. */
  userHolds: boolean;
}

/**
 * Another project's issues are reached only as that project allows: not at all when its admins turned the rule off;
 * as the configured actor when the user who transitioned holds the permission there; as the app on that user's
 * behalf only when the rule would act as the app and the project allows the app to act for people who lack a
 * permission. Otherwise the rule is refused there, saying why.
 */
export function decideForProject(facts: ProjectFacts): Disposition {
  const { policy, projectKey, settings, configured, user } = facts;
  if (!isRuleEnabled(settings, policy.rule))
    return {
      kind: 'skip',
      reason: `project ${projectKey} has turned "${policy.title}" off in its Workflow Guard settings`,
    };
  if (user && facts.userHolds) return { kind: 'act', actor: configured.actor === 'app' ? APP : user };
  const who = user ? describeActor(user) : 'the user it acts for (there was none)';
  const lacks = `${who} may not ${policy.action} in project ${projectKey}`;
  const wouldUseApp = configured.actor === 'app' || configured.fallback === 'act-as-app';
  if (wouldUseApp && settings.defaults.allowAppFallback)
    return {
      kind: 'act',
      actor: APP,
      note: `as the app: ${lacks}, and project ${projectKey} allows the app to act for them`,
    };
  return {
    kind: 'refuse',
    reason: wouldUseApp
      ? `${lacks}, and project ${projectKey} does not allow the app to act for people who lack a permission`
      : `${lacks} ("${permissionName(policy.permission)}")`,
  };
}

/**
 * Whether the user holds the permission in the project (404: they cannot even see it): asked once per other
 * project, because even the app acts there only for a user who may (or where that project allows it).
 */
async function userHolds(
  session: AccessSession,
  user: Actor,
  permission: string,
  projectKey: string,
): Promise<boolean> {
  try {
    const held = await session.permissions(user).holds([permission], { projectKey });
    return held[permission] === true;
  } catch (error) {
    if (error instanceof AccessFailure && error.code === 'NOT_FOUND') return false;
    throw error;
  }
}

/**
 * The disposition of every project the issues are in: the origin project's is the actor the runner chose (its
 * settings were applied before the rule ran); each other project's is decided from its own settings (two KVS
 * reads) and the user's permission there (one permission check). Each other project's settings are returned (for a
 * fallback decided later, when Jira refused the user there) with notes about unreadable settings.
 */
export async function dispositions(input: {
  policy: ReachPolicy;
  session: AccessSession;
  originProjectKey: string;
  originActor: Actor;
  targets: readonly string[];
  configured: ActorSetting;
  /** The user the rule acts for (EffectContext.forUser). */
  forUser?: string;
}): Promise<{
  byProject: Map<string, Disposition>;
  settingsOf: Map<string, ProjectSettings>;
  notes: string[];
}> {
  const byProject = new Map<string, Disposition>([
    [input.originProjectKey, { kind: 'act', actor: input.originActor }],
  ]);
  const settingsOf = new Map<string, ProjectSettings>();
  const notes: string[] = [];
  const user = input.forUser ? impersonate(input.forUser) : undefined;
  for (const target of input.targets) {
    const projectKey = projectOfIssue(target);
    if (byProject.has(projectKey)) continue;
    // Settings are kept by project id: the key names it through the key cache (src/settings/project-identity.ts).
    const { settings, problem } = await settingsForExecution(input.session.jira(APP), target, projectKey);
    if (problem) notes.push(`${projectKey}: ${problem}`);
    settingsOf.set(projectKey, settings);
    const enabled = isRuleEnabled(settings, input.policy.rule);
    const holds =
      enabled && user ? await userHolds(input.session, user, input.policy.permission, projectKey) : false;
    byProject.set(
      projectKey,
      decideForProject({
        policy: input.policy,
        projectKey,
        settings,
        configured: input.configured,
        user,
        userHolds: holds,
      }),
    );
  }
  return { byProject, settingsOf, notes };
}
