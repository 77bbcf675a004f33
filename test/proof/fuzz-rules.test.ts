import fc from 'fast-check';
import { runPostFunction, runValidator } from '../harness';
import { commentPostFunction } from '../../src/rules/comment';
import { fieldsRequirementValidator } from '../../src/rules/fields-requirement';
import { seedSite } from '../support/seed';
import { hostileString, hostileValue, nearly } from './hostile';

const RUNS = 1_000;
const JIRA_WRITES = new Set(['POST', 'PUT', 'DELETE']);

/** Storage written by anything other than the audit log and its counters (which must record the rejection). */
const nonAuditWrites = (snapshot: Record<string, unknown>) =>
  Object.keys(snapshot).filter((key) => !key.startsWith('audit'));

describe('fuzzing the rule entry points with hostile input', () => {
  it(`function validators answer every malformed payload and configuration with a clear refusal (${RUNS} inputs)`, async () => {
    const { site, kvs } = seedSite();
    const configuration = fc.oneof(
      hostileValue,
      hostileString.map((s) =>
        JSON.stringify({ requirements: [{ fieldId: s, fieldName: s, condition: 'matches', pattern: s }] }),
      ),
    );
    const payload = nearly({
      issue: fc.oneof(fc.record({ key: fc.oneof(fc.constant('OPS-1'), hostileString) }), hostileValue),
      configuration,
      transition: fc.oneof(
        fc.record({ to: fc.record({ id: fc.string() }), modifiedFields: hostileValue }),
        hostileValue,
      ),
    });
    await fc.assert(
      fc.asyncProperty(payload, async (input) => {
        const result = await runValidator(fieldsRequirementValidator, input as never, { site, kvs });
        expect(typeof result.result).toBe('boolean');
        if (!result.result) expect(result.errorMessage?.length).toBeGreaterThan(10);
      }),
      { numRuns: RUNS },
    );
    expect(site.calls.filter((c) => JIRA_WRITES.has(c.method))).toEqual([]);
    expect(nonAuditWrites(kvs.snapshot().kvs)).toEqual([]);
  });

  it(`post-functions reject every malformed event and configuration without touching Jira (${RUNS} inputs)`, async () => {
    const { site, kvs } = seedSite();
    const event = nearly({
      issue: fc.oneof(fc.record({ key: hostileString }), hostileValue),
      transition: fc.oneof(fc.record({ executionId: hostileValue }), hostileValue),
      atlassianId: hostileValue,
      configuration: fc.oneof(
        hostileValue,
        hostileString.map((template) => JSON.stringify({ template, actor: template })),
      ),
      retryContext: hostileValue,
    });
    await fc.assert(
      fc.asyncProperty(event, async (input) => {
        await expect(
          runPostFunction(commentPostFunction, input as never, { site, kvs }),
        ).resolves.toBeUndefined();
      }),
      { numRuns: RUNS },
    );
    expect(site.calls.filter((c) => JIRA_WRITES.has(c.method))).toEqual([]);
    expect(nonAuditWrites(kvs.snapshot().kvs)).toEqual([]);
  });
});
