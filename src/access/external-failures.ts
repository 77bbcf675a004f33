import { AccessFailure, invalidInput, type FailureDetails } from './failures';

/**
 * Failures of calls to third-party services, explained like Jira failures: a message for the person who made the
 * transition and one for the admin saying what to fix. `service` names the destination as the admin configured it
 * (a connection name), never its URL: paths and queries of webhook URLs often carry secrets.
 */
export function egressNotAllowed(service: string, details: FailureDetails = {}): AccessFailure {
  return new AccessFailure(
    'EGRESS_NOT_ALLOWED',
    `Workflow Guard may not contact ${service} from this Jira site yet. Ask your Jira admin to allow it.`,
    `Forge refused the call to ${service}: its address is not an egress destination this installation may reach.` +
      ' Fix: approve the address for Workflow Guard (customer-managed egress in the app’s settings), or use a destination the app declares.',
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
