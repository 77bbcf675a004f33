import fc from 'fast-check';
import { MemoryKvs, runPostFunction, runValidator } from '../harness';
import { commentPostFunction } from '../../src/rules/comment';
import { fieldsRequirementValidator } from '../../src/rules/fields-requirement';
import { notifyPostFunction } from '../../src/rules/notify';
import { relatedIssuesValidator } from '../../src/rules/related-issues';
import { setFieldsPostFunction } from '../../src/rules/set-fields';
import { createIssuePostFunction } from '../../src/rules/create-issue';
import { linkIssuesPostFunction } from '../../src/rules/link-issues';
import { assignPostFunction } from '../../src/rules/assign';
import { copyFieldValuesPostFunction } from '../../src/rules/copy-field-values';
import { transitionRelatedPostFunction } from '../../src/rules/transition-related';
import { auditEntries } from '../support/audit';
import { seedRelatedIssues, seedSite } from '../support/seed';
import {
  announceSeed,
  countRefusedOnly,
  expectMessage,
  issuesWritten,
  jiraWrites,
  linksMade,
  mustBeRefused,
  NEW_ISSUE,
  NEW_LINK,
  RUNS,
  SEED,
  storageChanges,
  throughJson,
  unclearRefusal,
  unreadable,
  writableIssues,
} from './fuzz-support';
import {
  delivered,
  hostileConfiguration,
  hostileNumber,
  hostileString,
  hostileValue,
  mostly,
  shaped,
} from './hostile';

/**
 * Every function handler of a rule (manifest.yml `function:`), fed hostile payloads, events and configurations,
 * each delivered through JSON as the platform delivers it, on a fixed seed the run prints.
 *
 * The oracles are the test's own, not the app's schemas: an input holding a prototype key, a control character or
 * a string longer than any configuration Jira keeps must be refused (`mustBeRefused`); a refused input is refused
 * cleanly (a clear message, no Jira call at all, no storage write but its audit entry); an accepted one runs for
 * real, must not crash, and writes to no issue but the event's own (and, for a rule that reaches related issues,
 * its parent, sub-tasks and linked issues), as the emulator recorded the writes. Each entry point is fed inputs
 * until RUNS of them were refused (`countRefusedOnly`).
 */

/** Issue keys as Jira sends them, and ones that would change the Jira address they are put in. */
const issueKeys = fc.constantFrom(
  'OPS-1',
  'OPS-404',
  'NOPE-1',
  'ops-1',
  'OPS-1/comment',
  '../OPS-1',
  'OPS-1?expand=x',
  'OPS',
);
const issueKey = mostly(issueKeys);
const id = mostly(fc.constantFrom('1', '3', '10001'));
interface Target<H> {
  name: string;
  handler: H;
  /** The rule's key: its hostile configurations are `hostileConfiguration[rule]`. */
  rule: keyof typeof hostileConfiguration;
  /** The rule may write to the event issue's parent, sub-tasks and linked issues. */
  reachesRelated?: boolean;
  /** Its effect is a Jira write (every post-function but Notify). */
  writesToJira?: boolean;
  /** It may create issues (Create issue). */
  createsIssues?: boolean;
  /** It may link the event's issue to others; every link it makes must have the event's issue at one end. */
  linksIssues?: boolean;
}

const validators: Target<Parameters<typeof runValidator>[0]>[] = [
  {
    name: 'fieldsRequirementValidator',
    handler: fieldsRequirementValidator,
    rule: 'fields-requirement',
  },
  {
    name: 'relatedIssuesValidator',
    handler: relatedIssuesValidator,
    rule: 'related-issues',
  },
];

const postFunctions: Target<Parameters<typeof runPostFunction>[0]>[] = [
  {
    name: 'commentPostFunction',
    handler: commentPostFunction,
    rule: 'comment',
    writesToJira: true,
  },
  {
    name: 'setFieldsPostFunction',
    handler: setFieldsPostFunction,
    rule: 'set-fields',
    writesToJira: true,
  },
  {
    name: 'transitionRelatedPostFunction',
    handler: transitionRelatedPostFunction,
    rule: 'transition-related',
    reachesRelated: true,
    writesToJira: true,
  },
  {
    name: 'createIssuePostFunction',
    handler: createIssuePostFunction,
    rule: 'create-issue',
    writesToJira: true,
    createsIssues: true,
    linksIssues: true,
  },
  {
    name: 'linkIssuesPostFunction',
    handler: linkIssuesPostFunction,
    rule: 'link-issues',
    writesToJira: true,
    linksIssues: true,
  },
  { name: 'assignPostFunction', handler: assignPostFunction, rule: 'assign', writesToJira: true },
  {
    name: 'copyFieldValuesPostFunction',
    handler: copyFieldValuesPostFunction,
    rule: 'copy-field-values',
    reachesRelated: true,
    writesToJira: true,
  },
  { name: 'notifyPostFunction', handler: notifyPostFunction, rule: 'notify' },
];

const modifiedFields = fc.dictionary(
  fc.constantFrom('summary', 'duedate', 'customfield_10020', '__proto__'),
  hostileValue,
);

/**
 * The validator payload Jira sends (issue, configuration, transition with the screen's modified fields): half the
 * time anything near that shape, half the time well formed around a hostile configuration.
 */
const validatorPayload = (configuration: fc.Arbitrary<unknown>) =>
  fc.oneof(
    shaped({
      issue: shaped({ key: issueKey }),
      configuration: delivered(configuration),
      transition: shaped({
        from: shaped({ id }),
        to: shaped({ id }),
        modifiedFields: mostly(modifiedFields),
      }),
    }),
    fc.record({
      issue: fc.record({ key: issueKeys }),
      configuration: delivered(configuration),
      transition: fc.record({ to: fc.record({ id: fc.constantFrom('1', '3') }), modifiedFields }),
    }),
  );

/**
 * The "run post function" event (issue, transition with its execution id, user, configuration, retry context):
 * half the time anything near that shape, half the time well formed around a hostile configuration.
 */
const postFunctionEvent = (configuration: fc.Arbitrary<unknown>) =>
  fc.oneof(
    shaped({
      issue: shaped({ key: issueKey, id: hostileString }),
      transition: shaped({
        executionId: fc.oneof(fc.uuid(), hostileString),
        from: shaped({ id }),
        to: shaped({ id }),
        id: mostly(fc.constantFrom('11', 21)),
        name: hostileString,
      }),
      workflow: shaped({ id: hostileString, name: hostileString }),
      atlassianId: mostly(fc.constantFrom('dev', 'viewer', 'nobody')),
      configuration: delivered(configuration),
      retryContext: shaped({ retryCount: hostileNumber, retryReason: hostileString }),
      postFunction: shaped({ id: hostileString }),
    }),
    fc.record({
      issue: fc.record({ key: issueKeys }),
      transition: fc.record({ executionId: fc.uuid(), to: fc.record({ id: fc.constantFrom('1', '3') }) }),
      atlassianId: fc.constantFrom('dev', 'viewer'),
      configuration: delivered(configuration),
    }),
  );

const field = (value: unknown, key: string): unknown =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;

/** The issue key of an input that names one, as delivered. */
const issueKeyOf = (input: unknown): string => {
  const key = field(field(input, 'issue'), 'key');
  return typeof key === 'string' ? key : '';
};

describe('fuzzing the rule entry points with hostile input', () => {
  beforeAll(() => announceSeed('fuzz-rules'));

  for (const target of validators) {
    it(`${target.name} refuses ${RUNS} malformed payloads and configurations clearly, without a Jira call or a write`, async () => {
      const { site } = seedSite();
      await fc.assert(
        fc.asyncProperty(validatorPayload(hostileConfiguration[target.rule]), async (generated) => {
          const input = throughJson(generated);
          const kvs = new MemoryKvs();
          const callsBefore = site.calls.length;
          const result = await runValidator(target.handler, input as never, { site, kvs });
          const [entry, ...more] = auditEntries(kvs);
          const refused = entry?.error?.code === 'INVALID_INPUT';
          expect({
            entries: more.length + (entry ? 1 : 0),
            storage: storageChanges(undefined, kvs.snapshot()),
          }).toEqual({ entries: 1, storage: [] });
          expect(jiraWrites(site, callsBefore)).toEqual([]);
          // The test's own oracle: these inputs are refused as they came, before any Jira call.
          const forbidden = mustBeRefused(input);
          if (forbidden) {
            expect({ forbidden, refused, calls: site.calls.length - callsBefore }).toEqual({
              forbidden,
              refused: true,
              calls: 0,
            });
          }
          if (refused) {
            expect(result.result).toBe(false);
            expectMessage(result.errorMessage, unclearRefusal);
            expect(entry).toMatchObject({ outcome: 'blocked', error: { code: 'INVALID_INPUT' } });
            expectMessage(entry?.error?.message, unclearRefusal);
          } else {
            // A rule's verdict may carry the admin's wording; when Jira could not be asked, the app's must be readable.
            if (!result.result) expect(result.errorMessage?.trim()).toBeTruthy();
            if (!result.result && entry?.error) expectMessage(result.errorMessage, unreadable);
            expect(entry?.error?.code).not.toBe('INTERNAL');
          }
          countRefusedOnly(refused);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    });
  }

  for (const target of postFunctions) {
    it(`${target.name} refuses ${RUNS} malformed events and configurations clearly; what it accepts writes only where it may`, async () => {
      const { site } = seedRelatedIssues();
      let wrote = 0;
      await fc.assert(
        fc.asyncProperty(postFunctionEvent(hostileConfiguration[target.rule]), async (generated) => {
          const input = throughJson(generated);
          const kvs = new MemoryKvs();
          const callsBefore = site.calls.length;
          const linksBefore = site.links.length;
          // A crash would reject here; an InvocationError (platform retry) is an answer, not a crash.
          await runPostFunction(target.handler, input as never, { site, kvs });
          const [entry, ...more] = auditEntries(kvs);
          expect(more.length + (entry ? 1 : 0)).toBe(1);
          const refused = entry?.error?.code === 'INVALID_INPUT';
          // The test's own oracle: these inputs are refused as they came, before any Jira call or storage write.
          const forbidden = mustBeRefused(input);
          if (forbidden) {
            expect({
              forbidden,
              refused,
              calls: site.calls.length - callsBefore,
              storage: storageChanges(undefined, kvs.snapshot()),
            }).toEqual({ forbidden, refused: true, calls: 0, storage: [] });
          }
          // Whatever it did, it changed no issue but the event's own (or, for a rule that reaches them, its
          // relatives), judged from the emulator's record of writes and its own links, not from the app.
          const allowed = writableIssues(site, issueKeyOf(input), target.reachesRelated === true);
          if (target.createsIssues) allowed.add(NEW_ISSUE);
          if (target.linksIssues) allowed.add(NEW_LINK);
          const written = issuesWritten(site, callsBefore);
          if (written.length) wrote += 1;
          const strays = written.filter((key) => !allowed.has(key));
          expect({ issue: issueKeyOf(input), strays }).toEqual({ issue: issueKeyOf(input), strays: [] });
          // A link always has the event's own issue at one end.
          const own = site.findIssue(issueKeyOf(input))?.key;
          const foreignLinks = linksMade(site, linksBefore).filter(
            (ends) => own === undefined || !ends.includes(own),
          );
          expect(foreignLinks).toEqual([]);
          if (refused) {
            expect(entry).toMatchObject({ outcome: 'failed', error: { code: 'INVALID_INPUT' } });
            expectMessage(entry?.error?.message, unclearRefusal);
          } else {
            if (entry?.error) expectMessage(entry.error.message, unreadable);
            expect(entry?.error?.code).not.toBe('INTERNAL');
          }
          countRefusedOnly(refused);
        }),
        { numRuns: RUNS, seed: SEED },
      );
      // The write oracle was exercised: accepted inputs did write (Notify writes to Jira only to report a failure).
      if (target.writesToJira) expect(wrote).toBeGreaterThan(0);
    });
  }
});
