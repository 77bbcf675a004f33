import { sandboxForTests } from './serve';

/**
 * The demo's Copy field values rule: approving OPS-2 sums its sub-tasks' story points (OPS-3: 3, OPS-4: 5) into its
 * Total points, which the issue view then shows; the audit log says what was copied from where.
 */
describe('sandbox: Copy field values on Approve', () => {
  const demo = sandboxForTests();
  const run = demo.transitionByName;

  it('shows the sum of the sub-tasks’ story points on the approved issue', async () => {
    const totalOf = () =>
      demo.sandbox
        .state('pete-project-admin')
        .issues.find((i) => i.key === 'OPS-2')
        ?.fields.find((f) => f.name === 'Total points')?.value;
    expect(totalOf()).toBeUndefined();
    expect(await run('dev-dana', 'OPS-2', 'Start Progress')).toMatchObject({ ok: true });
    expect(await run('pete-project-admin', 'OPS-2', 'Approve')).toMatchObject({ ok: true });
    expect(totalOf()).toBe('8');
    // Approve also comments as the reporter (the demo's post-function acting as the user in a field).
    const audit = demo.sandbox.state('pete-project-admin').audit;
    expect(audit.find((entry) => entry.rule === 'copy-field-values')).toMatchObject({
      rule: 'copy-field-values',
      outcome: 'applied',
      summary:
        'Copied the sum of Story points into Total points from the sub-tasks (OPS-3, OPS-4) into OPS-2',
    });
  });
});
