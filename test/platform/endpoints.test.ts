import { readFileSync } from 'node:fs';
import { TABLE_PATH, renderTable } from '../../scripts/endpoints/generate';
import { findEndpoint } from '../../src/permissions/endpoints';
import { copyApp, type AppCopy } from '../support/app-copy';

describe('the generated endpoint table', () => {
  let app: AppCopy;
  beforeEach(() => (app = copyApp()));
  afterEach(() => app.remove());

  it('is up to date with the code (run `npm run generate` when this fails)', () => {
    const { text, problems } = renderTable();
    expect(problems).toEqual([]);
    expect(readFileSync(TABLE_PATH, 'utf8')).toBe(text);
  });

  it('goes stale when code calls an endpoint the table lacks', () => {
    app.write(
      'src/rules/probe/call.ts',
      "import { route } from '../../access/route';\nexport const f = (j: { requestJira: Function }) => j.requestJira(route`/rest/api/3/myself`);\n",
    );
    const { text } = renderTable(app.dir);
    expect(text).not.toBe(readFileSync(TABLE_PATH, 'utf8'));
    expect(text).toContain('"pathTemplate": "/rest/api/3/myself"');
  });

  it('rejects calls Jira has no operation for, and paths that are not literal route templates', () => {
    app.write(
      'src/rules/probe/call.ts',
      [
        "import { route } from '../../access/route';",
        'export const f = (j: { requestJira: Function }, p: string) => [',
        "  j.requestJira(route`/rest/api/3/no-such-thing`, { method: 'POST' }),",
        '  j.requestJira(p),',
        '];',
      ].join('\n'),
    );
    expect(renderTable(app.dir).problems).toEqual([
      'src/rules/probe/call.ts:3: POST /rest/api/3/no-such-thing is not an operation of the Jira Cloud REST API description',
      'src/rules/probe/call.ts:4: the Jira path is not a literal route`…` template at its call site',
    ]);
  });

  it('maps concrete requests to their template and scopes at run time', () => {
    expect(findEndpoint('POST', '/rest/api/3/issue/PROJ-1/comment')).toMatchObject({
      pathTemplate: '/rest/api/3/issue/{issueIdOrKey}/comment',
      classicScopes: ['write:jira-work'],
    });
    expect(findEndpoint('GET', '/rest/api/3/mypermissions?permissions=ADD_COMMENTS')?.operationId).toBe(
      'getMyPermissions',
    );
    expect(findEndpoint('DELETE', '/rest/api/3/issue/PROJ-1')).toBeUndefined();
  });
});
