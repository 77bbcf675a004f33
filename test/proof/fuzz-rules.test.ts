import fc from 'fast-check';
import type { z } from 'zod';
import { MemoryKvs, runPostFunction, runValidator } from '../harness';
import { commentPostFunction } from '../../src/rules/comment';
import { CommentConfig } from '../../src/rules/comment/configuration';
import { fieldsRequirementValidator } from '../../src/rules/fields-requirement';
import { FieldsRequirementConfig } from '../../src/rules/fields-requirement/configuration';
import { notifyPostFunction } from '../../src/rules/notify';
import { NotifyConfig } from '../../src/rules/notify/configuration';
import { relatedIssuesValidator } from '../../src/rules/related-issues';
import { RelatedIssuesConfig } from '../../src/rules/related-issues/configuration';
import { setFieldsPostFunction } from '../../src/rules/set-fields';
import { SetFieldsConfig } from '../../src/rules/set-fields/configuration';
import { transitionRelatedPostFunction } from '../../src/rules/transition-related';
import { TransitionRelatedConfig } from '../../src/rules/transition-related/configuration';
import { readConfiguration } from '../../src/execution/configuration';
import { PostFunctionEvent } from '../../src/execution/post-function-runner';
import { ValidatorPayload } from '../../src/execution/validator-runner';
import { postFunctionDefaults } from '../../src/settings/for-rules';
import { DEFAULT_PROJECT_SETTINGS } from '../../src/settings/model';
import { auditEntries } from '../support/audit';
import { seedSite } from '../support/seed';
import {
  countRefusedOnly,
  expectMessage,
  jiraWrites,
  RUNS,
  storageChanges,
  unclearRefusal,
  unreadable,
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
 * Every function handler of a rule (manifest.yml `function:`), fed hostile payloads, events and configurations.
 *
 * The oracle is the production schemas themselves: the payload or event schema and the rule's configuration schema
 * read as the runner reads them (JSON text or `{value}`, with the project's defaults). An input they refuse must be
 * refused cleanly: a clear message, no Jira call at all and no storage write but its audit entry. An input they
 * accept runs for real and must not crash either; its effects are legitimate, so post-functions may write then.
 * Each entry point is fed inputs until RUNS of them were refused by the schemas (`countRefusedOnly`).
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
  configuration: z.ZodType;
}

const validators: Target<Parameters<typeof runValidator>[0]>[] = [
  {
    name: 'fieldsRequirementValidator',
    handler: fieldsRequirementValidator,
    rule: 'fields-requirement',
    configuration: FieldsRequirementConfig,
  },
  {
    name: 'relatedIssuesValidator',
    handler: relatedIssuesValidator,
    rule: 'related-issues',
    configuration: RelatedIssuesConfig,
  },
];

const postFunctions: Target<Parameters<typeof runPostFunction>[0]>[] = [
  {
    name: 'commentPostFunction',
    handler: commentPostFunction,
    rule: 'comment',
    configuration: CommentConfig,
  },
  {
    name: 'setFieldsPostFunction',
    handler: setFieldsPostFunction,
    rule: 'set-fields',
    configuration: SetFieldsConfig,
  },
  {
    name: 'transitionRelatedPostFunction',
    handler: transitionRelatedPostFunction,
    rule: 'transition-related',
    configuration: TransitionRelatedConfig,
  },
  { name: 'notifyPostFunction', handler: notifyPostFunction, rule: 'notify', configuration: NotifyConfig },
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

describe('fuzzing the rule entry points with hostile input', () => {
  for (const target of validators) {
    it(`${target.name} refuses ${RUNS} malformed payloads and configurations clearly, without a Jira call or a write`, async () => {
      const { site } = seedSite();
      await fc.assert(
        fc.asyncProperty(validatorPayload(hostileConfiguration[target.rule]), async (input) => {
          const kvs = new MemoryKvs();
          const callsBefore = site.calls.length;
          const result = await runValidator(target.handler, input as never, { site, kvs });
          const accepted =
            ValidatorPayload.safeParse(input).success &&
            readConfiguration(target.configuration, field(input, 'configuration')).ok;
          const [entry, ...more] = auditEntries(kvs);
          expect({
            entries: more.length + (entry ? 1 : 0),
            storage: storageChanges(undefined, kvs.snapshot()),
          }).toEqual({ entries: 1, storage: [] });
          expect(jiraWrites(site, callsBefore)).toEqual([]);
          if (accepted) {
            // A rule's verdict may carry the admin's wording; when Jira could not be asked, the app's must be readable.
            if (!result.result) expect(result.errorMessage?.trim()).toBeTruthy();
            if (!result.result && entry?.error) expectMessage(result.errorMessage, unreadable);
            expect(entry?.error?.code).not.toBe('INTERNAL');
          } else {
            expect({ result: result.result, calls: site.calls.length - callsBefore }).toEqual({
              result: false,
              calls: 0,
            });
            expectMessage(result.errorMessage, unclearRefusal);
            expect(entry).toMatchObject({ outcome: 'blocked', error: { code: 'INVALID_INPUT' } });
            expectMessage(entry?.error?.message, unclearRefusal);
          }
          countRefusedOnly(!accepted);
        }),
        { numRuns: RUNS },
      );
    });
  }

  for (const target of postFunctions) {
    it(`${target.name} refuses ${RUNS} malformed events and configurations clearly, without a Jira call or a write`, async () => {
      const { site } = seedSite();
      const defaults = postFunctionDefaults(DEFAULT_PROJECT_SETTINGS);
      await fc.assert(
        fc.asyncProperty(postFunctionEvent(hostileConfiguration[target.rule]), async (input) => {
          const kvs = new MemoryKvs();
          const callsBefore = site.calls.length;
          // A crash would reject here; an InvocationError (platform retry) is an answer, not a crash.
          await runPostFunction(target.handler, input as never, { site, kvs });
          const accepted =
            PostFunctionEvent.safeParse(input).success &&
            readConfiguration(target.configuration, field(input, 'configuration'), defaults).ok;
          const [entry, ...more] = auditEntries(kvs);
          expect(more.length + (entry ? 1 : 0)).toBe(1);
          if (accepted) {
            if (entry?.error) expectMessage(entry.error.message, unreadable);
            expect(entry?.error?.code).not.toBe('INTERNAL');
          } else {
            expect({
              calls: site.calls.length - callsBefore,
              storage: storageChanges(undefined, kvs.snapshot()),
            }).toEqual({ calls: 0, storage: [] });
            expect(entry).toMatchObject({ outcome: 'failed', error: { code: 'INVALID_INPUT' } });
            expectMessage(entry?.error?.message, unclearRefusal);
          }
          countRefusedOnly(!accepted);
        }),
        { numRuns: RUNS },
      );
    });
  }
});
