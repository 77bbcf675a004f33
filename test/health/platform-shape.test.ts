import { runPostFunction, runValidator, withInvocation, MemoryKvs } from '../harness';
import { JiraSite } from '../emulator';
import { forgeStore } from '../../src/access/kv-store';
import { inEnglish } from '../../src/access/texts';
import { storageKeys } from '../../src/access/storage-keys';
import { fieldsRequirementValidator } from '../../src/rules/fields-requirement';
import { commentPostFunction } from '../../src/rules/comment';
import { readShapeReports, shapeFindings } from '../../src/health/shapes';
import type { ShapeRecord } from '../../src/execution/platform-shape';

const CANARY = 'secret-summary-canary-3f9';

/**
 * What a real site sends: the first execution of each module kind in an environment records the shape of its input
 * (names and types, never values), and the health check compares it with what the app reads. Module-level state:
 * this file is one invocation environment, so its first validator and first post-function record.
 */
describe('platform shapes', () => {
  const site = new JiraSite();
  site.addUser({ accountId: 'dev', displayName: 'Dana' });
  site.addProject({ key: 'OPS' });
  site.addIssue({ key: 'OPS-1', projectKey: 'OPS', summary: 'x' });
  const kvs = new MemoryKvs();
  const config = JSON.stringify({
    requirements: [{ fieldId: 'summary', fieldName: 'Summary', condition: 'not-empty' }],
  });

  const records = () =>
    Object.entries(kvs.snapshot().kvs)
      .filter(([key]) => key.startsWith(storageKeys.platformShapePrefix))
      .map(([, value]) => value as ShapeRecord);

  it('records the first validator execution once, with no value, and compares it with what the validator reads', async () => {
    // Jira sent `to` without its id and a field the app does not read; the typed value is a secret canary.
    const payload = {
      issue: { key: 'OPS-1' },
      configuration: config,
      transition: { from: { id: '1' }, to: {}, modifiedFields: { summary: CANARY } },
      extra: { nested: 1 },
    };
    await runValidator(fieldsRequirementValidator, payload as never, { site, kvs });
    const first = records();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await runValidator(fieldsRequirementValidator, payload as never, { site, kvs });
    // The second execution in the same environment wrote nothing for the shape: the record is the first one.
    expect(records()).toEqual(first);
    expect(records()).toHaveLength(1);
    expect(JSON.stringify(records())).not.toContain(CANARY);
    expect(records()[0]).toMatchObject({
      module: 'jira:workflowValidator',
      payload: {
        object: {
          issue: { object: { key: 'string' } },
          transition: { object: { to: { object: {} }, modifiedFields: { object: { '*': 'string' } } } },
        },
      },
    });
    const reports = await withInvocation({ site, kvs }, () => readShapeReports());
    expect(reports[0]?.differences).toEqual(
      expect.arrayContaining([
        { path: 'transition.to.id', kind: 'missing', expected: 'present' },
        { path: 'extra', kind: 'not-read', received: 'object' },
      ]),
    );
    const findings = shapeFindings(reports);
    expect(findings).toEqual([expect.objectContaining({ kind: 'platform-shape' })]);
    // A text the page words in its reader's language; in English:
    expect(inEnglish(findings[0]!.problem)).toBe(
      'jira:workflowValidator arrived without transition.to.id, which Workflow Guard reads.',
    );
  });

  it('records a post-function event the app reads fully with no problem, only the fields it does not read', async () => {
    const event = {
      issue: { id: '10001', key: 'OPS-1' },
      transition: {
        executionId: 'e-1',
        transitionId: 11,
        transitionName: 'Start',
        from_status: 'To Do',
        to_status: 'Done',
      },
      workflow: { name: 'Default' },
      atlassianId: 'dev',
      changelog: { id: '5' },
      configuration: JSON.stringify({ template: 'Hi' }),
    };
    await runPostFunction(commentPostFunction, event, { site, kvs });
    const reports = await withInvocation({ site, kvs }, () => readShapeReports());
    const postFunction = reports.find((r) => r.module === 'jira:workflowPostFunction');
    expect(postFunction?.differences).toEqual([{ path: 'changelog', kind: 'not-read', received: 'object' }]);
    expect(shapeFindings(reports.filter((r) => r === postFunction))).toEqual([]);
    // Records from an earlier app version are not compared.
    await withInvocation({ site, kvs }, () =>
      forgeStore.set(storageKeys.platformShape('jira:workflowPostFunction', '0.9.0', 'old'), {
        ...records()[0],
        appVersion: '0.9.0',
      }),
    );
    expect(await withInvocation({ site, kvs }, () => readShapeReports())).toHaveLength(reports.length);
  });
});
