import type { JiraSite } from '../emulator';
import { callResolver, type MemoryKvs, type ResolverHandler } from '../harness';
import { pageContext, seedProjects } from '../settings/project-site';
import { projectSettingsResolver } from '../../src/pages/project-settings';
import type { ActivityPageView } from '../../src/shared/project-settings';
import { DEFAULT_PROJECT_SETTINGS, type ProjectSettings } from '../../src/settings/model';

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
const pages = projectSettingsResolver as unknown as ResolverHandler;

/**
 * The projects of the cross-project rule tests: OPS-1 blocks OPS-2 (same project) and FIN-1 (project FIN,
 * administered by finAdmin), and `dev` transitions OPS-1. What `dev` may do in each project, and what FIN's
 * settings allow, each test sets.
 */
export function seedLinkedAcrossProjects(): { site: JiraSite; kvs: MemoryKvs } {
  const { site, kvs } = seedProjects();
  site.addIssue({ key: 'OPS-2', projectKey: 'OPS', summary: 'Deploy' });
  site.linkIssues('OPS-1', 'OPS-2', 'Blocks');
  site.linkIssues('OPS-1', 'FIN-1', 'Blocks');
  return { site, kvs };
}

/** A call of the project settings page (its `invoke`) by `admin` in `project`; a refusal throws its message. */
export async function projectPageCall<T>(
  site: JiraSite,
  kvs: MemoryKvs,
  fn: string,
  payload: unknown,
  admin: string,
  project: string,
): Promise<T> {
  const answer = (await callResolver(pages, fn, payload, pageContext(site, admin, project), {
    site,
    kvs,
  })) as Envelope<T>;
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.data;
}

/** FIN's admin saves FIN's settings through the project settings page: the defaults changed, `rule` off if `off`. */
export const configureFin = (
  site: JiraSite,
  kvs: MemoryKvs,
  rule: ProjectSettings['disabledRules'][number],
  change: Partial<ProjectSettings['defaults']>,
  off = false,
) =>
  projectPageCall(
    site,
    kvs,
    'saveProjectSettings',
    {
      expectedRevision: 0,
      settings: {
        disabledRules: off ? [rule] : [],
        defaults: { ...DEFAULT_PROJECT_SETTINGS.defaults, ...change },
      },
    },
    'finAdmin',
    'FIN',
  );

/** What a project's admin reads under Project settings › Workflow Guard › activity: the post-function runs. */
export const projectActivity = async (site: JiraSite, kvs: MemoryKvs, admin: string, project: string) =>
  (
    await projectPageCall<ActivityPageView>(site, kvs, 'getProjectActivity', {}, admin, project)
  ).entries.filter((entry) => entry.kind === 'post-function');

/** The issues that answered `operationId` with 204, each with who made the call: "OPS-2 by app". */
export const issuesChangedBy = (site: JiraSite, operationId: string) =>
  site.calls
    .filter((c) => c.operationId === operationId && c.status === 204)
    .map((c) => `${c.path.split('/')[5] ?? '?'} by ${c.identity.kind}`);
