/**
 * Keeps credentials out of everything the app writes down. Secrets read through the secret store are remembered
 * for the invocation and replaced wherever they appear, in every encoding a service may echo them in: as is,
 * percent-encoded (URLs, and form bodies as RFC 6749 §2.3.1 sends client secrets), JSON-escaped, and inside base64
 * or base64url (an HTTP Basic `user:secret` without its scheme word). Credential-shaped text (bearer and basic
 * headers, token parameters) is replaced even when the value was never seen.
 */
const known = new Set<string>();
/** Every form of every remembered secret, longest first, so a longer form is never left half-replaced. */
let forms: string[] = [];
const MIN_SECRET_LENGTH = 6;
/** Shorter encoded fragments could match ordinary text. */
const MIN_FORM_LENGTH = 8;
const REDACTED = '[redacted]';

/** As the wire carries text: a lone surrogate (which encodeURIComponent refuses) becomes U+FFFD, as UTF-8 has it. */
const wellFormed = (text: string): string =>
  text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
const percentEncoded = (text: string): string => encodeURIComponent(wellFormed(text));
const formEncoded = (text: string): string => new URLSearchParams({ v: text }).toString().slice(2);
const jsonEscaped = (text: string): string => JSON.stringify(text).slice(1, -1);
/**
 * JSON as encoders that keep to ASCII write it (`\u00e9`): some also escape the characters significant in HTML,
 * with or without the apostrophe.
 */
const jsonAscii = (text: string, also: string): string =>
  jsonEscaped(text).replace(
    new RegExp(`[^\\x20-\\x7e]${also ? `|[${also}]` : ''}`, 'g'),
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
const lowerHex = (text: string): string => text.replace(/%[0-9A-F]{2}/g, (c) => c.toLowerCase());
const base64url = (base64: string): string => base64.replace(/\+/g, '-').replace(/\//g, '_');

/**
 * The base64 text that any base64 of data containing `text` contains, for each of the three byte alignments the
 * text can have: its whole 3-byte groups encode the same whatever surrounds them.
 */
function base64Cores(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  return [0, 1, 2].flatMap((shift) => {
    const whole = Math.floor((bytes.length - shift) / 3) * 3;
    if (whole < 6) return [];
    const core = bytes.subarray(shift, shift + whole).toString('base64');
    return [core, base64url(core)];
  });
}

function formsOf(secret: string): string[] {
  const texts = [
    secret,
    percentEncoded(secret),
    formEncoded(secret),
    jsonEscaped(secret),
    ...['', '<>&', "<>&'"].map((also) => jsonAscii(secret, also)),
  ];
  const withEscapedSlash = texts.map((text) => text.replace(/\//g, '\\/'));
  const percent = [...texts, ...withEscapedSlash].map(lowerHex);
  // Base64 of the secret as sent: raw, or form-encoded inside HTTP Basic (RFC 6749 §2.3.1).
  const cores = [secret, percentEncoded(secret), formEncoded(secret)].flatMap(base64Cores);
  const coresInUrls = cores.map(percentEncoded).flatMap((core) => [core, lowerHex(core)]);
  return [...texts, ...withEscapedSlash, ...percent, ...cores, ...coresInUrls];
}

export function rememberSecret(value: string): void {
  if (value.length < MIN_SECRET_LENGTH || known.has(value)) return;
  known.add(value);
  const all = new Set([...forms, ...formsOf(value).filter((form) => form.length >= MIN_FORM_LENGTH)]);
  forms = [...all].sort((a, b) => b.length - a.length);
}

const CREDENTIAL_PATTERNS: RegExp[] = [
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi,
  // A key and its value, also inside JSON that was escaped once more (`\"client_secret\":\"…\"`).
  /\b(access_token|refresh_token|id_token|client_secret|api[_-]?key|api[_-]?token|password|secret)((?:\\?["'])?\s*[:=]\s*(?:\\?["'])?)[^\s"'&,}\\]+/gi,
];

export function redact(text: string): string {
  let result = text;
  for (const form of forms) result = result.split(form).join(REDACTED);
  result = result.replace(CREDENTIAL_PATTERNS[0]!, `$1 ${REDACTED}`);
  return result.replace(CREDENTIAL_PATTERNS[1]!, `$1$2${REDACTED}`);
}

/**
 * Words of a third party kept for the Jira admin: redacted, and with any long token-like run (letters and digits
 * mixed, as keys and encoded credentials are) replaced too, since a service may echo a credential the app never
 * held, such as one Forge keeps for a user's connected account. Cut to `max` characters.
 */
export function redactServiceWords(text: string, max: number): string {
  const cleaned = redact(text)
    .replace(/[\p{Cc}\p{Cf}]+/gu, ' ')
    .replace(/[A-Za-z0-9+/_~.%=-]{20,}/g, (run) =>
      /[A-Za-z]/.test(run) && /[0-9]/.test(run) ? REDACTED : run,
    )
    .trim();
  return cleaned.length > max ? `${cleaned.slice(0, max - 1)}…` : cleaned;
}
