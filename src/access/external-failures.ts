import { AccessFailure, invalidInput, type FailureDetails } from './failures';

/**
 * Failures of calls to third-party services, explained like Jira failures: a message for the person who made the
 * transition and one for the admin saying what to fix. `service` names the destination as the admin configured it
 * (a connection name), never its URL: paths and queries of webhook URLs often carry secrets.
 */
/** Where an admin approves a host: the admin page's connections tab. */
export const APPROVE_HOSTS_AT = 'Jira settings › Apps › Workflow Guard › Secrets and connections';

/**
 * A host of `service` is not approved egress. `refusedBy` says who stopped it: the app's own check before sending
 * (nothing left the app) or Forge at fetch time (the app's record said approved, Forge no longer agreed). `host` is
 * an origin (scheme, host, port): never a path or query, which can carry secrets.
 */
export function egressNotAllowed(
  service: string,
  host: string,
  refusedBy: 'app' | 'forge',
  details: FailureDetails = {},
): AccessFailure {
  const why =
    refusedBy === 'app'
      ? `Nothing was sent to ${service}: ${host} is not a host a Jira admin approved for Workflow Guard on this site.`
      : `Forge refused the call to ${service}: ${host} is not an approved egress destination of this installation (it may have been removed in Atlassian Administration › Connected apps).`;
  return new AccessFailure(
    'EGRESS_NOT_ALLOWED',
    `Workflow Guard may not send to ${host} (${service}) yet. Ask your Jira admin to approve that host in ${APPROVE_HOSTS_AT}.`,
    `${why} Fix: open ${APPROVE_HOSTS_AT} and approve ${host} for the connection (Forge asks you to confirm).`,
    details,
  );
}

/** The user has no account connected at the provider: they must connect it once from the app's page. */
export function notConnected(
  service: string,
  providerName: string,
  details: FailureDetails = {},
): AccessFailure {
  return new AccessFailure(
    'NOT_CONNECTED',
    `Connect your ${providerName} account to Workflow Guard (Jira › Personal settings › Workflow Guard connected accounts) so it can notify ${service} for you.`,
    `The user who made the transition has not connected their ${providerName} account, so ${service} was not notified as them.` +
      ' Fix: that user opens Personal settings › Workflow Guard connected accounts and connects the account; or switch the connection to an API token or OAuth client credentials.',
    details,
  );
}

/** Stored or delegated credentials stopped working (revoked, rotated, or a refresh was refused). */
export function reconnectRequired(
  service: string,
  whatToRenew: string,
  details: FailureDetails = {},
): AccessFailure {
  return new AccessFailure(
    'RECONNECT_REQUIRED',
    `Workflow Guard's access to ${service} was revoked or has expired for good. ${capitalise(whatToRenew)} to reconnect.`,
    `${service} no longer accepts Workflow Guard's credentials (revoked, rotated or expired beyond refresh); retrying will not help.` +
      ` Fix: ${whatToRenew} to reconnect.`,
    details,
  );
}

/** The service answered the request itself with a refusal (4xx other than auth): retrying will not help. */
export function serviceRejected(
  service: string,
  status: number,
  reason: string | undefined,
  details: FailureDetails = {},
): AccessFailure {
  const why = reason ? `: ${reason}` : '';
  return invalidInput(`${service} rejected the notification (HTTP ${status})${why}.`, { ...details, status });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
