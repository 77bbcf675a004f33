import { buildPostFunctionEvent, runPostFunction, startInvocation } from '../harness';
import { forgeSecrets } from '../../src/access/kv-store';
import { commentPostFunction } from '../../src/rules/comment';
import { auditEntries } from '../support/audit';
import { capturingConsole } from '../support/console';
import { seedSite } from '../support/seed';

const CANARY = 'canary-7d1f0c9e2b';

describe('no secret leaks through the access core', () => {
  it('keeps a canary sent in a request body and echoed by the upstream out of audit entries and console output', async () => {
    const { site, kvs } = seedSite();
    // The app knows the canary as a secret (as it knows an API token), and the template sends it in the body.
    const setup = startInvocation({ site, kvs });
    await forgeSecrets.set('connection:canary', CANARY);
    setup.end();
    site.faults.inject({
      match: { operationId: 'addComment' },
      response: {
        kind: 'raw',
        status: 400,
        body: { errorMessages: [`Rejected body containing ${CANARY}`, `Authorization: Bearer ${CANARY}`] },
      },
    });
    const printed: string[] = [];
    await capturingConsole(async (lines) => {
      const event = buildPostFunctionEvent(site, {
        issueKey: 'OPS-1',
        transitionId: '11',
        configuration: JSON.stringify({ template: `token ${CANARY}` }),
      });
      await runPostFunction(commentPostFunction, event, { site, kvs });
      printed.push(...lines);
    });
    const entries = auditEntries(kvs);
    expect(entries[0]?.error?.message).toContain('[redacted]');
    expect(JSON.stringify(entries)).not.toContain(CANARY);
    expect(JSON.stringify(kvs.snapshot().kvs)).not.toContain(CANARY);
    expect(printed.join('\n')).not.toContain(CANARY);
  });
});
