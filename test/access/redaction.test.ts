import { redact, rememberSecret } from '../../src/access/redaction';

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
