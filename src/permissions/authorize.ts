import { z } from 'zod';
import { CURRENT_USER } from '../access/actor';
import { AccessFailure, missingPermission } from '../access/failures';
import { route } from '../access/route';
import type { AccessSession } from '../access/session';
import type { TrustedContext } from '../execution/resolver-runner';

/** Who may use a page, proven server-side for every resolver call. */
export interface Principal {
  accountId: string;
}
export interface ProjectPrincipal extends Principal {
  project: {
    id: string;
    key: string;
    name: string;
    style: 'company-managed' | 'team-managed';
    /** The project's issue types (Jira includes them in the project by default): which workflows it uses. */
    issueTypeIds: string[];
  };
}

/** Any signed-in user; for pages whose every Jira call runs as that user, so Jira itself enforces their rights. */
export function signedIn(context: TrustedContext): Principal {
  if (!context.accountId || context.accountType === 'anonymous') {
    throw new AccessFailure(
      'NEEDS_AUTHENTICATION',
      'Sign in to Jira to use Workflow Guard.',
      'A resolver was called without a signed-in user.',
    );
  }
  return { accountId: context.accountId };
}

/** Jira admins only: `ADMINISTER`, asked of Jira as the calling user, never read from the browser's context. */
export async function requireJiraAdmin(session: AccessSession, context: TrustedContext): Promise<Principal> {
  const principal = signedIn(context);
  await session.permissions(CURRENT_USER).require(['ADMINISTER'], { global: true });
  return principal;
}

/**
 * Whoever may edit some workflow's rules: Jira admins (every workflow) and project admins (their team-managed
 * project's own workflow). One `mypermissions` call without a project: a project permission then reads true "if the
 * user has the project permission in any project" (the operation's description in the Jira OpenAPI spec).
 */
export async function requireWorkflowEditor(
  session: AccessSession,
  context: TrustedContext,
): Promise<Principal> {
  const principal = signedIn(context);
  const held = await session
    .permissions(CURRENT_USER)
    .holds(['ADMINISTER', 'ADMINISTER_PROJECTS'], { global: true });
  if (!held.ADMINISTER && !held.ADMINISTER_PROJECTS)
    throw missingPermission({ actor: CURRENT_USER, permission: 'ADMINISTER_PROJECTS' });
  return principal;
}

/** Jira project ids are numbers (sent as text or number); anything else never reaches a Jira address. */
const ProjectReference = z.object({
  project: z.object({
    id: z.union([z.string().regex(/^\d{1,18}$/), z.number().int().nonnegative()]).transform(String),
    key: z.string().optional(),
  }),
});
const ProjectBody = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  style: z.enum(['classic', 'next-gen']).optional(),
  simplified: z.boolean().optional(),
  issueTypes: z.array(z.object({ id: z.string() })).optional(),
});

/**
 * Project admins of the project the page was opened in. The browser's `extension.project` is only a hint: the
 * project is read again as the user (which also proves they can see it) and *Administer projects* is checked in it
 * (Jira admins, who administer every project, pass too). A key that disagrees with the id is refused, not ignored.
 */
export async function requireProjectAdmin(
  session: AccessSession,
  context: TrustedContext,
  untrustedExtension: unknown,
): Promise<ProjectPrincipal> {
  const principal = signedIn(context);
  const hint = ProjectReference.safeParse(untrustedExtension);
  if (!hint.success) {
    throw new AccessFailure(
      'INVALID_INPUT',
      'Open this page from a project’s settings.',
      'The page context names no project.',
    );
  }
  const body = ProjectBody.parse(
    await session
      .jira(CURRENT_USER)
      .requestJira(route`/rest/api/3/project/${hint.data.project.id}`, { permission: 'BROWSE_PROJECTS' }),
  );
  if (hint.data.project.key !== undefined && hint.data.project.key !== body.key) {
    throw new AccessFailure(
      'INVALID_INPUT',
      'This page’s project does not match the project in Jira. Reload the page from the project’s settings.',
      `The page context named project key ${hint.data.project.key} with the id of project ${body.key}.`,
    );
  }
  // One mypermissions call for both: ADMINISTER is global, asked here with the project as context.
  const held = await session
    .permissions(CURRENT_USER)
    .holds(['ADMINISTER_PROJECTS', 'ADMINISTER'], { projectKey: body.key });
  if (!held.ADMINISTER_PROJECTS && !held.ADMINISTER) {
    throw missingPermission({ actor: CURRENT_USER, permission: 'ADMINISTER_PROJECTS', projectKey: body.key });
  }
  const teamManaged = body.style === 'next-gen' || body.simplified === true;
  return {
    ...principal,
    project: {
      id: body.id,
      key: body.key,
      name: body.name,
      style: teamManaged ? 'team-managed' : 'company-managed',
      issueTypeIds: (body.issueTypes ?? []).map((t) => t.id),
    },
  };
}
