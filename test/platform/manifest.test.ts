import { validateManifest } from '../../scripts/checks/manifest';
import { REPO_ROOT } from '../../scripts/lib/openapi';
import { copyApp, type AppCopy } from '../support/app-copy';

describe('manifest validity (@forge/manifest schema and validate())', () => {
  let app: AppCopy;
  beforeEach(() => (app = copyApp()));
  afterEach(() => app.remove());

  it('accepts the app manifest', async () => {
    expect(await validateManifest(REPO_ROOT)).toEqual([]);
  });

  it('names the line and reason of a schema violation', async () => {
    app.edit('manifest.yml', (text) => text.replace('name: nodejs22.x', 'name: nodejs12.x'));
    const problems = await validateManifest(app.dir);
    const schema = problems.find((p) => p.source === 'schema');
    expect(schema?.message).toMatch(/\/app\/runtime\/name must be equal to one of the allowed values/);
    expect(schema?.line).toBe(app.lineOf('name: nodejs12.x'));
  });

  it('catches what the schema alone misses: a misspelt function property', async () => {
    app.edit('manifest.yml', (text) =>
      text.replace('function: fields-requirement-fn', 'functon: fields-requirement-fn'),
    );
    const problems = await validateManifest(app.dir);
    expect(problems).toContainEqual(
      expect.objectContaining({
        source: '@forge/manifest',
        message: expect.stringMatching(/fields-requirement.*must have either a function or expression/),
      }),
    );
  });

  it('reports a handler that does not exist', async () => {
    app.edit('manifest.yml', (text) =>
      text.replace('handler: index.commentPostFunction', 'handler: missing.handler'),
    );
    const messages = (await validateManifest(app.dir)).map((p) => p.message).join('\n');
    expect(messages).toMatch(/missing/);
  });
});
