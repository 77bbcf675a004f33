import fc from 'fast-check';
import { runPostFunction, buildPostFunctionEvent } from '../harness';
import type { Connection } from '../../src/connections/model';
import { redact, redactServiceWords, rememberSecret } from '../../src/access/redaction';
import { notifyPostFunction } from '../../src/rules/notify';
import { encodingsOf, leakedEncodings } from '../access/secret-encodings';
import { setUpConnection } from '../connections/support';
import { auditEntries } from '../support/audit';
import { capturingConsole } from '../support/console';
import { seedSite } from '../support/seed';
import { announceSeed, RUNS, SEED } from './fuzz-support';

/**
 * Secrets of any shape (any characters a person can type, punctuation that each encoding changes, non-Latin
 * letters), echoed by a service in every encoding a credential travels in, inside the words services answer with.
 * Whatever the secret and the encoding, nothing of it survives redaction; and through the Notify rule, nothing of
 * what the service said reaches a message, a failure comment or the log.
 */

/** Characters each encoding treats differently: percent- and form-encoding, JSON escapes, multi-byte UTF-8. */
const tricky = fc.constantFrom(
  '+',
  '/',
  '=',
  '%',
  '&',
  '"',
  '\\',
  ' ',
  '~',
  "'",
  '<',
  '>',
  'é',
  'ß',
  '日',
  '😀',
);
const secretText = fc
  .array(fc.oneof(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 6 }), tricky), {
    minLength: 4,
    maxLength: 24,
  })
  .map((parts) => parts.join(''))
  .filter((secret) => secret.length >= 8 && secret.trim() === secret && /[^\s]{4}/.test(secret));
const user = fc.constantFrom('alice', 'svc-bot', 'my-client', 'a', 'ops.integration@example.com');
/** How services word an error around what they echo. */
const around = fc.constantFrom(
  ['invalid credentials: ', ''],
  ['{"error":"invalid_client","error_description":"client ', ' unknown"}'],
  ['Authorization header "', '" rejected'],
  ['received=', '&status=denied'],
  ['', ' (echoed)'],
);

describe('fuzzing redaction with secrets of any shape in every encoding', () => {
  beforeAll(() => announceSeed('fuzz-secrets'));
  it(`${RUNS} secrets, each echoed in a random encoding inside a service's words: nothing survives`, () => {
    fc.assert(
      fc.property(secretText, user, around, fc.nat(), (secret, name, [before, after], pick) => {
        rememberSecret(secret);
        const encodings = encodingsOf(secret, name);
        const encoded = encodings[pick % encodings.length]!;
        const echoed = `${before}${encoded.text}${after}`;
        expect({ encoding: encoded.name, leaked: leakedEncodings(redact(echoed), secret, name) }).toEqual({
          encoding: encoded.name,
          leaked: [],
        });
        expect(leakedEncodings(redactServiceWords(echoed, 200), secret, name)).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

describe('fuzzing Notify against a service that echoes its API token', () => {
  it('whatever the token, the encoding and the refusal: a classified message, and no leak anywhere', () =>
    capturingConsole(async (printed) => {
      await fc.assert(
        fc.asyncProperty(
          secretText,
          fc.nat(),
          fc.constantFrom(400, 404, 405, 409, 410, 413, 415, 422),
          fc.boolean(),
          async (token, pick, status, asJson) => {
            const { site, kvs } = seedSite();
            const connection: Connection = {
              id: 'hook',
              name: 'Hook',
              url: 'https://echo.example.com/in',
              auth: { kind: 'api-token', scheme: 'basic', username: 'alice' },
            };
            await setUpConnection(site, kvs, connection, token);
            const encodings = encodingsOf(token, 'alice');
            const words = `credentials ${encodings[pick % encodings.length]!.text} rejected; marker-words`;
            const answer = () =>
              asJson
                ? Response.json({ message: words }, { status })
                : new Response(words, { status, headers: { 'content-type': 'text/plain' } });
            await runPostFunction(
              notifyPostFunction,
              buildPostFunctionEvent(site, {
                issueKey: 'OPS-1',
                transitionId: '11',
                atlassianId: 'dev',
                configuration: JSON.stringify({ connectionId: 'hook', reportFailureOnIssue: true }),
              }),
              {
                site,
                kvs,
                externalFetch: () => Promise.resolve(answer()),
              },
            );
            const [entry] = auditEntries(kvs);
            const comments = site.issue('OPS-1').comments.map((comment) => comment.text);
            // People read what happened, with the status, never the service's words.
            expect(entry?.error?.message).toMatch(new RegExp(`^Hook .*\\(HTTP ${status}\\)`));
            expect(comments).toEqual([expect.stringContaining(`(HTTP ${status}).`)]);
            const forPeople = JSON.stringify([entry?.error?.message, entry?.summary, comments, printed]);
            expect(forPeople).not.toContain('marker-words');
            // The Jira admin's excerpt keeps the service's words, without the token.
            expect(entry?.error?.serviceExcerpt).toContain('marker-words');
            const everything = JSON.stringify([kvs.snapshot().kvs, comments, printed]);
            expect(leakedEncodings(everything, token, 'alice')).toEqual([]);
          },
        ),
        { numRuns: 100, seed: SEED },
      );
    }));
});
