import { redact, redactServiceWords, rememberSecret } from '../../src/access/redaction';
import { encodingsOf, leakedEncodings } from './secret-encodings';

describe('redaction', () => {
  it('removes remembered secrets and credential-shaped text', () => {
    rememberSecret('canary-5f1e2d3c');
    expect(redact('upstream said: token canary-5f1e2d3c is wrong')).toBe(
      'upstream said: token [redacted] is wrong',
    );
    expect(redact('Authorization: Bearer abc.def-ghi')).toBe('Authorization: Bearer [redacted]');
    expect(redact('{"client_secret":"s3cr3t","other":1}')).toBe('{"client_secret":"[redacted]","other":1}');
  });
});

describe('redaction of a remembered secret in every encoding a service may echo', () => {
  const SECRET = 'canary+Se/cr"et\\9=1&a b~é<x>';
  beforeAll(() => rememberSecret(SECRET));

  it.each(encodingsOf(SECRET).map((encoded) => [encoded.name, encoded] as const))('%s', (_name, encoded) => {
    const echoed = `The service could not use "${encoded.text}" (echoed back).`;
    expect(leakedEncodings(echoed, SECRET)).toContain(encoded.name);
    const redacted = redact(echoed);
    expect(redacted).toContain('[redacted]');
    expect(leakedEncodings(redacted, SECRET)).toEqual([]);
    expect(redacted.startsWith('The service could not use "')).toBe(true);
  });
});

describe('words of a third party kept for the admin', () => {
  it('are redacted, token-like runs replaced even when never seen, and cut short', () => {
    const unseen = Buffer.from('bob:a-token-the-app-never-held-4242').toString('base64');
    expect(redactServiceWords(`invalid_request: bad credentials ${unseen} for hook`, 200)).toBe(
      'invalid_request: bad credentials [redacted] for hook',
    );
    expect(redactServiceWords('Missing field "summary" in /hooks/issue-transitioned', 200)).toBe(
      'Missing field "summary" in /hooks/issue-transitioned',
    );
    expect(redactServiceWords('x'.repeat(500), 120)).toHaveLength(120);
    expect(redactServiceWords('line\nbreak\u202Eoverride', 100)).toBe('line break override');
  });
});

describe('remembering a secret', () => {
  it('accepts any text a person can send, lone surrogates included, and still redacts it', () => {
    const secret = 'canary-\uD800-lone-surrogate';
    expect(() => rememberSecret(secret)).not.toThrow();
    expect(redact(`got ${secret}`)).toBe('got [redacted]');
  });
});
