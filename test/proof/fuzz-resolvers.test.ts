import fc from 'fast-check';
import {
  callResolver,
  MAX_INVOKE_PAYLOAD_BYTES,
  type BridgeContext,
  type ExternalAuthProvider,
  type MemoryKvs,
  type ResolverHandler,
} from '../harness';
import type { JiraSite } from '../emulator';
import { isConsentRequest } from '../../src/access/external-fetch';
import { accountsFunctions, accountsResolver } from '../../src/connections/account-resolver';
import { adminFunctions, adminResolver } from '../../src/pages/admin';
import { projectSettingsFunctions, projectSettingsResolver } from '../../src/pages/project-settings';
import type { ResolverFunctions } from '../../src/execution/resolver-runner';
import { validatorConfigFunctions, validatorConfigResolver } from '../../src/rules/validator-config';
import { ruleCatalog } from '../../src/rules/catalog';
import { AUDIT_ACTOR_KINDS, AUDIT_OUTCOMES } from '../../src/shared/admin-page';
import { CONDITION_RULES, VALIDATOR_RULES } from '../../src/shared/validator-config';
import { seedPageCallers } from '../support/seed';
import {
  announceSeed,
  countRefusedOnly,
  expectMessage,
  jiraWrites,
  mustBeRefused,
  RUNS,
  SEED,
  storageChanges,
  throughJson,
  unclearRefusal,
} from './fuzz-support';
import { hostileConfiguration, hostileNumber, hostileString, hostileValue, mostly, shaped } from './hostile';

/**
 * Every resolver of manifest.yml (`function:` handlers of the pages and configuration screens), every function
 * each defines, fed hostile payloads by a caller who may use it (so that authorization does not refuse everything
 * before the input is read), with hostile extras in the browser-supplied context; each payload goes through JSON
 * as the bridge sends it, on a fixed seed the run prints. Besides the schemas, the test's own oracle: a payload
 * holding a prototype key, a control character or an oversized string is refused with nothing written.
 *
 * The oracle is each function's production input schema (`input`, from the exported function table), applied to
 * what the function reads (`payload || {}`, as @forge/resolver passes it). A payload it refuses must be answered
 * with the envelope `{ok: false}`, code INVALID_INPUT (when the caller is let in) and a clear message, with no
 * write to storage or Jira. A payload it accepts runs for real: it must not crash (no exception but Forge's consent
 * request, no INTERNAL code); when it is refused later (an unknown connection, a configuration Jira rejects) the
 * message must be clear and nothing written; when it succeeds, its writes are legitimate. Each resolver is fed
 * calls until RUNS of them were refused (`countRefusedOnly`), spread over all its functions; the others run too.
 */

type Seeded = ReturnType<typeof seedPageCallers>;

interface Caller {
  context: BridgeContext;
  /** The context is one the page's authorization accepts, so the payload is what decides. */
  authorised: boolean;
}

interface ResolverTarget {
  name: string;
  handler: ResolverHandler;
  functions: ResolverFunctions;
  /** Hostile payloads for each function, by function key: every key the resolver defines must be here. */
  payloads: Record<string, fc.Arbitrary<unknown>>;
  callers(seeded: Seeded): fc.Arbitrary<Caller>;
}

/** What a browser may add around the trusted fields: claims, ids and junk the app must not believe or choke on. */
const contextExtras = fc.dictionary(
  fc.constantFrom('isAdmin', 'license', 'installContext', 'cloudId', 'localId', 'theme', '__proto__'),
  hostileValue,
  { maxKeys: 3 },
);
const accountType = fc.oneof(
  fc.constant('licensed'),
  hostileValue.filter((value) => value !== 'anonymous'),
);

/** Callers the page lets in whatever `extension` says (it is only a hint), with hostile extras around them. */
const signedInAs = (accountIds: string[], type: string): fc.Arbitrary<Caller> =>
  fc
    .record({
      extras: contextExtras,
      accountId: fc.constantFrom(...accountIds),
      accountType,
      extension: fc.oneof({ arbitrary: fc.constant({ type }), weight: 3 }, hostileValue),
    })
    .map(({ extras, ...trusted }) => ({
      context: { ...extras, ...trusted } as BridgeContext,
      authorised: true,
    }));

/** For functions that take no input: sometimes none, mostly anything else. */
const nothing = fc.oneof(fc.constantFrom({}, undefined, null), { arbitrary: hostileValue, weight: 4 });
const connectionId = mostly(fc.constantFrom('hooks', 'missing', 'Hooks', '-x', 'a'.repeat(41)));
const provider = mostly(fc.constantFrom('notify-account', 'github', 'notify-account\u0000'));
const serviceUrl = mostly(
  fc.constantFrom(
    'https://hooks.example.com/in',
    'http://127.0.0.1:9/in',
    'http://hooks.example.com/in',
    'https://user:secret@hooks.example.com/in',
    'javascript:alert(1)',
    'file:///etc/passwd',
  ),
);

const connectionShape = shaped({
  id: connectionId,
  name: mostly(fc.constantFrom('Hooks', '<script>alert(1)</script>')),
  url: serviceUrl,
  auth: fc.oneof(
    shaped({
      kind: mostly(fc.constant('api-token')),
      scheme: mostly(fc.constantFrom('bearer', 'basic')),
      username: hostileString,
    }),
    shaped({
      kind: mostly(fc.constant('oauth-client-credentials')),
      tokenUrl: serviceUrl,
      clientId: hostileString,
      scope: hostileString,
    }),
    shaped({ kind: mostly(fc.constant('user-account')), provider }),
  ),
});
/** What the page reports from the bridge's `permissions.egress.get`: the host approved, or anything else. */
const approvals = mostly(
  fc.constantFrom(
    [],
    [
      {
        key: 'notify-host-hooks',
        description: 'Hooks',
        configured: [{ domain: 'https://hooks.example.com', type: ['FETCH_BACKEND_SIDE'] }],
      },
    ],
    [
      {
        key: 'x',
        description: 'x',
        configured: [{ domain: 'https://hooks.example.com', type: ['TELEPORT'] }],
      },
    ],
  ),
);

const targets: ResolverTarget[] = [
  {
    name: 'adminResolver',
    handler: adminResolver,
    functions: adminFunctions,
    callers: () => signedInAs(['jadmin'], 'jira:adminPage'),
    payloads: {
      getPermissions: nothing,
      getRuleUsages: nothing,
      getAuditDetail: nothing,
      setAuditDetail: shaped({ successDetail: mostly(fc.constantFrom('full', 'summary', 'FULL', '')) }),
      getHealth: nothing,
      runHealthCheck: nothing,
      getConnections: fc.oneof(nothing, shaped({ approvals })),
      getIdentity: shaped({
        startAt: mostly(fc.oneof(fc.integer({ min: 0, max: 100 }), hostileNumber)),
        maxResults: mostly(fc.oneof(fc.integer({ min: 1, max: 25 }), hostileNumber)),
      }),
      getExecutions: shaped({
        projectKey: mostly(fc.constantFrom('OPS', 'ops', 'OPS"')),
        rule: mostly(fc.constantFrom(...ruleCatalog.map((rule) => rule.key), 'admin-page')),
        outcome: mostly(fc.constantFrom(...AUDIT_OUTCOMES)),
        actorKind: mostly(fc.constantFrom(...AUDIT_ACTOR_KINDS)),
        cursor: hostileString,
        limit: mostly(fc.oneof(fc.integer({ min: 1, max: 50 }), hostileNumber)),
      }),
      planConnection: shaped({ connection: connectionShape, approvals }),
      saveConnection: shaped({ connection: connectionShape, approvals }),
      deleteConnection: shaped({ id: connectionId }),
      setConnectionSecret: shaped({ id: connectionId, value: hostileString }),
      deleteConnectionSecret: shaped({ id: connectionId }),
      testConnection: shaped({ id: connectionId }),
      connectProvider: shaped({ provider }),
      getDataOverview: nothing,
      exportAuditLog: shaped({ cursor: hostileString }),
      purgeAuditLog: shaped({ before: mostly(fc.integer({ min: 1, max: 4_000_000_000_000 })) }),
      deleteAllConnections: nothing,
    },
  },
  {
    name: 'projectSettingsResolver',
    handler: projectSettingsResolver,
    functions: projectSettingsFunctions,
    callers: ({ ops, fin }) => {
      const page = { type: 'jira:projectSettingsPage', project: { id: ops.id, key: 'OPS' } };
      const projectHint = shaped({
        type: hostileValue,
        project: shaped({
          id: mostly(fc.constantFrom(fin.id, Number(ops.id), '../10000', '10000?x=1')),
          key: mostly(fc.constantFrom('OPS', 'FIN', 'ops')),
        }),
      });
      return fc
        .record({
          extras: contextExtras,
          accountId: fc.constantFrom('padmin', 'jadmin'),
          accountType,
          extension: fc.oneof(
            { arbitrary: fc.constant({ value: page, authorised: true }), weight: 4 },
            fc.oneof(projectHint, hostileValue).map((value) => ({ value, authorised: false })),
          ),
        })
        .map(({ extras, extension, ...trusted }) => ({
          context: { ...extras, ...trusted, extension: extension.value } as BridgeContext,
          authorised: extension.authorised,
        }));
    },
    payloads: {
      getProjectSettings: nothing,
      saveProjectSettings: shaped({
        expectedRevision: mostly(fc.oneof(fc.integer({ min: 0, max: 3 }), hostileNumber)),
        settings: shaped({
          disabledRules: mostly(
            fc.array(fc.constantFrom(...ruleCatalog.map((rule) => rule.key), 'bogus'), { maxLength: 10 }),
          ),
          defaults: shaped({
            actor: mostly(fc.constantFrom('app', 'transitioning-user')),
            allowAppFallback: mostly(fc.boolean()),
            reportFailureOnIssue: mostly(fc.boolean()),
            connections: mostly(fc.array(connectionId, { maxLength: 3 })),
          }),
        }),
      }),
      getProjectActivity: shaped({ onlyFailures: mostly(fc.boolean()), cursor: hostileString }),
      getProjectHealth: nothing,
    },
  },
  {
    name: 'validatorConfigResolver',
    handler: validatorConfigResolver,
    functions: validatorConfigFunctions,
    // Callers every function accepts: listConnections only serves who may edit a workflow (a Jira or project
    // admin); the authorization matrix shows a plain user refused there and accepted by the others.
    callers: () => signedInAs(['jadmin', 'padmin'], 'jira:workflowValidator'),
    payloads: {
      listFields: nothing,
      listConnections: nothing,
      listLinkTypes: nothing,
      listWorkflowTransitions: nothing,
      listCreatableProjects: nothing,
      listSubtaskTypes: nothing,
      listUserFields: nothing,
      listRoles: nothing,
      listStatuses: nothing,
      listIssueTypes: shaped({ projectId: mostly(fc.constantFrom('10001', '10002', 'OPS', '1/../x')) }),
      checkCreateIssue: shaped({
        projectId: mostly(fc.constantFrom('10001', '99999', 'OPS')),
        projectName: hostileString,
        issueTypeId: mostly(fc.constantFrom('10010', '10013', 'Task')),
        issueTypeName: hostileString,
        copyFields: mostly(fc.array(fc.constantFrom('labels', 'duedate', '__proto__'), { maxLength: 22 })),
      }),
      prepareConfiguration: fc
        .constantFrom(...VALIDATOR_RULES, ...CONDITION_RULES)
        .chain((rule) =>
          shaped({ rule: mostly(fc.constant(rule)), configuration: hostileConfiguration[rule] }),
        ),
      checkTemplateFields: shaped({
        templates: mostly(
          fc.array(
            shaped({
              path: mostly(fc.constantFrom('template', 'summary', 'operations.0.value')),
              text: mostly(fc.constantFrom('{{field:Labels}}', '{{field:}}', '{{field:__proto__}}', 'plain')),
            }),
            { maxLength: 30 },
          ),
        ),
      }),
      checkOnlyIf: shaped({
        expression: mostly(fc.constantFrom('issue.priority != null', 'issue.key ==', '"text"')),
      }),
      pickIssues: shaped({ query: mostly(fc.constantFrom('OPS', 'certificates', '', 'FIN-1')) }),
      testExpression: shaped({
        expression: mostly(fc.constantFrom('issue.summary', 'issue.parent.key == "X"', 'true')),
        issueKey: mostly(fc.constantFrom('OPS-1', 'FIN-1', 'ops-1', 'OPS-1 OR 1=1')),
      }),
    },
  },
  {
    name: 'accountsResolver',
    handler: accountsResolver,
    functions: accountsFunctions,
    callers: () => signedInAs(['jadmin', 'plain'], 'jira:personalSettingsPage'),
    payloads: { listAccounts: nothing, connectAccount: shaped({ provider }) },
  },
];

/** The manifest's auth provider (providers.auth) as on a fresh site: nobody has connected an account yet. */
const NOTIFY_ACCOUNT: ExternalAuthProvider = {
  service: 'notify-account',
  remotes: [{ key: 'notify-service', baseUrl: 'https://notify.example.com' }],
  accounts: [],
};

/** The Forge bridge refuses larger payloads before the app sees them. */
const fitsTheBridge = (payload: unknown): boolean =>
  Buffer.byteLength(JSON.stringify(payload ?? {})) <= MAX_INVOKE_PAYLOAD_BYTES;

/** A connection the functions taking an id can find (until a fuzzed call deletes it, as an admin may). */
async function seedConnection(site: JiraSite, kvs: MemoryKvs): Promise<void> {
  const connection = {
    id: 'hooks',
    name: 'Hooks',
    url: 'https://hooks.example.com/in',
    auth: { kind: 'api-token', scheme: 'bearer' },
  };
  const opts = { site, kvs };
  const answer = await callResolver(
    adminResolver,
    'saveConnection',
    {
      connection,
      approvals: [
        {
          key: 'notify-host-hooks',
          description: 'Hooks',
          configured: [{ domain: 'https://hooks.example.com', type: ['FETCH_BACKEND_SIDE'] }],
        },
      ],
    },
    { accountId: 'jadmin' },
    opts,
  );
  expect(answer).toMatchObject({ ok: true });
}

interface Envelope {
  ok: boolean;
  data?: unknown;
  error?: { code: string; message: string };
}

describe('fuzzing the resolvers with hostile payloads from callers who may use them', () => {
  beforeAll(() => announceSeed('fuzz-resolvers'));

  for (const target of targets) {
    it(`${target.name}: every function answers ${RUNS} refused payloads with a clear error and no write`, async () => {
      const keys = Object.keys(target.functions);
      expect(Object.keys(target.payloads).sort()).toEqual([...keys].sort());
      const seeded = seedPageCallers();
      const { site, kvs } = seeded;
      await seedConnection(site, kvs);
      const calls = fc.constantFrom(...keys).chain((key) =>
        fc.record({
          key: fc.constant(key),
          payload: (target.payloads[key] ?? nothing).filter(fitsTheBridge),
          caller: target.callers(seeded),
        }),
      );
      await fc.assert(
        fc.asyncProperty(calls, async ({ key, payload: generated, caller }) => {
          // As @forge/bridge sends it: JSON text, parsed again on the other side.
          const payload = throughJson(generated);
          const definition = target.functions[key];
          // What the function reads: @forge/resolver hands it `payload || {}`.
          const accepted = definition?.input.safeParse(payload || {}).success ?? false;
          const storageBefore = kvs.snapshot();
          const callsBefore = site.calls.length;
          const writes = () => ({
            key,
            storage: storageChanges(storageBefore, kvs.snapshot()),
            jira: jiraWrites(site, callsBefore),
          });
          let answer: Envelope;
          try {
            answer = (await callResolver(target.handler, key, payload, caller.context, {
              site,
              kvs,
              externalAuth: [NOTIFY_ACCOUNT],
            })) as Envelope;
          } catch (error) {
            // Only Forge's consent request may leave a resolver (connecting an account), for a request it accepted.
            expect({ key, consentRequest: isConsentRequest(error), accepted }).toEqual({
              key,
              consentRequest: true,
              accepted: true,
            });
            expect(writes()).toEqual({ key, storage: [], jira: [] });
            return countRefusedOnly(false);
          }
          expect(typeof answer.ok).toBe('boolean');
          // The test's own oracle: these payloads are refused, and change nothing, whatever the schemas say.
          const forbidden = mustBeRefused(payload);
          if (forbidden) {
            expect({ forbidden, ok: answer.ok, ...writes() }).toEqual({
              forbidden,
              ok: false,
              key,
              storage: [],
              jira: [],
            });
          }
          if (answer.ok) {
            expect({ key, accepted }).toEqual({ key, accepted: true });
          } else {
            const { code, message } = answer.error ?? {};
            // INTERNAL is the envelope of an unexpected error: a crash, however politely worded.
            expect({ key, code, message }).not.toEqual({ key, code: 'INTERNAL', message });
            expect(typeof code).toBe('string');
            expectMessage(message, unclearRefusal);
            expect(writes()).toEqual({ key, storage: [], jira: [] });
            if (!accepted && caller.authorised) {
              expect({ key, code, message: message?.startsWith('Invalid request: ') }).toEqual({
                key,
                code: 'INVALID_INPUT',
                message: true,
              });
            }
          }
          countRefusedOnly(!answer.ok);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    });
  }
});

/** Names every plain object answers to through its prototype, and names close to them. */
const BUILT_IN_NAMES = [
  ...Object.getOwnPropertyNames(Object.prototype),
  ...Object.getOwnPropertyNames(Function.prototype),
  'prototype',
];
const notAFunctionOf = (functions: ResolverFunctions) =>
  fc
    .oneof(
      { arbitrary: fc.constantFrom(...BUILT_IN_NAMES), weight: 3 },
      fc.constantFrom(...BUILT_IN_NAMES).map((name) => `${name} `),
      hostileString,
    )
    .filter((name): name is string => typeof name === 'string' && !Object.hasOwn(functions, name));

describe('fuzzing the resolvers with function names the app does not define', () => {
  for (const target of targets) {
    it(`${target.name}: built-in object names and unknown names are refused before anything runs`, async () => {
      const seeded = seedPageCallers();
      const { site, kvs } = seeded;
      const callers = fc.oneof(
        target.callers(seeded).map((caller) => caller.context),
        fc.constant<BridgeContext>({ accountType: 'anonymous' }),
      );
      await fc.assert(
        fc.asyncProperty(
          notAFunctionOf(target.functions),
          hostileValue,
          callers,
          async (name, payload, context) => {
            const storageBefore = kvs.snapshot();
            const callsBefore = site.calls.length;
            const answer = callResolver(target.handler, name, payload, context, { site, kvs });
            // Exactly what the resolver library answers for a key nobody defined.
            await expect(answer).rejects.toThrow(`Resolver has no definition for '${String(name)}'.`);
            expect({
              name,
              storage: storageChanges(storageBefore, kvs.snapshot()),
              jiraCalls: site.calls.length - callsBefore,
            }).toEqual({ name, storage: [], jiraCalls: 0 });
          },
        ),
        { numRuns: 200, seed: SEED },
      );
    });
  }
});
