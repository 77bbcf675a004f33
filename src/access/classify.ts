import {
  type AccessFailure,
  invalidInput,
  missingPermission,
  missingScope,
  notFound,
  upstreamFailure,
  type FailureDetails,
} from './failures';

export interface FailedResponse {
  status: number;
  /** Parsed JSON body when there was one; never stored, only read for Jira's own messages. */
  body: unknown;
}

export interface CallFacts extends FailureDetails {
  /** The classic scopes Jira lists for the endpoint (from the generated endpoint table). */
  endpointScopes?: string[];
}

const SCOPE_MISMATCH = /scope does not match/i;
const MISSING_SCOPE_GRANTS = /missing scope grants/i;

function jiraMessages(body: unknown): string[] {
  if (!body || typeof body !== 'object') return [];
  const record = body as { errorMessages?: unknown; errors?: unknown; message?: unknown };
  const messages = Array.isArray(record.errorMessages) ? record.errorMessages.map(String) : [];
  const fieldErrors =
    record.errors && typeof record.errors === 'object'
      ? Object.entries(record.errors as Record<string, unknown>).map(
          ([field, text]) => `${field}: ${String(text)}`,
        )
      : [];
  const message = typeof record.message === 'string' ? [record.message] : [];
  return [...messages, ...fieldErrors, ...message];
}

/** Jira's 403 body lists the acceptable scope groups as lines ` * [a, b]`; the first group is the classic one. */
function scopesFromGrantMessage(text: string): string[] | undefined {
  const group = /\*\s*\[([^\]]+)\]/.exec(text)?.[1];
  return group
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Turns a non-2xx Jira answer that will not be retried into a failure people understand. Both shapes of
 * missing-scope answer seen from Jira Cloud are recognised: 401 "Unauthorized; scope does not match" and
 * 403 "...missing scope grants..." (see ../shared/reference/forge-facts.md §6).
 */
export function classifyFailure(response: FailedResponse, facts: CallFacts): AccessFailure {
  const messages = jiraMessages(response.body);
  const text = messages.join('\n');
  const details: FailureDetails = { ...facts, status: response.status };
  if (response.status === 401 && SCOPE_MISMATCH.test(text)) {
    return missingScope({ ...details, scopes: facts.endpointScopes ?? [] });
  }
  if (response.status === 403 && MISSING_SCOPE_GRANTS.test(text)) {
    return missingScope({ ...details, scopes: scopesFromGrantMessage(text) ?? facts.endpointScopes ?? [] });
  }
  if (response.status === 401 || response.status === 403) {
    return missingPermission({ ...details, permission: facts.permission ?? 'BROWSE_PROJECTS' });
  }
  if (response.status === 404) return notFound(details);
  if (response.status >= 400 && response.status < 500) {
    return invalidInput(text || `Jira rejected the request (HTTP ${response.status}).`, details);
  }
  return upstreamFailure(details);
}
