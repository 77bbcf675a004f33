import { APP, describeActor, impersonate, type Actor } from '../../access/actor';
import { AccessFailure } from '../../access/failures';
import type { AccessSession } from '../../access/session';
import { projectOfIssue } from '../../execution/validator-runner';
import { settingsForExecution } from '../../settings/for-rules';
import { isRuleEnabled, type ProjectSettings } from '../../settings/model';
import type { TransitionRelatedConfig } from './configuration';

export const RULE_KEY = 'transition-related';

/** What the rule may do to the related issues in one project. */
export type Disposition =
  | { kind: 'act'; actor: Actor; note?: string }
  | { kind: 'skip'; reason: string }
  | { kind: 'refuse'; reason: string };

interface ProjectFacts {
  projectKey: string;
  settings: ProjectSettings;
  configured: Pick<TransitionRelatedConfig, 'actor' | 'fallback'>;
  /** The user who transitioned, when Jira said who it was. */
  user?: Actor;
  /** Whether that user holds Transition issues in the project. */
  userMayTransition: boolean;
}

/**
 * Another project's issues are moved only as that project allows: not at all when its admins turned the rule off;
 * as the configured actor when the user who transitioned may transition issues there; as the app on that user's
 * behalf only when the rule would act as the app and the project allows the app to act for people who lack a
 * permission. Otherwise the move is refused there, saying why.
 */
export function decideForProject(facts: ProjectFacts): Disposition {
  const { projectKey, settings, configured, user } = facts;
  if (!isRuleEnabled(settings, RULE_KEY))
    return {
      kind: 'skip',
      reason: `project ${projectKey} has turned "Transition related issues" off in its Workflow Guard settings`,
    };
  if (user && facts.userMayTransition) return { kind: 'act', actor: configured.actor === 'app' ? APP : user };
  const who = user ? describeActor(user) : 'the user who made the transition (Jira did not say who)';
  const lacks = `${who} may not transition issues in project ${projectKey}`;
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
      : `${lacks} ("Transition issues")`,
  };
}

/**
 * Whether the user holds Transition issues in the project (404: they cannot even see it): asked once per other
 * project, because even the app acts there only for a user who may (or where that project allows it).
 */
async function mayTransition(session: AccessSession, user: Actor, projectKey: string): Promise<boolean> {
  try {
    const held = await session.permissions(user).holds(['TRANSITION_ISSUES'], { projectKey });
    return held.TRANSITION_ISSUES === true;
  } catch (error) {
    if (error instanceof AccessFailure && error.code === 'NOT_FOUND') return false;
    throw error;
  }
}

/**
 * The disposition of every project the targets are in: the origin project's is the actor the runner chose (its
 * settings were applied before the rule ran); each other project's is decided from its own settings (two KVS
 * reads) and the user's permission there (one permission check). Each other project's settings are returned (for a
 * fallback decided later, when Jira refused the user there) with notes about unreadable settings.
 */
export async function dispositions(input: {
  session: AccessSession;
  originProjectKey: string;
  originActor: Actor;
  targets: readonly string[];
  configured: Pick<TransitionRelatedConfig, 'actor' | 'fallback'>;
  atlassianId?: string;
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
  const user = input.atlassianId ? impersonate(input.atlassianId) : undefined;
  for (const target of input.targets) {
    const projectKey = projectOfIssue(target);
    if (byProject.has(projectKey)) continue;
    // Settings are kept by project id: the key names it through the key cache (src/settings/project-identity.ts).
    const { settings, problem } = await settingsForExecution(input.session.jira(APP), target, projectKey);
    if (problem) notes.push(`${projectKey}: ${problem}`);
    settingsOf.set(projectKey, settings);
    const enabled = isRuleEnabled(settings, RULE_KEY);
    const userMayTransition = enabled && user ? await mayTransition(input.session, user, projectKey) : false;
    byProject.set(
      projectKey,
      decideForProject({ projectKey, settings, configured: input.configured, user, userMayTransition }),
    );
  }
  return { byProject, settingsOf, notes };
}
