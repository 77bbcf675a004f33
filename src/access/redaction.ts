/**
 * Keeps credentials out of everything the app writes down. Secrets read through the secret store are remembered
 * for the invocation and replaced wherever they appear; credential-shaped text (bearer and basic headers, token
 * parameters) is replaced even when the value was never seen, e.g. when a third party echoes it in an error.
 */
const known = new Set<string>();
const MIN_SECRET_LENGTH = 6;

export function rememberSecret(value: string): void {
  if (value.length >= MIN_SECRET_LENGTH) known.add(value);
}

const CREDENTIAL_PATTERNS: RegExp[] = [
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi,
  /\b(access_token|refresh_token|client_secret|api[_-]?token|password|secret)(["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi,
];

export function redact(text: string): string {
  let result = text;
  for (const value of known) result = result.split(value).join('[redacted]');
  result = result.replace(CREDENTIAL_PATTERNS[0]!, '$1 [redacted]');
  return result.replace(CREDENTIAL_PATTERNS[1]!, '$1$2[redacted]');
}
