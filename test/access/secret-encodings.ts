/**
 * The forms in which a service may echo a credential it received: as sent, percent-encoded (URLs and
 * form bodies, as RFC 6749 §2.3.1 sends client secrets), JSON-escaped, and inside base64 or base64url (an HTTP
 * Basic `user:secret` without its scheme word). Shared by the redaction tests, the canaries and the fuzzing.
 */
export interface Encoded {
  name: string;
  text: string;
  /**
   * The characters that encode secret bytes only: [from, to). Base64 mixes the secret's first and last bytes with
   * a public prefix (a user name) or padding in a group of 4 characters, which redaction leaves.
   */
  from: number;
  to: number;
}

const jsonEscaped = (text: string) => JSON.stringify(text).slice(1, -1);

export function encodingsOf(secret: string, user = 'alice'): Encoded[] {
  const pct = encodeURIComponent(secret);
  const b64 = (prefix: string, value: string, encode = (text: string) => text) => {
    const text = Buffer.from(`${prefix}${value}`).toString('base64');
    const before = Buffer.byteLength(prefix);
    const strictStart = Math.ceil(before / 3) * 4;
    const strictEnd = Math.floor((before + Buffer.byteLength(value)) / 3) * 4;
    return {
      text: encode(text),
      from: encode(text.slice(0, strictStart)).length,
      to: encode(text.slice(0, strictEnd)).length,
    };
  };
  const plain = (text: string) => ({ text, from: 0, to: text.length });
  const url = (text: string) => text.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const forms: Array<[string, Omit<Encoded, 'name'>]> = [
    ['as sent', plain(secret)],
    ['percent-encoded', plain(pct)],
    ['percent-encoded, lowercase hex', plain(pct.replace(/%[0-9A-F]{2}/g, (c) => c.toLowerCase()))],
    ['form-encoded', plain(new URLSearchParams({ v: secret }).toString().slice(2))],
    ['JSON-escaped', plain(jsonEscaped(secret))],
    [
      'JSON-escaped as ASCII',
      plain(
        jsonEscaped(secret).replace(
          /[^\x20-\x7e]|[&<>]/g,
          (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
        ),
      ),
    ],
    ['base64 of user:secret, no scheme word', b64(`${user}:`, secret)],
    ['base64 of a longer user:secret', b64(`${user}x:`, secret)],
    ['base64 of a still longer user:secret', b64(`${user}xy:`, secret)],
    ['base64url of user:secret', b64(`${user}:`, secret, url)],
    ['base64 of form-encoded client id and secret', b64('my-client:', pct)],
    ['base64 of the secret', b64('', secret)],
    ['base64url of the secret', b64('', secret, url)],
    ['base64 of user:secret in a URL', b64(`${user}:`, secret, encodeURIComponent)],
  ];
  return forms.map(([name, encoded]) => ({ name, ...encoded }));
}

/** The encodings of `secret` of which 8 characters in a row, one of them carrying only secret bytes, appear in `seen`. */
export function leakedEncodings(seen: string, secret: string, user?: string): string[] {
  const leaks = ({ text, from, to }: Encoded) => {
    for (let i = Math.max(0, from - 7); i < to && i + 8 <= text.length; i += 1)
      if (seen.includes(text.slice(i, i + 8))) return true;
    return false;
  };
  return encodingsOf(secret, user)
    .filter(leaks)
    .map((encoded) => encoded.name);
}
