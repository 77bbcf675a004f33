import { callResolver, withInvocation, type MemoryKvs, type ResolverHandler } from '../../harness';
import type { JiraSite } from '../../emulator';
import { auditEntries } from '../../support/audit';
import { adminResolver } from '../../../src/pages/admin';
import { purgeAuditPart } from '../../../src/pages/admin/data-lifecycle';
import { saveConnection, setConnectionSecret } from '../../../src/connections/store';
import { AUDIT_CSV_COLUMNS } from '../../../src/audit/csv';
import type {
  AuditExportView,
  AuditPurgeView,
  ConnectionsRemovedView,
  ConnectionsView,
  DataOverviewView,
  ExecutionsView,
} from '../../../src/shared/admin-page';
import { adminContext, CANARY, seedAdminSite, seedAudit } from './admin-site';

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
const handler = adminResolver as unknown as ResolverHandler;

/** Splits CSV text into records of fields (RFC 4180), so the tests read what a spreadsheet reads. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let value = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    const next = text[i + 1];
    if (quoted && c === '"' && next === '"') {
      value += '"';
      i += 1;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted) {
      value += c;
    } else if (c === ',') {
      record.push(value);
      value = '';
    } else if (c === '\r' && next === '\n') {
      record.push(value);
      records.push(record);
      record = [];
      value = '';
      i += 1;
    } else {
      value += c;
    }
  }
  return records;
}

describe('admin page: data and privacy', () => {
  let site: JiraSite;
  let kvs: MemoryKvs;
  beforeEach(() => {
    ({ site, kvs } = seedAdminSite());
  });

  const call = async <T>(fn: string, payload: unknown = {}) => {
    const envelope = (await callResolver(handler, fn, payload, adminContext('admin'), {
      site,
      kvs,
    })) as Envelope<T>;
    expect(JSON.stringify(envelope)).not.toContain(CANARY);
    if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
    return envelope.data;
  };

  it('exports the whole log as CSV a spreadsheet reads safely: names, escaping, no formula, in parts', async () => {
    await seedAudit(site, kvs, [
      {
        projectKey: 'OPS',
        issueKey: 'OPS-1',
        triggeredBy: 'dev',
        summary: '=HYPERLINK("http://evil.example","click"), then a "quote"\nand a second line',
        outcome: 'failed',
        error: { code: 'MISSING_PERMISSION', message: 'the bot lacks "Add comments"' },
        ageMs: 60_000,
      },
      { projectKey: 'OPS', issueKey: 'OPS-2', summary: 'Comment 10002 added' },
    ]);
    const first = await call<AuditExportView>('exportAuditLog');
    expect(first.cursor).toBeUndefined();
    expect(first.entries).toBe(2);
    const [header, newest, older] = parseCsv(first.csv);
    expect(header).toEqual([...AUDIT_CSV_COLUMNS]);
    const column = (row: string[] | undefined, name: (typeof AUDIT_CSV_COLUMNS)[number]) =>
      row?.[AUDIT_CSV_COLUMNS.indexOf(name)];
    expect(column(newest, 'Issue')).toBe('OPS-2');
    expect(column(older, 'Summary')).toBe(
      `'=HYPERLINK("http://evil.example","click"), then a "quote"\nand a second line`,
    );
    expect(column(older, 'Triggered by')).toMatch(/^.+ \(dev\)$/);
    expect(column(older, 'Outcome')).toBe('failed');
    expect(column(older, 'Error code')).toBe('MISSING_PERMISSION');
    expect(column(older, 'Rule')).toBe('Comment');
  });

  it('exports a log larger than one answer in parts, each naming where the next starts', async () => {
    await seedAudit(
      site,
      kvs,
      Array.from({ length: 1_050 }, (_, i) => ({ issueKey: `OPS-${i + 1}`, ageMs: (1_050 - i) * 1_000 })),
    );
    const parts = [await call<AuditExportView>('exportAuditLog')];
    for (let cursor = parts[0]?.cursor; cursor; cursor = parts[parts.length - 1]?.cursor)
      parts.push(await call<AuditExportView>('exportAuditLog', { cursor }));
    expect(parts.map((part) => part.entries)).toEqual([500, 500, 50]);
    const [first, ...rest] = parts.map((part) => parseCsv(part.csv));
    // The header once, in the first part; every entry once, newest first.
    expect(first?.[0]).toEqual([...AUDIT_CSV_COLUMNS]);
    const rows = [...(first ?? []).slice(1), ...rest.flat()];
    expect(rows).toHaveLength(1_050);
    expect(new Set(rows.map((r) => r[AUDIT_CSV_COLUMNS.indexOf('Entry id')])).size).toBe(1_050);
    expect(rows[0]?.[AUDIT_CSV_COLUMNS.indexOf('Issue')]).toBe('OPS-1050');
  });

  it('purges every entry, drops the storage figures, and keeps the purge itself on record', async () => {
    await seedAudit(
      site,
      kvs,
      Array.from({ length: 45 }, (_, i) => ({ issueKey: `OPS-${i + 1}`, ageMs: (45 - i) * 60_000 })),
    );
    expect((await call<DataOverviewView>('getDataOverview')).audit.entries).toBe(45);
    let progress = await call<AuditPurgeView>('purgeAuditLog');
    while (!progress.done)
      progress = await call<AuditPurgeView>('purgeAuditLog', { before: progress.before });
    const left = auditEntries(kvs);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({
      module: 'admin-page',
      outcome: 'changed',
      triggeredBy: 'admin',
      summary: expect.stringMatching(/^Audit log purged: every entry written before \d{4}-.+Z removed$/),
    });
    // Nothing of the purged entries is left under any index.
    const keys = Object.keys(kvs.snapshot().kvs).filter((key) => key.startsWith('audit:'));
    expect(keys.every((key) => key.endsWith(left[0]?.id ?? '-'))).toBe(true);
    const executions = await call<ExecutionsView>('getExecutions');
    expect(executions.entries.map((e) => e.summary)).toEqual([left[0]?.summary]);
    expect((await call<DataOverviewView>('getDataOverview')).audit.entries).toBe(1);
  });

  it('purges in parts when time runs out, and never removes what was written after it began', async () => {
    await seedAudit(
      site,
      kvs,
      Array.from({ length: 60 }, (_, i) => ({ issueKey: `OPS-${i + 1}`, ageMs: (60 - i) * 60_000 })),
    );
    const before = Date.now();
    await seedAudit(site, kvs, [{ issueKey: 'LATE-1', ageMs: -5_000 }]);
    // A clock read once for the start, then before each page: past the budget after two pages of 20.
    let ticks = 0;
    const clock = () => before + (ticks++ >= 3 ? 60_000 : 0);
    const part = await withInvocation({ site, kvs }, () => purgeAuditPart({ before }, clock));
    expect(part).toMatchObject({ before, done: false });
    expect(part.removed).toBe(40);
    const rest = await withInvocation({ site, kvs }, () => purgeAuditPart({ before }));
    expect(rest.done).toBe(true);
    expect(part.removed + rest.removed).toBe(60);
    expect(auditEntries(kvs).map((e) => e.issueKey)).toEqual(['LATE-1']);
  });

  it('deletes every connection with its secret and cached token, and records it', async () => {
    await withInvocation({ site, kvs }, async () => {
      for (const id of ['hook-a', 'hook-b']) {
        await saveConnection({
          id,
          name: `Hook ${id}`,
          url: `https://${id}.example/hook`,
          auth: { kind: 'api-token', scheme: 'bearer' },
        });
      }
      await setConnectionSecret('hook-a', CANARY, 'admin');
    });
    expect((await call<DataOverviewView>('getDataOverview')).connections).toEqual({
      count: 2,
      secretsSet: 1,
    });
    expect(await call<ConnectionsRemovedView>('deleteAllConnections')).toEqual({
      connections: 2,
      secrets: 1,
    });
    expect(Object.keys(kvs.snapshot().secrets)).toEqual([]);
    expect(Object.keys(kvs.snapshot().kvs).filter((key) => key.startsWith('connection'))).toEqual([]);
    expect((await call<ConnectionsView>('getConnections')).connections).toEqual([]);
    expect(auditEntries(kvs)[0]).toMatchObject({
      summary: 'Every connection deleted (2), with the secrets set for 1 of them',
      triggeredBy: 'admin',
    });
  });
});
