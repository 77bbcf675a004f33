import { checkedTexts } from '../support/envelope';
import { SCOPE_ERROR_SHAPES } from '../emulator/faults';
import { callResolver, type ResolverHandler } from '../harness';
import { validatorConfigResolver } from '../../src/rules/validator-config';
import type { FieldOption, PreparedConfiguration } from '../../src/shared/validator-config';
import { seedSite } from '../support/seed';

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

const handler = validatorConfigResolver as unknown as ResolverHandler;
const CONTEXT = {
  accountId: 'dev',
  moduleKey: 'who-may-transition',
  extension: { type: 'jira:workflowValidator', entryPoint: 'create' },
};

function setup() {
  const { site, kvs } = seedSite();
  site.addField({ id: 'customfield_10050', name: 'Ticket' });
  const call = <T>(fn: string, payload: unknown, opts: { scopes?: string[]; accountId?: string } = {}) =>
    callResolver(
      handler,
      fn,
      payload,
      { ...CONTEXT, accountId: opts.accountId ?? 'dev' },
      {
        site,
        kvs,
        ...(opts.scopes ? { scopes: opts.scopes } : {}),
      },
    ) as Promise<Envelope<T>>;
  const prepare = (rule: string, configuration: unknown, opts?: { scopes?: string[] }) =>
    call<PreparedConfiguration>('prepareConfiguration', { rule, configuration }, opts);
  const calls = () => site.calls.map((c) => `${c.identity.kind} ${c.method} ${c.pathTemplate ?? c.path}`);
  return { site, kvs, call, prepare, calls };
}

const saved = (envelope: Envelope<PreparedConfiguration>) => {
  if (!envelope.ok) throw new Error(envelope.error.message);
  return JSON.parse(envelope.data.configuration) as Record<string, unknown>;
};

describe('validator configuration resolver', () => {
  it('lists Jira fields as the configuring user', async () => {
    const { call, calls } = setup();
    const answer = await call<FieldOption[]>('listFields', {});
    expect(answer.ok && answer.data).toEqual(
      expect.arrayContaining([
        { id: 'duedate', name: 'Due date', custom: false, schema: { type: 'date' } },
        // A custom field's schema names its kind (what tells a multi-line text field from a one-line one).
        {
          id: 'customfield_10050',
          name: 'Ticket',
          custom: true,
          schema: { type: 'string', custom: 'emulator:string' },
        },
      ]),
    );
    expect(calls()).toEqual(['user GET /rest/api/3/field']);
  });

  it('refuses callers who are not signed in', async () => {
    const { site } = setup();
    const answer = await callResolver(
      handler,
      'prepareConfiguration',
      { rule: 'custom-expression', configuration: {} },
      { extension: CONTEXT.extension },
      { site },
    );
    expect(checkedTexts(answer)).toEqual({
      ok: false,
      error: { code: 'NEEDS_AUTHENTICATION', message: 'Sign in to Jira to use Workflow Guard.' },
    });
  });

  describe('fields requirement', () => {
    it('saves the fields under the names Jira gives them, after one field-list read', async () => {
      const { prepare, calls } = setup();
      const answer = await prepare('fields-requirement', {
        failurePolicy: 'allow',
        requirements: [
          { fieldId: 'customfield_10050', fieldName: 'tkt', condition: 'matches', pattern: '^OPS-' },
        ],
      });
      expect(saved(answer)).toEqual({
        failurePolicy: 'allow',
        requirements: [
          { fieldId: 'customfield_10050', fieldName: 'Ticket', condition: 'matches', pattern: '^OPS-' },
        ],
        description: 'Requires "Ticket" matching /^OPS-/; if Jira cannot be asked: allow.',
      });
      expect(calls()).toEqual(['user GET /rest/api/3/field']);
    });

    it.each([
      [
        'an unknown field',
        { requirements: [{ fieldId: 'customfield_99999', fieldName: 'Ghost', condition: 'not-empty' }] },
        'Field 1: Jira has no field "customfield_99999" that you can see. Pick the field from the list. Nothing was saved.',
        {
          'requirements.0.fieldId':
            'Jira has no field "customfield_99999" that you can see. Pick the field from the list.',
        },
      ],
      [
        'a hostile field id',
        { requirements: [{ fieldId: 'summary,comment', fieldName: 'S', condition: 'not-empty' }] },
        'The configuration is invalid: requirements.0.fieldId: must be a Jira field id such as summary or customfield_10020. Correct it; nothing was saved.',
        {
          'requirements.0.fieldId':
            'This field must be a Jira field id such as summary or customfield_10020.',
        },
      ],
      [
        'an unknown setting',
        {
          requirements: [{ fieldId: 'duedate', fieldName: 'Due', condition: 'not-empty' }],
          expression: 'true',
        },
        'The configuration is invalid: configuration: Unrecognized key: "expression". Correct it; nothing was saved.',
        { configuration: 'Unrecognized key: "expression".' },
      ],
    ])(
      'rejects %s with a clear error beside the field and saves nothing',
      async (_what, configuration, message, fields) => {
        const { prepare, kvs } = setup();
        expect(checkedTexts(await prepare('fields-requirement', configuration))).toEqual({
          ok: false,
          error: { code: 'INVALID_INPUT', message, fields },
        });
        expect(kvs.writes).toBe(0);
      },
    );
  });

  describe('related issues', () => {
    it('accepts a link direction Jira knows and rejects one it does not', async () => {
      const { prepare } = setup();
      const good = await prepare('related-issues', {
        parent: true,
        links: [{ linkType: 'Blocks', direction: 'is blocked by' }],
      });
      expect(saved(good)).toMatchObject({
        requiredCategory: 'done',
        failurePolicy: 'block',
        description:
          'Requires the parent, issues it is blocked by to be in "Done"; if Jira cannot be asked: block.',
      });
      const bad = await prepare('related-issues', { links: [{ linkType: 'Blocks', direction: 'eats' }] });
      expect(checkedTexts(bad)).toEqual({
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message:
            'Jira has no link type "Blocks" with the direction "eats". Pick it from the list. Nothing was saved.',
          fields: {
            'links.0': 'Jira has no link type "Blocks" with the direction "eats". Pick it from the list.',
          },
        },
      });
    });
  });

  describe('who may transition', () => {
    it('saves the generated expression after Jira analysed it, as the user', async () => {
      const { prepare, calls, site } = setup();
      const answer = await prepare('who-may-transition', { groups: ['ops'], assignee: true });
      expect(saved(answer)).toEqual({
        groups: ['ops'],
        projectRoles: [],
        assignee: true,
        reporter: false,
        userFields: [],
        message: 'Only members of "ops", the assignee may make this transition.',
        expression:
          'user.groups.some(group => ["ops"].includes(group)) || (issue.assignee != null && issue.assignee.accountId == user.accountId)',
        description: 'Only members of "ops", the assignee may make this transition.',
      });
      expect(calls()).toEqual(['user POST /rest/api/3/expression/analyse']);
      expect(site.contractViolations).toEqual([]);
    });

    it('escapes an injection attempt, and Jira accepts the expression', async () => {
      const { prepare } = setup();
      const answer = await prepare('who-may-transition', { groups: ['x"].includes(group)) || true || (["'] });
      expect(saved(answer).expression).toBe(
        'user.groups.some(group => ["x\\"].includes(group)) || true || ([\\""].includes(group))',
      );
    });

    it('refuses an expression sent by the screen, and line breaks in names, without calling Jira', async () => {
      const { prepare, site } = setup();
      const spliced = await prepare('who-may-transition', { groups: ['ops'], expression: 'true' });
      expect(spliced.ok || spliced.error.message).toBe(
        'The configuration is invalid: configuration: Unrecognized key: "expression". Correct it; nothing was saved.',
      );
      const broken = await prepare('who-may-transition', { groups: ['ops\n|| true'] });
      expect(broken.ok || broken.error.message).toBe(
        'The configuration is invalid: groups.0: a group name must not contain line breaks or control characters. Correct it; nothing was saved.',
      );
      const control = await prepare('who-may-transition', { projectRoles: ['Dev\u0000elopers'] });
      // Refused for every resolver before its own checks (src/execution/input-safety.ts), naming the field.
      expect(control.ok || control.error.message).toBe(
        'Invalid request: configuration.projectRoles.0 holds a control character.',
      );
      expect(site.calls).toHaveLength(0);
    });
  });

  describe('custom expression', () => {
    const valid = { expression: 'issue.assignee != null', message: 'Assign the issue first.' };

    it('saves an expression Jira accepts', async () => {
      const { prepare, calls } = setup();
      expect(saved(await prepare('custom-expression', valid))).toEqual({
        ...valid,
        description: 'Custom expression: Assign the issue first.',
      });
      expect(calls()).toEqual(['user POST /rest/api/3/expression/analyse']);
    });

    it.each([
      [
        'a syntax error',
        'issue.assignee != ',
        'Jira rejected the expression: Unexpected end of expression (line 1, column 16). Correct it and save again.',
        'Jira rejected this expression: Unexpected end of expression (line 1, column 16).',
      ],
      [
        'an unknown identifier',
        'assignee != null',
        'Jira rejected the expression: Unrecognized identifier: assignee (line 1, column 1). Correct it and save again.',
        'Jira rejected this expression: Unrecognized identifier: assignee (line 1, column 1).',
      ],
      [
        'a non-boolean result',
        '42',
        'The expression returns Number; a validator must return true or false (or a message). Compare a value, for example issue.assignee != null.',
        'The expression returns Number; a validator must return true or false (or a message). Compare a value, for example issue.assignee != null.',
      ],
    ])(
      'shows Jira’s analysis of %s beside the expression and saves nothing',
      async (_what, expression, message, beside) => {
        const { prepare, kvs } = setup();
        expect(checkedTexts(await prepare('custom-expression', { ...valid, expression }))).toEqual({
          ok: false,
          error: { code: 'INVALID_INPUT', message, fields: { expression: beside } },
        });
        expect(kvs.writes).toBe(0);
      },
    );

    it('rejects a configuration over 32 KB before asking Jira', async () => {
      const { prepare, site } = setup();
      const expression = Array.from({ length: 3000 }, (_, i) => `issue.key != "OPS-${i}"`).join(' && ');
      const answer = await prepare('custom-expression', { ...valid, expression });
      expect(answer.ok || answer.error.message).toMatch(
        /^The configuration is \d+\.\d KB once saved, but Jira's workflow editor keeps at most 32 KB\. Shorten it; nothing was saved\.$/,
      );
      expect(site.calls).toHaveLength(0);
    });

    it.each(SCOPE_ERROR_SHAPES)(
      'names the scope when the installation lacks read:jira-user (missing scope answered %s)',
      async (shape) => {
        const { prepare, site } = setup();
        site.scopeErrorShape = shape;
        const answer = await prepare('custom-expression', valid, {
          scopes: ['read:jira-work', 'storage:app'],
        });
        expect(checkedTexts(answer)).toEqual({
          ok: false,
          error: {
            code: 'MISSING_SCOPE',
            message: expect.stringContaining(
              'has not granted it the permission "read:jira-work, read:jira-user"',
            ) as string,
          },
        });
      },
    );
  });
});
