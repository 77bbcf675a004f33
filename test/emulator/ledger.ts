import type { Operation } from './spec';

/**
 * Quota points after Jira's published model (developer.atlassian.com/cloud/jira/platform/rate-limiting/):
 * "each request starts with a base cost of 1 point, and additional points are added for each object involved.
 * Write requests are charged only the base cost."
 * The emulator's reading of "object": every JSON object in a successful read's body that carries an identity
 * (`id` or `accountId`), the top-level one included. So GET /issue/X?fields=summary costs 2 (request + issue)
 * while fields=*all also pays for status, project, issuetype, users, comments... Failed requests cost the base.
 * Atlassian does not publish per-object weights; this is an approximation meant for relative comparisons.
 */
export function pointsFor(op: Operation | undefined, status: number, body: unknown): number {
  if (!op || status < 200 || status >= 300 || isWrite(op)) return 1;
  return 1 + countObjects(body);
}

const READ_PREFIX = /^(get|read|search|analyse|evaluate|find)/i;

/** POST searches/reads (e.g. search/jql, readWorkflows, permissions/check) are reads, not writes. */
function isWrite(op: Operation): boolean {
  if (op.method === 'GET') return false;
  return op.connectScope !== 'READ' && !READ_PREFIX.test(op.operationId);
}

function countObjects(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countObjects(v), 0);
  if (value === null || typeof value !== 'object') return 0;
  const own = 'id' in value || 'accountId' in value ? 1 : 0;
  return Object.values(value).reduce((n: number, v) => n + countObjects(v), own);
}
