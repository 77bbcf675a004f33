import { performance } from 'node:perf_hooks';
import {
  callResolver,
  MemoryKvs,
  readManifestPermissions,
  withInvocation,
  type BridgeContext,
  type ResolverHandler,
  type RunOptions,
} from '../test/harness';
import { JiraSite } from '../test/emulator';
import { adminContext, forgeRule } from '../test/pages/admin/admin-site';
import { pageContext } from '../test/settings/project-site';
import { APP, impersonate } from '../src/access/actor';
import type { CallRecord } from '../src/access/jira-client';
import { forgeStore } from '../src/access/kv-store';
import { AUDIT_LIMITS, AUDIT_RETENTION_DAYS, createAuditLog } from '../src/audit/audit-log';
import type { NewAuditEntry } from '../src/audit/entry';
import { adminResolver } from '../src/pages/admin';
import { projectSettingsResolver } from '../src/pages/project-settings';
import { projectSettingsStore } from '../src/settings/for-rules';
import { emulatorClock, type EmulatorClock } from './clock';
import { storedBytes } from './meter';
import { p50p95, percentile, round } from './stats';

/**
 * Scale: the admin page's and the project settings page's resolvers over a growing audit log and many projects.
 * Each scale is seeded afresh through the production write paths (createAuditLog().record, the settings store),
 * then each page load is called through the harness as the page's `invoke` reaches it. "Flat" means the same KVS
 * and Jira calls at every size; times are reported, never judged.
 */
export const SCALES = [
  { entries: 100, projects: 10 },
  { entries: 1_000, projects: 100 },
  { entries: 10_000, projects: 500 },
] as const;
type Scale = (typeof SCALES)[number];

const MEASURED_PROJECT = 'OPS';
/** Within the 2-day TTL of the hourly failure counters, so no counter outlives its real expiry. */
const LOG_WINDOW_MS = 40 * 3_600_000;
const WRITE_BATCH = 500; // entries recorded per invocation
const WARM_UP = 3;
const RUNS = 25;

const permissions = readManifestPermissions(); // read once: a per-call manifest parse would be harness time

interface World {
  site: JiraSite;
  kvs: MemoryKvs;
  /** Time inside the emulated Jira and the in-memory KVS (once seeded): the network's part, not the resolver's. */
  clock: EmulatorClock;
  /** The key or prefix of every KVS request, in order. */
  kvsKeys: string[];
  deepCursor?: string;
  /** What the audit log of `entries` executions stores (every key it wrote, as JSON). */
  auditBytes: number;
}

const runOptions = (world: World): RunOptions => ({ site: world.site, kvs: world.kvs, ...permissions });

// ---- seeding -----------------------------------------------------------------------------------------------

const KINDS = [
  {
    module: 'validator',
    rule: 'fields-requirement',
    outcome: 'allowed',
    summary: 'Every required field is filled in',
    call: { method: 'GET', pathTemplate: '/rest/api/3/issue/{issueIdOrKey}', scopes: ['read:jira-work'] },
  },
  {
    module: 'validator',
    rule: 'related-issues',
    outcome: 'blocked',
    summary: 'Sub-task OPS-12 is not done',
    call: { method: 'POST', pathTemplate: '/rest/api/3/search/jql', scopes: ['read:jira-work'] },
  },
  {
    module: 'post-function',
    rule: 'comment',
    outcome: 'applied',
    summary: 'Comment 10023 added',
    call: {
      method: 'POST',
      pathTemplate: '/rest/api/3/issue/{issueIdOrKey}/comment',
      scopes: ['write:jira-work'],
    },
  },
  {
    module: 'post-function',
    rule: 'set-fields',
    outcome: 'applied',
    summary: 'Fields Priority, Labels set',
    call: { method: 'PUT', pathTemplate: '/rest/api/3/issue/{issueIdOrKey}', scopes: ['write:jira-work'] },
  },
] as const;

/** A varied, deterministic execution: 1 in 5 in the measured project, 1 in 23 failed for a missing permission. */
function execution(i: number, projectKeys: readonly string[]): NewAuditEntry {
  const kind = KINDS[i % KINDS.length] ?? KINDS[0];
  const projectKey =
    i % 5 === 0 ? MEASURED_PROJECT : (projectKeys[i % projectKeys.length] ?? MEASURED_PROJECT);
  const user = `user-${i % 40}`;
  const actor = kind.module === 'post-function' && i % 3 === 0 ? impersonate(user) : APP;
  const failed = i % 23 === 7;
  const call: CallRecord = {
    feature: `rules/${kind.rule}`,
    actor,
    ...kind.call,
    scopes: [...kind.call.scopes],
    status: failed ? 403 : 200,
    attempts: 1,
    durationMs: 80 + (i % 90),
    ...(failed ? { failure: 'MISSING_PERMISSION' as const } : {}),
  };
  return {
    module: kind.module,
    rule: kind.rule,
    projectKey,
    issueKey: `${projectKey}-${1 + (i % 300)}`,
    triggeredBy: user,
    actor,
    calls: [call],
    outcome: failed ? 'failed' : kind.outcome,
    summary: failed ? 'Could not act on the issue' : kind.summary,
    ...(failed
      ? {
          error: {
            code: 'MISSING_PERMISSION' as const,
            message: `The Workflow Guard app user lacks a permission in ${projectKey}.`,
          },
        }
      : {}),
  };
}

function seedSite(projects: number): { site: JiraSite; projectKeys: string[] } {
  const site = new JiraSite();
  site.addUser({ accountId: 'admin', displayName: 'Ada Admin' });
  site.addUser({ accountId: 'opsAdmin', displayName: 'Olga Ops-Admin' });
  site.grant('ADMINISTER', { accountId: 'admin' });
  site.grant('BROWSE_PROJECTS', { accountId: 'admin' });
  const projectKeys = [MEASURED_PROJECT];
  site.addProject({ key: MEASURED_PROJECT, name: 'Operations' });
  for (let n = 1; n < projects; n += 1) {
    const key = `P${String(n).padStart(4, '0')}`;
    site.addProject({ key, name: `Project ${n}` });
    projectKeys.push(key);
  }
  for (const permission of ['BROWSE_PROJECTS', 'ADMINISTER_PROJECTS'])
    site.grant(permission, { accountId: 'opsAdmin', projectKey: MEASURED_PROJECT });
  // The app's rules on a workflow, so the identity page assesses the permissions they need.
  site.addWorkflow({
    name: 'Ops flow',
    statuses: [
      { name: 'To Do', category: 'new' },
      { name: 'Done', category: 'done' },
    ],
    transitions: [
      {
        id: '21',
        name: 'Finish',
        from: ['To Do'],
        to: 'Done',
        validators: [forgeRule('fields-requirement', { requirements: [] }, { list: 'validators' })],
        postFunctions: [forgeRule('comment', { template: 'Done by {user}' })],
      },
    ],
    projects: [MEASURED_PROJECT],
  });
  return { site, projectKeys };
}

/** From here on, the world's clock times the emulated Jira and KVS, and every KVS key requested is listed. */
function meter({ site, kvs, kvsKeys, clock }: World): void {
  site.handle = clock.timed(site.handle.bind(site));
  const kvsHandle = clock.timed(kvs.handle.bind(kvs));
  kvs.handle = (path, init = {}) => {
    kvsKeys.push(requestedKey(init));
    return kvsHandle(path, init);
  };
}

/** The key of a KVS get/set/delete, or the prefix of a query (@forge/kvs request bodies). */
function requestedKey(init: RequestInit): string {
  if (typeof init.body !== 'string') return '';
  const body = JSON.parse(init.body) as { key?: string; where?: Array<{ values?: string[] }> };
  return body.where?.[0]?.values?.[0] ?? body.key ?? '';
}

/** The storage family a key belongs to, e.g. audit:all, audit:failed, audit-failures:recent, settings:project. */
const family = (key: string): string => key.split(':').slice(0, 2).join(':').replace(/:$/, '') || 'other';

async function seedWorld(scale: Scale): Promise<World> {
  const { site, projectKeys } = seedSite(scale.projects);
  const kvs = new MemoryKvs();
  const world: World = { site, kvs, kvsKeys: [], clock: emulatorClock(), auditBytes: 0 };
  await withInvocation(runOptions(world), async () => {
    for (const [n, key] of projectKeys.entries()) {
      await projectSettingsStore.save(
        { id: site.requireProject(key).id, key },
        {
          expectedRevision: 0,
          settings: {
            disabledRules: n % 3 === 0 ? ['notify'] : [],
            defaults: {
              actor: n % 2 ? 'transitioning-user' : 'app',
              allowAppFallback: n % 4 !== 0,
              reportFailureOnIssue: n % 2 === 0,
              connections: [],
            },
          },
          accountId: 'opsAdmin',
        },
      );
    }
  });
  const settingsBytes = storedBytes(kvs.snapshot());
  // Oldest first, evenly over the window ending now, as the log would have grown.
  const start = Date.now() - LOG_WINDOW_MS;
  const step = LOG_WINDOW_MS / scale.entries;
  for (let first = 0; first < scale.entries; first += WRITE_BATCH) {
    await withInvocation(runOptions(world), async () => {
      let clock = start;
      const log = createAuditLog(forgeStore, () => clock);
      for (let i = first; i < Math.min(first + WRITE_BATCH, scale.entries); i += 1) {
        clock = start + Math.round(i * step);
        await log.record(execution(i, projectKeys));
      }
    });
  }
  world.auditBytes = storedBytes(kvs.snapshot()) - settingsBytes;
  meter(world);
  return world;
}

// ---- page loads --------------------------------------------------------------------------------------------

type Envelope = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };

interface PageLoad {
  name: string;
  handler: ResolverHandler;
  functionKey: string;
  payload(world: World): unknown;
  context(world: World): BridgeContext;
  /** What the page shows: entries of the log, or project rows. */
  items(data: unknown): number | '-';
}

const admin = adminResolver as unknown as ResolverHandler;
const projectSettings = projectSettingsResolver as unknown as ResolverHandler;
const entriesOf = (data: unknown) => (data as { entries: unknown[] }).entries.length;
const asAdmin = () => adminContext('admin');
const asProjectAdmin = (world: World) => pageContext(world.site, 'opsAdmin', MEASURED_PROJECT);

export const PAGE_LOADS: PageLoad[] = [
  {
    name: 'admin getExecutions: first page',
    handler: admin,
    functionKey: 'getExecutions',
    payload: () => ({}),
    context: asAdmin,
    items: entriesOf,
  },
  {
    name: 'admin getExecutions: failed only',
    handler: admin,
    functionKey: 'getExecutions',
    payload: () => ({ outcome: 'failed' }),
    context: asAdmin,
    items: entriesOf,
  },
  {
    name: `admin getExecutions: project ${MEASURED_PROJECT}`,
    handler: admin,
    functionKey: 'getExecutions',
    payload: () => ({ projectKey: MEASURED_PROJECT }),
    context: asAdmin,
    items: entriesOf,
  },
  {
    name: 'admin getExecutions: mid-log page (cursor)',
    handler: admin,
    functionKey: 'getExecutions',
    payload: (world) => ({ cursor: world.deepCursor }),
    context: asAdmin,
    items: entriesOf,
  },
  {
    name: 'admin getIdentity: first page of projects',
    handler: admin,
    functionKey: 'getIdentity',
    payload: () => ({}),
    context: asAdmin,
    items: (data) => (data as { projects: unknown[] }).projects.length,
  },
  {
    name: `project getProjectSettings: ${MEASURED_PROJECT}`,
    handler: projectSettings,
    functionKey: 'getProjectSettings',
    payload: () => ({}),
    context: asProjectAdmin,
    items: () => '-',
  },
  {
    name: `project getProjectActivity: ${MEASURED_PROJECT}`,
    handler: projectSettings,
    functionKey: 'getProjectActivity',
    payload: () => ({}),
    context: asProjectAdmin,
    items: entriesOf,
  },
  {
    name: `project getProjectActivity: ${MEASURED_PROJECT} failures`,
    handler: projectSettings,
    functionKey: 'getProjectActivity',
    payload: () => ({ onlyFailures: true }),
    context: asProjectAdmin,
    items: entriesOf,
  },
];

async function call(world: World, load: PageLoad): Promise<unknown> {
  const envelope = (await callResolver(
    load.handler,
    load.functionKey,
    load.payload(world),
    load.context(world),
    runOptions(world),
  )) as Envelope;
  if (!envelope.ok)
    throw new Error(`${load.name} answered ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.data;
}

/** Follows the admin page's own cursors (50 a page) to the middle of the log. */
async function cursorAtMiddle(world: World, entries: number): Promise<string> {
  let passed = 0;
  let cursor: string | undefined;
  while (passed < entries / 2) {
    const page = (await call(world, {
      name: 'admin getExecutions: paging to mid-log',
      handler: admin,
      functionKey: 'getExecutions',
      payload: () => ({ limit: 50, ...(cursor ? { cursor } : {}) }),
      context: asAdmin,
      items: entriesOf,
    })) as { entries: unknown[]; cursor?: string };
    passed += page.entries.length;
    cursor = page.cursor;
    if (!cursor) throw new Error(`the audit log ended after ${passed} of ${entries} entries`);
  }
  return cursor as string;
}

const tally = (values: readonly string[]): Map<string, number> =>
  values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<string, number>());

const describeTally = (counts: Map<string, number>): string =>
  [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([value, n]) => `${value} ${n}`)
    .join(', ');

/** One value when every run agrees, else the range: a varying count is itself a finding. */
const spread = (values: readonly number[]): string | number =>
  Math.min(...values) === Math.max(...values)
    ? (values[0] ?? NaN)
    : `${Math.min(...values)}-${Math.max(...values)}`;

/** A type alias, not an interface, so that printTable accepts it as a record. */
export type ScaleFigures = {
  'page load': string;
  'entries / projects': string;
  'KVS calls': string | number;
  'KVS calls by key': string;
  'Jira calls': string | number;
  'Jira calls by operation': string;
  items: string | number;
  'wall ms p50/p95': string;
  'own ms p50/p95': string;
};

interface Measured {
  figures: ScaleFigures;
  kvsByKey: Map<string, number>;
  jiraByOperation: Map<string, number>;
  ownP50: number;
  wallP50: number;
}

async function measure(world: World, load: PageLoad, scale: Scale): Promise<Measured> {
  for (let i = 0; i < WARM_UP; i += 1) await call(world, load);
  const wall: number[] = [];
  const own: number[] = [];
  const kvsCalls: number[] = [];
  const jiraCalls: number[] = [];
  let kvsKeys: string[] = [];
  let jiraOps: string[] = [];
  let items: number | '-' = '-';
  for (let i = 0; i < RUNS; i += 1) {
    const [kvsBefore, keysBefore, jiraBefore] = [
      world.kvs.calls.length,
      world.kvsKeys.length,
      world.site.calls.length,
    ];
    const { result: data, wallMs, ownMs } = await world.clock.time(() => call(world, load));
    wall.push(wallMs);
    own.push(ownMs);
    kvsCalls.push(world.kvs.calls.length - kvsBefore);
    jiraCalls.push(world.site.calls.length - jiraBefore);
    kvsKeys = world.kvsKeys.slice(keysBefore).map(family);
    jiraOps = world.site.calls.slice(jiraBefore).map((c) => c.operationId ?? c.path);
    items = load.items(data);
  }
  const [kvsByKey, jiraByOperation] = [tally(kvsKeys), tally(jiraOps)];
  return {
    figures: {
      'page load': load.name,
      'entries / projects': `${scale.entries} / ${scale.projects}`,
      'KVS calls': spread(kvsCalls),
      'KVS calls by key': describeTally(kvsByKey),
      'Jira calls': spread(jiraCalls),
      'Jira calls by operation': describeTally(jiraByOperation),
      items,
      'wall ms p50/p95': p50p95(wall),
      'own ms p50/p95': p50p95(own),
    },
    kvsByKey,
    jiraByOperation,
    ownP50: round(percentile(own, 50)),
    wallP50: round(percentile(wall, 50)),
  };
}

/** The calls (by key family or Jira operation) whose count is not the same at every size, with the counts. */
function changing(counts: Map<string, number>[]): string[] {
  const names = [...new Set(counts.flatMap((c) => [...c.keys()]))].sort();
  return names
    .map((name) => ({ name, series: counts.map((c) => c.get(name) ?? 0) }))
    .filter(({ series }) => new Set(series).size > 1)
    .map(({ name, series }) => `${name} ${series.join(' → ')}`);
}

/** Per page load across the sizes: flat when every kind of call is made as often at every size. */
function flatness(measured: Measured[]) {
  return PAGE_LOADS.map((load) => {
    const mine = measured.filter((m) => m.figures['page load'] === load.name);
    const across = (pick: (m: Measured) => string | number) => mine.map(pick).join(' → ');
    const differences = [
      ...changing(mine.map((m) => m.kvsByKey)).map((d) => `KVS ${d}`),
      ...changing(mine.map((m) => m.jiraByOperation)).map((d) => `Jira ${d}`),
    ];
    return {
      'page load': load.name,
      'KVS calls': across((m) => m.figures['KVS calls']),
      'Jira calls': across((m) => m.figures['Jira calls']),
      'own ms p50': across((m) => m.ownP50),
      'wall ms p50': across((m) => m.wallP50),
      'calls that change with size': differences.join('; ') || 'none: flat',
    };
  });
}

/** The site of the retention figure: 1,000 transitions a day, each running one rule that writes an entry. */
export const TRANSITIONS_PER_DAY = 1_000;

/**
 * What the audit log holds at steady state for a site making TRANSITIONS_PER_DAY transitions: entries live
 * AUDIT_RETENTION_DAYS (their TTL) unless the per-installation cap evicts them first; bytes per entry as
 * measured on the largest seeded log.
 */
function retention(bytesPerExecution: number) {
  const byRetention = TRANSITIONS_PER_DAY * AUDIT_RETENTION_DAYS;
  const entries = Math.min(byRetention, AUDIT_LIMITS.maxEntries);
  const bytes = Math.min(entries * bytesPerExecution, AUDIT_LIMITS.maxBytes);
  return {
    'transitions a day': TRANSITIONS_PER_DAY,
    'retention days': AUDIT_RETENTION_DAYS,
    'entries the retention would keep': byRetention,
    'cap (entries / MB)': `${AUDIT_LIMITS.maxEntries} / ${AUDIT_LIMITS.maxBytes / 1024 ** 2}`,
    'entries held': entries,
    'days held': round(entries / TRANSITIONS_PER_DAY, 1),
    'bytes per entry': bytesPerExecution,
    'MB held': round(bytes / 1024 ** 2, 2),
  };
}

export async function benchScale() {
  const started = performance.now();
  const measured: Measured[] = [];
  const seeding: Array<{
    'entries / projects': string;
    'seed s': number;
    'KVS keys': number;
    'audit log bytes': number;
    'bytes per execution': number;
  }> = [];
  for (const scale of SCALES) {
    const seedStart = performance.now();
    const world = await seedWorld(scale);
    seeding.push({
      'entries / projects': `${scale.entries} / ${scale.projects}`,
      'seed s': round((performance.now() - seedStart) / 1000, 1),
      'KVS keys': Object.keys(world.kvs.snapshot().kvs).length,
      'audit log bytes': world.auditBytes,
      'bytes per execution': Math.round(world.auditBytes / scale.entries),
    });
    world.deepCursor = await cursorAtMiddle(world, scale.entries);
    for (const load of PAGE_LOADS) measured.push(await measure(world, load, scale));
  }
  return {
    retention: retention(seeding.at(-1)?.['bytes per execution'] ?? NaN),
    sizes: SCALES.map((scale) => `${scale.entries} / ${scale.projects}`).join(' → '),
    runs: RUNS,
    seeding,
    rows: measured.map((m) => m.figures),
    summary: flatness(measured),
    'total s': round((performance.now() - started) / 1000, 1),
  };
}
