import { buildPostFunctionEvent, callResolver, runPostFunction } from '../harness';
import { commentPostFunction } from '../../src/rules/comment';
import { auditEntries } from '../support/audit';
import { adminFunctions, adminResolver } from '../../src/pages/admin';
import { projectSettingsFunctions, projectSettingsResolver } from '../../src/pages/project-settings';
import { validatorConfigFunctions, validatorConfigResolver } from '../../src/rules/validator-config';
import { accountsFunctions, accountsResolver } from '../../src/connections/account-resolver';
import { seedPageCallers as seed, seedSite } from '../support/seed';

type Role =
  'jira admin' | 'project admin' | 'admin of another project' | 'plain user' | 'forged context' | 'anonymous';
const ROLES: Role[] = [
  'jira admin',
  'project admin',
  'admin of another project',
  'plain user',
  'forged context',
  'anonymous',
];

/** The resolver context each role's browser sends; only accountId is trusted by the app. */
function contextOf(role: Role, moduleType: string, project: { ops: { id: string }; fin: { id: string } }) {
  const ops = { project: { id: project.ops.id, key: 'OPS', type: 'software' } };
  const base = { accountType: 'licensed', extension: { type: moduleType, ...ops } };
  switch (role) {
    case 'jira admin':
      return { ...base, accountId: 'jadmin' };
    case 'project admin':
      return { ...base, accountId: 'padmin' };
    case 'admin of another project':
      return { ...base, accountId: 'fadmin' };
    case 'plain user':
      return { ...base, accountId: 'plain' };
    case 'forged context':
      // A plain user whose browser claims admin rights and another project's id under OPS's key.
      return {
        accountId: 'plain',
        accountType: 'licensed',
        extension: { type: moduleType, isAdmin: true, project: { id: project.fin.id, key: 'OPS' } },
        license: { isActive: true },
      };
    case 'anonymous':
      return { accountType: 'anonymous', extension: base.extension };
  }
}

interface Cell {
  resolver: Parameters<typeof callResolver>[0];
  moduleType: string;
  functionKey: string;
  payload: unknown;
  allowed: Role[];
  /** Functions that hand over to Forge's consent screen when allowed: only their denials are checked here. */
  denialsOnly?: boolean;
  /** Needs the connection `hooks` to exist (created by a Jira admin before the call). */
  needsConnection?: boolean;
}

const ADMIN: Role[] = ['jira admin'];
const PROJECT: Role[] = ['jira admin', 'project admin'];
const SIGNED_IN: Role[] = [
  'jira admin',
  'project admin',
  'admin of another project',
  'plain user',
  'forged context',
];
/** Who may edit some workflow's rules: Jira admins, and admins of any project (their team-managed workflow). */
const WORKFLOW_EDITORS: Role[] = ['jira admin', 'project admin', 'admin of another project'];
const connection = {
  id: 'hooks',
  name: 'Hooks',
  url: 'https://hooks.example.com/in',
  auth: { kind: 'api-token', scheme: 'bearer' },
};
/** What the page reports from `permissions.egress.get` after an admin approved the connection's host. */
const approvals = [
  {
    key: 'notify-host-hooks',
    description: 'Hooks',
    configured: [{ domain: 'https://hooks.example.com', type: ['FETCH_BACKEND_SIDE'] }],
  },
];
const projectSettings = {
  disabledRules: [],
  defaults: { actor: 'app', allowAppFallback: true, reportFailureOnIssue: false, connections: [] },
};

/** Ids as the seeded site has them (seeding is deterministic). */
const OPS_ID = seed().ops.id;
const TASK_TYPE_ID = seed().site.issueTypes.get('Task')?.id ?? '';

const cells: Cell[] = [
  ...['getPermissions', 'getRuleUsages', 'getConnections', 'getHealth', 'runHealthCheck'].map(
    (functionKey) => ({
      functionKey,
      payload: {},
    }),
  ),
  { functionKey: 'getIdentity', payload: {} },
  { functionKey: 'getExecutions', payload: {} },
  { functionKey: 'getAuditDetail', payload: {} },
  { functionKey: 'setAuditDetail', payload: { successDetail: 'summary' } },
  { functionKey: 'planConnection', payload: { connection } },
  { functionKey: 'saveConnection', payload: { connection, approvals } },
  {
    functionKey: 'setConnectionSecret',
    payload: { id: 'hooks', value: 'canary-secret-value' },
    needsConnection: true,
  },
  { functionKey: 'deleteConnectionSecret', payload: { id: 'hooks' }, needsConnection: true },
  { functionKey: 'testConnection', payload: { id: 'hooks' }, needsConnection: true },
  { functionKey: 'deleteConnection', payload: { id: 'hooks' }, needsConnection: true },
  { functionKey: 'connectProvider', payload: { provider: 'notify-account' }, denialsOnly: true },
  { functionKey: 'getDataOverview', payload: {} },
  { functionKey: 'exportAuditLog', payload: {} },
  { functionKey: 'purgeAuditLog', payload: {} },
  { functionKey: 'deleteAllConnections', payload: {}, needsConnection: true },
].map((cell) => ({ ...cell, resolver: adminResolver, moduleType: 'jira:adminPage', allowed: ADMIN }));

cells.push(
  ...[
    { functionKey: 'getProjectSettings', payload: {} },
    { functionKey: 'saveProjectSettings', payload: { expectedRevision: 0, settings: projectSettings } },
    { functionKey: 'getProjectActivity', payload: {} },
    { functionKey: 'getProjectHealth', payload: {} },
  ].map((cell) => ({
    ...cell,
    resolver: projectSettingsResolver,
    moduleType: 'jira:projectSettingsPage',
    allowed: PROJECT,
  })),
  ...[
    { functionKey: 'listFields', payload: {} },
    { functionKey: 'listLinkTypes', payload: {} },
    { functionKey: 'listCreatableProjects', payload: {} },
    { functionKey: 'listIssueTypes', payload: { projectId: OPS_ID } },
    { functionKey: 'listSubtaskTypes', payload: {} },
    { functionKey: 'listUserFields', payload: {} },
    {
      functionKey: 'checkCreateIssue',
      payload: {
        projectId: OPS_ID,
        projectName: 'Operations',
        issueTypeId: TASK_TYPE_ID,
        issueTypeName: 'Task',
        copyFields: [],
      },
    },
    {
      functionKey: 'checkTemplateFields',
      payload: { templates: [{ path: 'template', text: 'Priority {{field:Priority}}' }] },
    },
    {
      functionKey: 'prepareConfiguration',
      payload: {
        rule: 'custom-expression',
        configuration: { expression: 'issue.assignee != null', message: 'Assign the issue first.' },
      },
    },
    { functionKey: 'checkOnlyIf', payload: { expression: 'issue.priority != null' } },
    { functionKey: 'pickIssues', payload: { query: 'OPS' } },
    { functionKey: 'testExpression', payload: { expression: 'issue.key == "OPS-1"', issueKey: 'OPS-1' } },
  ].map((cell) => ({
    ...cell,
    resolver: validatorConfigResolver,
    moduleType: 'jira:workflowValidator',
    allowed: SIGNED_IN,
  })),
  // Read as the caller: the resolver lets any signed-in user ask, and Jira lists workflows only to a Jira admin.
  {
    functionKey: 'listWorkflowTransitions',
    payload: {},
    resolver: validatorConfigResolver,
    moduleType: 'jira:workflowPostFunction',
    allowed: ADMIN,
  },
  {
    resolver: validatorConfigResolver,
    moduleType: 'jira:workflowPostFunction',
    functionKey: 'listConnections',
    payload: {},
    allowed: WORKFLOW_EDITORS,
  },
  // Jira lists statuses (GET /rest/api/3/statuses/search) to project admins and Jira admins, read as the caller.
  {
    resolver: validatorConfigResolver,
    moduleType: 'jira:workflowValidator',
    functionKey: 'listStatuses',
    payload: {},
    allowed: WORKFLOW_EDITORS,
  },
  // Jira lists project roles to Jira admins only (GET /rest/api/3/role), read as the caller.
  {
    resolver: validatorConfigResolver,
    moduleType: 'jira:workflowPostFunction',
    functionKey: 'listRoles',
    payload: {},
    allowed: ADMIN,
  },
  {
    resolver: accountsResolver,
    moduleType: 'jira:personalSettingsPage',
    functionKey: 'listAccounts',
    payload: {},
    allowed: SIGNED_IN,
  },
  {
    resolver: accountsResolver,
    moduleType: 'jira:personalSettingsPage',
    functionKey: 'connectAccount',
    payload: { provider: 'notify-account' },
    allowed: SIGNED_IN,
    denialsOnly: true,
  },
);

/** How a caller is turned away: no permission, not signed in, or a project that is hidden or forged. */
const DENIALS = new Set(['MISSING_PERMISSION', 'NEEDS_AUTHENTICATION', 'NOT_FOUND', 'INVALID_INPUT']);

describe('authorization matrix: every resolver function × every kind of caller', () => {
  it('has a cell for every function of every resolver', () => {
    const functionKeys = [
      adminFunctions,
      projectSettingsFunctions,
      validatorConfigFunctions,
      accountsFunctions,
    ]
      .flatMap((functions) => Object.keys(functions))
      .sort();
    expect(cells.map((cell) => cell.functionKey).sort()).toEqual(functionKeys);
  });

  for (const cell of cells) {
    it(`${cell.functionKey}: allowed for ${cell.allowed.join(', ')}; denied, with no write, for everyone else`, async () => {
      for (const role of ROLES) {
        const allowed = cell.allowed.includes(role);
        if (allowed && cell.denialsOnly) continue;
        // Each caller meets the same fresh site, so one caller's write never decides another's answer.
        const { site, kvs, ops, fin } = seed();
        if (cell.needsConnection) {
          const context = contextOf('jira admin', 'jira:adminPage', { ops, fin });
          await callResolver(adminResolver, 'saveConnection', { connection, approvals }, context, {
            site,
            kvs,
          });
        }
        const writesBefore = kvs.writes;
        const jiraWritesBefore = site.calls.filter((c) => c.method !== 'GET').length;
        const answer = (await callResolver(
          cell.resolver,
          cell.functionKey,
          cell.payload,
          contextOf(role, cell.moduleType, { ops, fin }),
          {
            site,
            kvs,
          },
        )) as { ok: boolean; data?: unknown; error?: { code: string } };
        if (allowed) {
          expect({ role, ok: answer.ok, error: answer.error }).toEqual({ role, ok: true, error: undefined });
        } else {
          expect({
            role,
            ok: answer.ok,
            data: answer.data,
            denial: DENIALS.has(answer.error?.code ?? ''),
          }).toEqual({ role, ok: false, data: undefined, denial: true });
          expect({ role, storageWrites: kvs.writes - writesBefore }).toEqual({ role, storageWrites: 0 });
          expect({
            role,
            jiraWrites: site.calls.filter((c) => c.method !== 'GET').length - jiraWritesBefore,
          }).toEqual({ role, jiraWrites: 0 });
        }
      }
    });
  }
});

describe('authorization matrix: names that are not the app’s functions × every kind of caller', () => {
  const resolvers = [adminResolver, projectSettingsResolver, validatorConfigResolver, accountsResolver];
  const names = ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf', 'noSuchFunction'];
  for (const functionKey of names) {
    it(`${functionKey}: refused like an unknown function for every caller, with no call and no write`, async () => {
      for (const resolver of resolvers) {
        for (const role of ROLES) {
          const { site, kvs, ops, fin } = seed();
          const answer = callResolver(
            resolver,
            functionKey,
            {},
            contextOf(role, 'jira:adminPage', { ops, fin }),
            { site, kvs },
          );
          await expect(answer).rejects.toThrow(`Resolver has no definition for '${functionKey}'.`);
          expect({ role, functionKey, writes: kvs.writes, jiraCalls: site.calls.length }).toEqual({
            role,
            functionKey,
            writes: 0,
            jiraCalls: 0,
          });
        }
      }
    });
  }
});

/**
 * Post-functions act with exactly the rights of the identity chosen for them (issue 18, point 6): the app, the user
 * who transitioned (Dana, `dev`) or the user in a field (Rita, in Reporter). Each actor meets each combination of
 * who may comment, under both fallback policies: the comment is written by the chosen user when Jira lets them, never
 * by another user, and by the app only when the policy allows it and says so.
 */
describe('authorization matrix: who a post-function acts as × who may act × fallback policy', () => {
  type Actor = 'app' | 'transitioning-user' | 'field-user';
  type Who = 'both' | 'transitioning only' | 'field only' | 'neither';
  const ACTOR_KINDS: Actor[] = ['app', 'transitioning-user', 'field-user'];
  const WHO: Who[] = ['both', 'transitioning only', 'field only', 'neither'];
  const mayComment = { dev: ['both', 'transitioning only'], rita: ['both', 'field only'] };

  for (const actor of ACTOR_KINDS)
    for (const who of WHO)
      for (const fallback of ['fail', 'act-as-app'] as const) {
        it(`${actor}, ${who} may comment, fallback ${fallback}`, async () => {
          const { site, kvs } = seedSite();
          site.addUser({ accountId: 'rita', displayName: 'Rita Reporter' });
          site.grant('BROWSE_PROJECTS', { accountId: 'rita', projectKey: 'OPS' });
          if (!mayComment.dev.includes(who))
            site.revoke('ADD_COMMENTS', { accountId: 'dev', projectKey: 'OPS' });
          if (mayComment.rita.includes(who))
            site.grant('ADD_COMMENTS', { accountId: 'rita', projectKey: 'OPS' });
          site.issues.get('OPS-1')!.reporter = 'rita';
          const event = buildPostFunctionEvent(site, {
            issueKey: 'OPS-1',
            transitionId: '11',
            atlassianId: 'dev',
            configuration: JSON.stringify({
              template: 'Moved',
              actor,
              ...(actor === 'field-user' ? { actorField: { id: 'reporter', name: 'Reporter' } } : {}),
              fallback,
            }),
          });
          await runPostFunction(commentPostFunction, event, { site, kvs });
          const chosen = actor === 'app' ? 'app' : actor === 'transitioning-user' ? 'dev' : 'rita';
          const allowed = chosen === 'app' || mayComment[chosen].includes(who);
          const author = allowed ? chosen : fallback === 'act-as-app' ? 'app' : undefined;
          const authors = site
            .issue('OPS-1')
            .comments.map((c) => (c.author === site.appBot.accountId ? 'app' : c.author));
          const [entry] = auditEntries(kvs);
          expect({ authors, outcome: entry?.outcome, fallback: entry?.fallback ?? false }).toEqual({
            authors: author ? [author] : [],
            outcome: author ? 'applied' : 'failed',
            fallback: !allowed && author === 'app',
          });
          // Nobody but the chosen user is ever impersonated.
          const impersonated = site.calls.flatMap((c) =>
            c.identity.kind === 'impersonated' ? [c.identity.accountId] : [],
          );
          expect([...new Set(impersonated)]).toEqual(chosen === 'app' ? [] : [chosen]);
        });
      }
});
