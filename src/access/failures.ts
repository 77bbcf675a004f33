import type { Actor } from './actor';
import { describeActor } from './actor';
import { permissionName, permissionText } from './jira-permissions';
import { inEnglish, text, type Text } from './texts';

/** Stable codes: the UI, the audit log and tests key on these, never on message text. */
export type FailureCode =
  | 'MISSING_SCOPE'
  | 'MISSING_PERMISSION'
  | 'NEEDS_AUTHENTICATION'
  | 'RATE_LIMITED'
  | 'NOT_FOUND'
  | 'INVALID_INPUT'
  | 'UPSTREAM_FAILURE'
  /** Someone else saved the same settings first (compare-and-set lost). */
  | 'CONFLICT'
  /** Third-party services (external-failures.ts): an account to connect, credentials to renew, egress to approve. */
  | 'NOT_CONNECTED'
  | 'RECONNECT_REQUIRED'
  | 'EGRESS_NOT_ALLOWED';

export interface FailureDetails {
  actor?: Actor;
  /** e.g. `POST /rest/api/3/issue/{issueIdOrKey}/comment` */
  endpoint?: string;
  scopes?: string[];
  permission?: string;
  projectKey?: string;
  status?: number;
  /** For RATE_LIMITED: how long Jira asked us to wait. */
  retryAfterMs?: number;
  rateLimitReason?: string;
  /**
   * A third-party service's own words, redacted and cut short (external-failures.ts): for the Jira admin's audit
   * log only, never part of a message.
   */
  serviceExcerpt?: string;
  /**
   * For a configuration screen: what is wrong with each field, in plain words, by the field's path in the
   * configuration (e.g. `requirements.0.pattern`), so the screen can say it beside the field.
   */
  fields?: Record<string, string>;
  /** `fields` as catalogue texts, by the same paths, so a screen says them in its viewer's language. */
  fieldTexts?: Record<string, Text>;
}

/**
 * A failure explained twice: `userMessage` for the person who triggered the rule (shown as validator text) and
 * `adminMessage` for the Jira admin (audit log, admin page), which says what to fix. Neither ever holds a token,
 * header or request body.
 */
export class AccessFailure extends Error {
  constructor(
    readonly code: FailureCode,
    readonly userMessage: string,
    readonly adminMessage: string,
    readonly details: FailureDetails = {},
    /** `userMessage` as a catalogue text, for the person's language; absent: `userMessage` is shown as it is. */
    readonly userText?: Text,
    /** `adminMessage` as a catalogue text, for a page that shows it to the admin in their language. */
    readonly adminText?: Text,
  ) {
    super(adminMessage);
    this.name = 'AccessFailure';
  }
}

const who = (actor: Actor | undefined): string => (actor ? describeActor(actor) : 'Workflow Guard');
/** Who a user message speaks about, as the last segment of its catalogue key (the sentence agrees with it). */
const whoKey = (actor: Actor | undefined): string => actor?.kind ?? 'workflowGuard';
/** The values those sentences name: the impersonated user's account id. */
const whoValues = (actor: Actor | undefined): Record<string, string> | undefined =>
  actor?.kind === 'impersonated' ? { accountId: actor.accountId } : undefined;
const inProject = (projectKey: string | undefined): string => (projectKey ? ` in project ${projectKey}` : '');

export function missingScope(details: FailureDetails & { scopes: string[] }): AccessFailure {
  const scopes = details.scopes.join(', ');
  const impersonation =
    details.actor?.kind === 'impersonated'
      ? ` Acting as a user offline also needs each of these scopes declared with allowImpersonation: true in the app's manifest.`
      : '';
  const userText = text('messages.failure.missingScope', { scopes });
  return new AccessFailure(
    'MISSING_SCOPE',
    inEnglish(userText),
    `${details.endpoint ?? 'A Jira call'} was refused: the installation lacks the OAuth scope ${scopes} (acting as ${who(details.actor)}).` +
      ` Fix: approve the pending Workflow Guard update in Jira settings › Apps › Manage apps so the new scope is granted.${impersonation}`,
    details,
    userText,
  );
}

export function missingPermission(details: FailureDetails & { permission: string }): AccessFailure {
  const name = permissionName(details.permission);
  const actorText = who(details.actor);
  const userText = text(
    `errors.failure.${details.projectKey ? 'missingPermissionInProject' : 'missingPermission'}.${whoKey(details.actor)}`,
    {
      permission: permissionText(details.permission),
      ...(details.projectKey ? { project: details.projectKey } : {}),
      ...whoValues(details.actor),
    },
  );
  return new AccessFailure(
    'MISSING_PERMISSION',
    inEnglish(userText),
    `${details.endpoint ?? 'A Jira call'} was refused: ${actorText} lacks the Jira permission "${name}"${inProject(details.projectKey)}.` +
      ` Fix: grant "${name}" to ${details.actor?.kind === 'app' ? "the app's bot user (or a group or role it belongs to)" : 'that user (or a group or role they belong to)'} in the permission scheme of ${details.projectKey ? `project ${details.projectKey}` : 'the project'}.`,
    details,
    userText,
  );
}

export function needsAuthentication(details: FailureDetails): AccessFailure {
  const userText = text('messages.failure.needsAuthentication');
  return new AccessFailure(
    'NEEDS_AUTHENTICATION',
    inEnglish(userText),
    `${details.endpoint ?? 'A Jira call'} as ${who(details.actor)} needs the user's consent (Forge answered NEEDS_AUTHENTICATION). Fix: the user opens any Workflow Guard page once and allows access.`,
    details,
    userText,
  );
}

export function rateLimited(details: FailureDetails & { retryAfterMs: number }): AccessFailure {
  const seconds = Math.ceil(details.retryAfterMs / 1000);
  const userText = text('messages.failure.rateLimited', { seconds });
  return new AccessFailure(
    'RATE_LIMITED',
    inEnglish(userText),
    `${details.endpoint ?? 'A Jira call'} stayed rate limited by Jira (${details.rateLimitReason ?? 'no reason given'}) after retries within this invocation's time budget; Jira asked to wait ${seconds} s.`,
    details,
    userText,
  );
}

export function notFound(details: FailureDetails): AccessFailure {
  const userText = text(`errors.failure.notFound.${whoKey(details.actor)}`, whoValues(details.actor));
  return new AccessFailure(
    'NOT_FOUND',
    inEnglish(userText),
    `${details.endpoint ?? 'A Jira call'} answered 404: the item does not exist or ${who(details.actor)} cannot see it (Jira hides items without Browse projects permission). Fix: check the rule's configuration and the Browse projects permission${inProject(details.projectKey)}.`,
    details,
    userText,
  );
}

/**
 * Input a person can correct: `said` is what to tell them, a catalogue text (or words already in English, kept as
 * they are). Field objections given as `fieldTexts` are also said in English in `fields`.
 */
export function invalidInput(said: string | Text, details: FailureDetails = {}): AccessFailure {
  const userText = typeof said === 'string' ? { verbatim: said } : said;
  const message = inEnglish(userText);
  const fields =
    details.fields ??
    (details.fieldTexts
      ? Object.fromEntries(Object.entries(details.fieldTexts).map(([path, t]) => [path, inEnglish(t)]))
      : undefined);
  return new AccessFailure(
    'INVALID_INPUT',
    message,
    `${details.endpoint ? `${details.endpoint} rejected the request: ` : ''}${message}`,
    fields ? { ...details, fields } : details,
    userText,
    // Without an endpoint the admin reads the same words as the person.
    details.endpoint ? undefined : userText,
  );
}

export function upstreamFailure(details: FailureDetails): AccessFailure {
  const userText = text('messages.failure.upstream');
  return new AccessFailure(
    'UPSTREAM_FAILURE',
    inEnglish(userText),
    `${details.endpoint ?? 'A Jira call'} failed${details.status ? ` with HTTP ${details.status}` : ' without an answer'} after retries within this invocation's time budget.`,
    details,
    userText,
  );
}
