import { z } from 'zod';
import { APP, CURRENT_USER } from '../../access/actor';
import { displayNames } from '../../access/people';
import { AccessFailure, invalidInput } from '../../access/failures';
import { text } from '../../access/texts';
import { forgeStore } from '../../access/kv-store';
import type { AccessSession } from '../../access/session';
import { createAuditLog } from '../../audit/audit-log';
import { listConnections } from '../../connections/store';
import { recordExecution } from '../../execution/audit-sink';
import {
  buildResolver,
  type ResolverFunction,
  type ResolverFunctions,
} from '../../execution/resolver-runner';
import { requireProjectAdmin, type ProjectPrincipal } from '../../permissions/authorize';
import { declaredRules } from '../../permissions/declared-permissions';
import { projectSettingsStore } from '../../settings/for-rules';
import { knownKeys, rememberProjectKey } from '../../settings/project-identity';
import { isRuleEnabled, ProjectSettings } from '../../settings/model';
import { settingsConflict, type SettingsState } from '../../settings/store';
import type { ActivityPageView, ProjectSettingsView } from '../../shared/project-settings';
import { peopleOf } from '../admin/executions';
import { activityView } from './activity';
import { checkBotAccess } from './bot-access';
import { describeChanges } from './changes';
import { readHealthReport } from '../../health/run';
import type { HealthReportView } from '../../shared/health';
import { findRulesInUse } from './rules-in-use';

const auditLog = createAuditLog(forgeStore);
const ACTIVITY_PAGE = 20;

async function buildView(
  session: AccessSession,
  principal: ProjectPrincipal,
  state: SettingsState,
): Promise<ProjectSettingsView> {
  const { project } = principal;
  // The last editor's name, looked up only when the page names someone other than the viewer.
  const editor = state.updatedBy !== principal.accountId ? state.updatedBy : undefined;
  const [botAccess, configured, names, inUse] = await Promise.all([
    checkBotAccess(session, project, state.settings),
    listConnections(),
    editor ? displayNames(session.jira(APP), [editor]) : Promise.resolve(new Map<string, string>()),
    findRulesInUse(session, project),
  ]);
  const updatedByName = editor ? names.get(editor) : undefined;
  const stale = state.settings.defaults.connections.filter((id) => !configured.some((c) => c.id === id));
  return {
    project: { key: project.key, name: project.name, style: project.style },
    viewerAccountId: principal.accountId,
    revision: state.revision,
    ...(state.updatedAt ? { updatedAt: state.updatedAt } : {}),
    ...(state.updatedBy ? { updatedBy: state.updatedBy } : {}),
    ...(updatedByName ? { updatedByName } : {}),
    settings: state.settings,
    rules: declaredRules()
      .map((rule) => ({
        key: rule.key,
        title: rule.title,
        kind: rule.kind,
        enabled: isRuleEnabled(state.settings, rule.key),
        switchable: rule.evaluatedBy === 'app',
        usedOn: inUse.usedOn.get(rule.key) ?? [],
      }))
      .sort(
        (a, b) => Number(b.usedOn.length > 0) - Number(a.usedOn.length > 0) || a.title.localeCompare(b.title),
      ),
    ...(inUse.problem ? { rulesInUseProblem: inUse.problem } : {}),
    connections: [
      ...configured.map((c) => ({ id: c.id, name: c.name, configured: true })),
      ...stale.map((id) => ({ id, name: id, configured: false })),
    ],
    botAccess,
  };
}

const getProjectSettings: ResolverFunction<object, ProjectPrincipal, ProjectSettingsView> = {
  input: z.strictObject({}),
  authorize: requireProjectAdmin,
  async handle(_input, principal, session) {
    const { id, key } = principal.project;
    // Jira just named the project's key: remembered, so entries kept under an earlier key stay on this page.
    await rememberProjectKey(forgeStore, { id, key }, Date.now());
    return buildView(session, principal, await projectSettingsStore.load({ id, key }));
  },
};

const SaveInput = z.strictObject({
  expectedRevision: z.number().int().min(0),
  settings: ProjectSettings,
});

const saveProjectSettings: ResolverFunction<
  z.infer<typeof SaveInput>,
  ProjectPrincipal,
  ProjectSettingsView
> = {
  input: SaveInput,
  authorize: requireProjectAdmin,
  async handle({ expectedRevision, settings }, principal, session) {
    const { project } = principal;
    const before = await projectSettingsStore.load(project);
    // Ids already allowed stay valid after the Jira admin removes the connection, so the page can still be saved.
    const configured = new Set([
      ...(await listConnections()).map((c) => c.id),
      ...before.settings.defaults.connections,
    ]);
    const unknown = settings.defaults.connections.filter((id) => !configured.has(id));
    if (unknown.length) {
      const values = {
        ids: unknown.map((id) => text('errors.quoted', { words: id })),
        count: unknown.length,
      };
      // Said beside the connections field too: the list changed since the page was opened.
      throw invalidInput(text('errors.settings.unknownConnections', values), {
        fieldTexts: {
          'settings.defaults.connections': text('errors.settings.unknownConnectionsHere', values),
        },
      });
    }
    const saved = await projectSettingsStore
      .save(project, { expectedRevision, settings, accountId: principal.accountId })
      .catch(async (error: unknown) => {
        if (!(error instanceof AccessFailure && error.code === 'CONFLICT')) throw error;
        // Said with the name of who saved first, looked up only now that someone did.
        const latest = await projectSettingsStore.load(project);
        const other = latest.updatedBy !== principal.accountId ? latest.updatedBy : undefined;
        const names = other ? await displayNames(session.jira(APP), [other]) : new Map<string, string>();
        throw settingsConflict(latest, principal.accountId, other ? names.get(other) : undefined);
      });
    await recordExecution({
      module: 'project-settings',
      rule: 'project-settings',
      projectKey: project.key,
      projectId: project.id,
      triggeredBy: principal.accountId,
      actor: CURRENT_USER,
      calls: session.calls,
      outcome: 'changed',
      summary: `${describeChanges(before.settings, saved.settings)} (revision ${saved.revision})`,
    });
    return buildView(session, principal, saved);
  },
};

const ActivityInput = z.strictObject({
  onlyFailures: z.boolean().default(false),
  cursor: z.string().min(1).max(2000).optional(),
});

const getProjectActivity: ResolverFunction<
  z.infer<typeof ActivityInput>,
  ProjectPrincipal,
  ActivityPageView
> = {
  input: ActivityInput,
  authorize: requireProjectAdmin,
  async handle({ onlyFailures, cursor }, principal, session) {
    const { project } = principal;
    const keys = await knownKeys(forgeStore, project);
    const page = await auditLog.query(
      { project: { id: project.id, keys }, ...(onlyFailures ? { outcome: 'failed' as const } : {}) },
      { limit: ACTIVITY_PAGE, ...(cursor ? { cursor } : {}) },
    );
    // One lookup for the whole page, only for the people its entries name.
    const people = page.entries.flatMap(peopleOf);
    const names = people.length ? await displayNames(session.jira(APP), people) : new Map<string, string>();
    return {
      entries: page.entries.map((entry) => activityView(entry, names)),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    };
  },
};

/** The last health check's problems in rules that run in this project (no Jira call). */
const getProjectHealth: ResolverFunction<object, ProjectPrincipal, HealthReportView> = {
  input: z.strictObject({}),
  authorize: requireProjectAdmin,
  handle: (_input, principal) => readHealthReport(principal.project.id),
};

/** Every function of the project settings page's resolver, by function key (exported for the proof suites). */
export const projectSettingsFunctions = {
  getProjectSettings,
  saveProjectSettings,
  getProjectActivity,
  getProjectHealth,
} satisfies ResolverFunctions;

/** Resolver of the jira:projectSettingsPage module: every call proves the caller administers the project. */
export const projectSettingsResolver = buildResolver('pages/project-settings', projectSettingsFunctions);
