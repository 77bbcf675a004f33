import { z } from 'zod';
import { impersonate } from '../../access/actor';
import { forgeStore } from '../../access/kv-store';
import { sortKeysAt, storedItems } from '../../audit/audit-log';
import type { AuditEntry } from '../../audit/entry';
import type { SuccessDetail } from '../../audit/stored-entry';
import { readSuccessDetail, saveSuccessDetail } from '../../settings/installation';
import type { AuditDetailView } from '../../shared/admin-page';

export const AuditDetailInput = z.strictObject({ successDetail: z.enum(['full', 'summary']) });

/**
 * A typical success to weigh each choice with: a comment post-function acting as the transitioning user, in a
 * project known by id, with its one call to Jira. Its size is measured by the same code that stores entries.
 */
const TYPICAL_SUCCESS: AuditEntry = {
  id: 'AAAAAAAAAAAA',
  at: '2026-11-30T12:00:00.000Z',
  module: 'post-function',
  rule: 'comment',
  projectKey: 'OPS',
  projectId: '10000',
  issueKey: 'OPS-1234',
  triggeredBy: '557058:f1a2b3c4-d5e6-4789-8abc-def012345678',
  actor: impersonate('557058:f1a2b3c4-d5e6-4789-8abc-def012345678'),
  calls: [
    {
      method: 'POST',
      pathTemplate: '/rest/api/3/issue/{issueIdOrKey}/comment',
      status: 201,
      attempts: 1,
      durationMs: 180,
      scopes: ['write:jira-work'],
      actor: impersonate('557058:f1a2b3c4-d5e6-4789-8abc-def012345678'),
    },
  ],
  scopesUsed: ['write:jira-work'],
  outcome: 'applied',
  summary: 'Comment 10023 added',
};

/** Bytes the audit log keeps for 1,000 successful executions like the typical one, under each choice. */
export function storagePerThousand(): Record<SuccessDetail, number> {
  const time = sortKeysAt(Date.parse(TYPICAL_SUCCESS.at));
  const per = (detail: SuccessDetail) => storedItems(TYPICAL_SUCCESS, time, detail).bytes * 1_000;
  return { full: per('full'), summary: per('summary') };
}

export async function readAuditDetail(): Promise<AuditDetailView> {
  return { successDetail: await readSuccessDetail(forgeStore), perThousand: storagePerThousand() };
}

export async function setAuditDetail(detail: SuccessDetail): Promise<AuditDetailView> {
  await saveSuccessDetail(forgeStore, detail);
  return readAuditDetail();
}
