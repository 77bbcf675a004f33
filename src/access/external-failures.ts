import { AccessFailure, type FailureCode, type FailureDetails } from './failures';
import { redactServiceWords } from './redaction';
import { text, type Text } from '../shared/text-format';
import { inEnglish } from './texts';

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
const approveHostsAt = text('errors.connections.approveHostsAt');

/** A failure of a third-party service: both messages are catalogue texts, and in English as they are said. */
function externalFailure(
  code: FailureCode,
  userText: Text,
  adminText: Text,
  details: FailureDetails,
): AccessFailure {
  return new AccessFailure(code, inEnglish(userText), inEnglish(adminText), details, userText, adminText);
}

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
  const values = { service, host, where: approveHostsAt };
  return externalFailure(
    'EGRESS_NOT_ALLOWED',
    text('errors.external.egressNotAllowed.user', values),
    text(`errors.external.egressNotAllowed.${refusedBy}`, values),
    details,
  );
}

/** The user has no account connected at the provider: they must connect it once from the app's page. */
export function notConnected(
  service: string,
  providerName: string,
  details: FailureDetails = {},
): AccessFailure {
  const values = { service, provider: providerName };
  return externalFailure(
    'NOT_CONNECTED',
    text('errors.external.notConnected.user', values),
    text('errors.external.notConnected.admin', values),
    details,
  );
}

/**
 * What renews a connection's credentials: a Jira admin enters an API token, checks the client id and secret,
 * enters the current client secret (`answered`: the OAuth error code the service gave), or the user reconnects
 * their own account.
 */
export type Renewal =
  { kind: 'apiToken' | 'clientCredentials' | 'userAccount' } | { kind: 'clientSecret'; answered: string };

/** Stored or delegated credentials stopped working (revoked, rotated, or a refresh was refused). */
export function reconnectRequired(
  service: string,
  renewal: Renewal,
  details: FailureDetails = {},
): AccessFailure {
  const values = { service, ...(renewal.kind === 'clientSecret' ? { answered: renewal.answered } : {}) };
  return externalFailure(
    'RECONNECT_REQUIRED',
    text(`errors.external.reconnect.user.${renewal.kind}`, values),
    text(`errors.external.reconnect.admin.${renewal.kind}`, values),
    details,
  );
}

/**
 * What a refusal means, by its HTTP status, as the last segment of its catalogue keys (each says what the admin
 * can do about it). Rate limits and service errors (429, 5xx) are retried and end in `serviceRateLimited` or
 * `serviceUnavailable` instead.
 */
function refusal(status: number): 'credentials' | 'notFound' | 'redirect' | 'refused' {
  if (status === 401 || status === 403) return 'credentials';
  if (status === 404 || status === 410) return 'notFound';
  if (status >= 300 && status < 400) return 'redirect';
  return 'refused';
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
  const what = refusal(status);
  const excerpt = serviceSaid ? redactServiceWords(serviceSaid, SERVICE_EXCERPT_CHARS) : '';
  return externalFailure(
    'INVALID_INPUT',
    text(`errors.external.rejected.user.${what}`, { service, status }),
    text(`errors.external.rejected.admin.${what}`, { service, status }),
    { ...details, status, ...(excerpt ? { serviceExcerpt: excerpt } : {}) },
  );
}

/** A token endpoint answered success with something that is not an OAuth 2.0 bearer token (RFC 6749 §5.1). */
export function notABearerToken(
  service: string,
  status: number,
  details: FailureDetails = {},
): AccessFailure {
  return externalFailure(
    'INVALID_INPUT',
    text('errors.external.notABearerToken.user', { service, status }),
    text('errors.external.notABearerToken.admin', { service, status }),
    { ...details, status },
  );
}

/** The service kept answering 429 (rate limited) beyond the time this invocation had. */
export function serviceRateLimited(
  service: string,
  details: FailureDetails & { retryAfterMs: number },
): AccessFailure {
  const seconds = Math.ceil(details.retryAfterMs / 1000);
  const reason = details.rateLimitReason;
  return externalFailure(
    'RATE_LIMITED',
    text('errors.external.rateLimited.user', { service, seconds }),
    reason
      ? text('errors.external.rateLimited.adminWithReason', { service, seconds, reason })
      : text('errors.external.rateLimited.admin', { service, seconds }),
    { ...details, status: 429 },
  );
}

/** The service failed (5xx) or did not answer, after retries within the invocation's time. */
export function serviceUnavailable(service: string, details: FailureDetails): AccessFailure {
  const status = details.status;
  return externalFailure(
    'UPSTREAM_FAILURE',
    status
      ? text('errors.external.unavailable.user', { service, status })
      : text('errors.external.unavailable.userNoAnswer', { service }),
    status
      ? text('errors.external.unavailable.admin', { service, status })
      : text('errors.external.unavailable.adminNoAnswer', { service }),
    details,
  );
}
