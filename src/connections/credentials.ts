import { invalidInput, type AccessFailure } from '../access/failures';
import { redact } from '../access/redaction';
import { text } from '../access/texts';
import type { Connection } from './model';

/** HTTP Basic (RFC 7617): `user:password` in base64. */
export const basicCredentials = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** The connection's secret (an API token or an OAuth client secret) was never set. */
export function missingSecret(connection: Connection, what: 'apiToken' | 'clientSecret'): AccessFailure {
  return invalidInput(text(`errors.external.noSecret.${what}`, { name: connection.name }));
}

/**
 * What a service said about a refusal, in its own words: OAuth's `error` / `error_description` (RFC 6749 §5.2,
 * RFC 6750 §3) or a `message`; redacted and cut short, because services sometimes echo what they were sent.
 */
export function reasonOf(body: unknown): { code?: string; text?: string } {
  if (!body || typeof body !== 'object') return {};
  const record = body as { error?: unknown; error_description?: unknown; message?: unknown };
  const code = typeof record.error === 'string' ? record.error : undefined;
  const description =
    typeof record.error_description === 'string'
      ? record.error_description
      : typeof record.message === 'string'
        ? record.message
        : undefined;
  const text = [code, description].filter(Boolean).join(': ');
  return { ...(code ? { code } : {}), ...(text ? { text: redact(text).slice(0, 300) } : {}) };
}
