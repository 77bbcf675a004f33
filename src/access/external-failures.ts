import { AccessFailure, type FailureDetails } from './failures';
import { redactServiceWords } from './redaction';

/**
 * Failures of calls to third-party services, explained like Jira failures: a message for the person who made the
 * transition and one for the admin saying what to fix. `service` names the destination as the admin configured it
 * (a connection name), never its URL: paths and queries of webhook URLs often carry secrets. A service's own words
 * never go into a message, which reaches a comment on the issue and the project's activity: services echo what
 * they were sent, credentials included. The audit log keeps a short redacted excerpt for the Jira admin.
 */

/** The most of a service's answer the audit log keeps. */
export const SERVICE_EXCERPT_CHARS = 200;

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

/**
 * What a refusal means, by its HTTP status, and what the admin can do about it. Rate limits and service errors
 * (429, 5xx) are retried and end in `serviceRateLimited` or `serviceUnavailable` instead.
 */
function classify(service: string, status: number): { what: string; fix: string } {
  if (status === 401 || status === 403)
    return {
      what: "rejected Workflow Guard's credentials",
      fix: `check the credentials of "${service}" on the Workflow Guard admin page and test the connection`,
    };
  if (status === 404 || status === 410)
    return {
      what: 'did not find the address Workflow Guard sent to',
      fix: `check the URL of "${service}" on the Workflow Guard admin page`,
    };
  if (status >= 300 && status < 400)
    return {
      what: 'answered with a redirect, which Workflow Guard does not follow',
      fix: `set the URL of "${service}" to the address the service redirects to`,
    };
  return {
    what: 'refused the request',
    fix: `check what "${service}" expects; the audit log keeps the start of its answer`,
  };
}

/**
 * The service answered the request itself with a refusal that retrying will not change. `serviceSaid` is its own
 * text (an OAuth `error_description`, a `message`): kept only as the failure's redacted `serviceExcerpt`.
 */
export function serviceRejected(
  service: string,
  status: number,
  serviceSaid: string | undefined,
  details: FailureDetails = {},
): AccessFailure {
  const { what, fix } = classify(service, status);
  const excerpt = serviceSaid ? redactServiceWords(serviceSaid, SERVICE_EXCERPT_CHARS) : '';
  return new AccessFailure(
    'INVALID_INPUT',
    `${service} ${what} (HTTP ${status}).`,
    `${service} ${what} (HTTP ${status}); retrying will not help. Fix: ${fix}.`,
    { ...details, status, ...(excerpt ? { serviceExcerpt: excerpt } : {}) },
  );
}

/** A token endpoint answered success with something that is not an OAuth 2.0 bearer token (RFC 6749 §5.1). */
export function notABearerToken(
  service: string,
  status: number,
  details: FailureDetails = {},
): AccessFailure {
  return new AccessFailure(
    'INVALID_INPUT',
    `${service} did not answer with a usable access token (HTTP ${status}).`,
    `${service} answered HTTP ${status} without an OAuth 2.0 bearer token (access_token, token_type Bearer). Fix: check that the connection's token URL is the service's OAuth 2.0 token endpoint.`,
    { ...details, status },
  );
}

/** The service kept answering 429 (rate limited) beyond the time this invocation had. */
export function serviceRateLimited(
  service: string,
  details: FailureDetails & { retryAfterMs: number },
): AccessFailure {
  const seconds = Math.ceil(details.retryAfterMs / 1000);
  return new AccessFailure(
    'RATE_LIMITED',
    `${service} is busy right now (rate limit; it asked to wait about ${seconds} seconds).`,
    `${service} stayed rate limited (HTTP 429${details.rateLimitReason ? `, ${details.rateLimitReason}` : ''}) after retries within this invocation's time budget; it asked to wait ${seconds} s.`,
    { ...details, status: 429 },
  );
}

/** The service failed (5xx) or did not answer, after retries within the invocation's time. */
export function serviceUnavailable(service: string, details: FailureDetails): AccessFailure {
  const answer = details.status ? `failed with a service error (HTTP ${details.status})` : 'did not answer';
  return new AccessFailure(
    'UPSTREAM_FAILURE',
    `${service} ${answer}.`,
    `${service} ${answer} after retries within this invocation's time budget. Fix: if it lasts, ask the owner of "${service}" to check it.`,
    details,
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
