import { isEgressApproved } from '../../access/egress-approvals';
import { hostsOf } from '../../connections/egress';
import { getConnection } from '../../connections/store';
import { testConnection } from '../../connections/test-connection';
import type { Text } from '../../shared/text-format';
import { fixAt } from '../links';
import { joined, ruleAndTransition, said, verbatim, type Finding, type RuleUse } from '../model';
import type { ReferenceChecker } from './types';

/**
 * Notify connections by id: each must still exist, every host it sends to must be approved (customer-managed
 * egress), and it must answer its test notification (src/connections/test-connection.ts), each connection once per
 * run however many rules use it. A `user-account` connection is tested with the admin's own account, so the
 * scheduled run (no user) leaves its test to the admin's run.
 */
export const connectionsChecker: ReferenceChecker<'connections'> = {
  kind: 'connections',
  async check(items, env) {
    const usesOf = new Map<string, { role: Text; use: RuleUse }[]>();
    for (const { ref, use } of items)
      usesOf.set(ref.id, [...(usesOf.get(ref.id) ?? []), { role: ref.role, use }]);
    const findings: Finding[] = [];
    for (const [id, uses] of usesOf) {
      const connection = await getConnection(id);
      const each = (make: (use: RuleUse) => Omit<Finding, 'use'>) =>
        uses.forEach(({ use }) => findings.push({ ...make(use), use }));
      if (!connection) {
        each((use) => ({
          kind: 'connection',
          subject: `missing:${id}`,
          problem: said('connection.missing.problem', { id }),
          fix: said('connection.missing.fix', { ...ruleAndTransition(use), place: fixAt.connections.label }),
          fixAt: fixAt.workflow(use.workflow.name),
        }));
        continue;
      }
      const unapproved: string[] = [];
      for (const host of hostsOf(connection))
        if (!(await isEgressApproved(host.origin))) unapproved.push(host.origin);
      if (unapproved.length) {
        each(() => ({
          kind: 'egress',
          subject: `${id}:${unapproved.join(',')}`,
          problem: said('connection.unapproved.problem', {
            name: connection.name,
            hosts: joined('and', unapproved.map(verbatim)),
            count: unapproved.length,
          }),
          fix: said('connection.unapproved.fix', { count: unapproved.length }),
          fixAt: fixAt.connections,
        }));
        continue;
      }
      if (env.scheduled && connection.auth.kind === 'user-account') continue;
      const result = await testConnection(id, env.session);
      if (!result.ok) {
        each(() => ({
          kind: 'connection-test',
          subject: id,
          problem: said('connection.test.problem', { name: connection.name, message: result.message }),
          fix: said('connection.test.fix'),
          fixAt: fixAt.connections,
        }));
      }
    }
    return findings;
  },
};
