import type { Actor } from './actor';
import { createExternalClient, type ExternalClient } from './external-fetch';
import { createJiraClient, type CallRecord, type ClientEnvironment, type JiraClient } from './jira-client';
import { createPermissionChecker, type PermissionChecker } from './permission-checks';

/**
 * Everything one invocation needs to reach Jira: a client per actor, permission checks cached for the invocation,
 * and the record of every call for the audit entry. Rules receive a session; they never import @forge/api.
 */
export interface AccessSession {
  /** The capability making the calls, e.g. `rules/comment`; recorded on every call. */
  readonly feature: string;
  jira(actor: Actor): JiraClient;
  permissions(actor: Actor): PermissionChecker;
  /** Third-party services (egress and external auth providers), recorded like Jira calls. */
  external(actor: Actor): ExternalClient;
  readonly calls: readonly CallRecord[];
}

const actorKey = (actor: Actor): string =>
  actor.kind === 'impersonated' ? `impersonated:${actor.accountId}` : actor.kind;

export function openSession(
  feature: string,
  timing: Omit<ClientEnvironment, 'feature' | 'record'> = {},
): AccessSession {
  const calls: CallRecord[] = [];
  const clients = new Map<string, JiraClient>();
  const checkers = new Map<string, PermissionChecker>();
  const jira = (actor: Actor): JiraClient => {
    const key = actorKey(actor);
    let client = clients.get(key);
    if (!client) {
      client = createJiraClient(actor, { ...timing, feature, record: (call) => calls.push(call) });
      clients.set(key, client);
    }
    return client;
  };
  const permissions = (actor: Actor): PermissionChecker => {
    const key = actorKey(actor);
    let checker = checkers.get(key);
    if (!checker) {
      checker = createPermissionChecker(jira(actor));
      checkers.set(key, checker);
    }
    return checker;
  };
  const external = (actor: Actor): ExternalClient =>
    createExternalClient(actor, { ...timing, feature, record: (call) => calls.push(call) });
  return { feature, jira, permissions, external, calls };
}
