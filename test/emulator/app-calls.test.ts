import path from 'node:path';
import { findCallSites } from '../../scripts/endpoints/call-sites';
import { checkQuery } from './request-usage';
import { routerFor } from './routing';
import { loadSpec } from './spec';

const ROOT = path.resolve(__dirname, '..', '..');
const INTERPOLATED = '{}';

/**
 * Every Jira call site in src/, read from its literal route template: the operation exists and is not deprecated,
 * and every query parameter it writes is defined for it, with each value written literally (`expand=groups`,
 * `orderBy=key`) documented. Interpolated values are checked at run time by the emulator, in the tests that make
 * the call; this catches a call no test makes.
 */
describe("the app's Jira calls, as written", () => {
  const spec = loadSpec();
  const router = routerFor(spec);
  const { sites, problems } = findCallSites(ROOT);

  it('are all found', () => {
    expect(problems).toEqual([]);
    expect(sites.length).toBeGreaterThan(15);
  });

  it('use only documented operations, query parameters and literal values', () => {
    const findings = sites.flatMap((site) => {
      const where = `${site.file}:${site.line} ${site.method} ${site.pathPattern}`;
      const route = router.match(site.method, site.pathPattern.replaceAll(INTERPOLATED, 'x'));
      if (route.kind !== 'match') return [`${where}: no operation of the spec`];
      const op = route.operation;
      if (op.deprecated) return [`${where}: ${op.operationId} is deprecated`];
      const query = new URLSearchParams(site.queryPattern);
      // A value written as `${…}` is not known here: only its parameter's name is checked.
      for (const [name, value] of [...query]) if (value.includes(INTERPOLATED)) query.set(name, '');
      return checkQuery(op, query)
        .findings.filter((f) => !(f.kind === 'query-value' && query.get(f.name) === ''))
        .map((f) => `${where}: ${f.detail}`);
    });
    expect(findings).toEqual([]);
  });

  it('read comment properties through Get comments by IDs, never through Get comments', () => {
    const comments = sites.filter((s) => s.pathPattern.endsWith('/comment') && s.method === 'GET');
    expect(comments.map((s) => s.queryPattern)).toEqual(['orderBy=-created&maxResults={}']);
    expect(sites.map((s) => `${s.method} ${s.pathPattern}?${s.queryPattern}`)).toContain(
      'POST /rest/api/3/comment/list?expand=properties',
    );
  });
});
