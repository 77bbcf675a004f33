import fc from 'fast-check';
import { seedRelatedIssues } from '../support/seed';

/** Ids as the fuzzed site has them (seeding is deterministic), so that some created issues are really made. */
const fuzzSite = seedRelatedIssues().site;
const OPS_ID = fuzzSite.requireProject('OPS').id;
const TASK_ID = fuzzSite.issueTypes.get('Task')?.id ?? '';
const SUBTASK_ID = fuzzSite.issueTypes.get('Subtask')?.id ?? '';

/** Strings people (or attackers) type where the app expects something tame. */
export const hostileString = fc.oneof(
  fc.string(),
  // Any code points, lone surrogates included.
  fc.string({ unit: 'binary' }),
  // Oversized: a short unit repeated to 5,000–40,000 characters (cheap to generate, unlike 40,000 random ones).
  fc
    .tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.integer({ min: 5_000, max: 40_000 }))
    .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length)),
  fc.constantFrom(
    '"; user.groups.includes("jira-admins") || "',
    "') || true || ('",
    '{{issue.secret}}',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    // What @forge/api's route refuses in a path: a path, a query, a fragment, an encoded "..".
    'OPS-1/../../myself',
    'OPS-1?fields=*all',
    'OPS-1#x',
    '%2e%2e',
    'OPS-1\\..',
    '\u0000\u202e',
    'customfield_10000 OR 1=1',
    '__proto__',
    'constructor',
  ),
);

/** Any JSON-ish value, including wrong types, deep nesting and prototype keys. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(
      fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'requirements', 'template')),
      tie('value'),
      { maxKeys: 5 },
    ),
  ),
})).value;

/** Objects shaped almost like the expected one: each field missing, wrong-typed or hostile. */
export function nearly(
  shape: Record<string, fc.Arbitrary<unknown>>,
): fc.Arbitrary<Partial<Record<string, unknown>>> {
  const loose: Record<string, fc.Arbitrary<unknown>> = Object.fromEntries(
    Object.entries(shape).map(([key, good]) => [key, fc.oneof(good, hostileValue)]),
  );
  return fc.record(loose, { requiredKeys: [] });
}

/** Numbers where a count, an index or a limit is expected: negative, fractional, huge, NaN, infinite. */
export const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, 0, 0.5, 2 ** 31, Number.MAX_SAFE_INTEGER + 2, NaN, Infinity, -Infinity),
);

/** A good value most of the time, else anything hostile: keeps inputs close enough to reach the deeper checks. */
export const mostly = <T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: hostileValue, weight: 1 });

/**
 * Mostly every field present (each from its own arbitrary, which may itself be hostile), else `nearly` the shape:
 * so runs reach both the outer checks and the ones behind them.
 */
export const shaped = (shape: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> =>
  fc.oneof({ arbitrary: fc.record(shape), weight: 2 }, { arbitrary: nearly(shape), weight: 1 });

/**
 * A rule configuration as Jira may deliver it: the object, its JSON text, `{ value: <JSON text> }`, or JSON text
 * that does not parse.
 */
export const delivered = (configuration: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(
    configuration,
    configuration.map((value) => JSON.stringify(value) ?? ''),
    configuration.map((value) => ({ value: JSON.stringify(value) ?? '' })),
    hostileString.map((text) => `{"${text}`),
  );

// ---- rule configurations, shaped like each rule's schema with every field possibly missing, wrong or hostile ----

const requirement = shaped({
  fieldId: mostly(fc.constantFrom('summary', 'duedate', 'customfield_10020')),
  fieldName: mostly(fc.constantFrom('Summary', 'Due date')),
  condition: mostly(fc.constantFrom('not-empty', 'matches')),
  pattern: mostly(fc.constantFrom('^[A-Z]+-\\d+$', '[', '(?<=a)b', '\\p{L}+')),
  message: hostileString,
});
const operation = shaped({
  op: mostly(fc.constantFrom('set', 'copy', 'clear')),
  field: mostly(fc.constantFrom('labels', 'summary', 'assignee', 'customfield_10010', 'project')),
  value: fc.oneof(hostileValue, fc.array(hostileString, { maxLength: 120 })),
  from: mostly(fc.constantFrom('summary', 'labels', 'description')),
});
const copyPair = shaped({
  from: mostly(fc.constantFrom('summary', 'summary', 'duedate', 'labels', 'customfield_10010', '__proto__')),
  to: mostly(fc.constantFrom('summary', 'summary', 'duedate', 'labels', 'status', 'a.b')),
  fromSchema: fc.constantFrom(undefined, undefined, { type: 'string' }, { type: 'number' }, { type: 7 }),
  toSchema: fc.constantFrom(undefined, undefined, { type: 'string' }, { type: 'date' }),
  aggregation: mostly(fc.constantFrom('first', 'join', 'sum', 'min', 'max')),
  separator: hostileString,
});
const name = mostly(fc.constantFrom('jira-admins', 'Developers', '"; user.groups.includes("x") || "', '\\'));
/** Who acts, what is reported and "Only if": shared by every post-function's configuration. */
const actorSettings = {
  actor: mostly(fc.constantFrom('app', 'transitioning-user')),
  fallback: mostly(fc.constantFrom('fail', 'act-as-app')),
  reportFailureOnIssue: mostly(fc.boolean()),
  // True, false, rejected by Jira at run time, not a boolean, and broken.
  onlyIf: mostly(
    fc.constantFrom('issue.key == "OPS-1"', 'false', 'issue.parent.key == "X"', 'issue.key', ')('),
  ),
};
const failurePolicy = mostly(fc.constantFrom('block', 'allow'));

/** A field as a screen names it: real ids (a text, a user and a number field), made-up ones and junk. */
const fieldRef = shaped({
  id: mostly(
    fc.constantFrom('summary', 'assignee', 'customfield_10050', 'customfield_404', 'a.b', '__proto__'),
  ),
  name: hostileString,
});
const fieldTest = shaped({
  field: mostly(fieldRef),
  operator: mostly(
    fc.constantFrom('empty', 'not-empty', 'equals', 'not-equals', 'contains', 'greater', 'less'),
  ),
  value: hostileString,
});

/** A hostile configuration for each rule, by rule key (src/rules/catalog.ts). */
export const hostileConfiguration = {
  'fields-requirement': shaped({
    failurePolicy,
    requirements: mostly(fc.array(requirement, { maxLength: 25 })),
  }),
  'related-issues': shaped({
    failurePolicy,
    requiredCategory: mostly(fc.constantFrom('new', 'indeterminate', 'done')),
    subtasks: mostly(fc.boolean()),
    parent: mostly(fc.boolean()),
    links: mostly(
      fc.array(
        shaped({
          linkType: mostly(fc.constantFrom('Blocks', 'Relates')),
          direction: mostly(fc.constantFrom('blocks', 'is blocked by', 'relates to')),
        }),
        { maxLength: 12 },
      ),
    ),
  }),
  'who-may-transition': shaped({
    groups: mostly(fc.array(name, { maxLength: 22 })),
    projectRoles: mostly(fc.array(name, { maxLength: 22 })),
    assignee: mostly(fc.boolean()),
    reporter: mostly(fc.boolean()),
    message: hostileString,
  }),
  'custom-expression': shaped({
    expression: mostly(fc.constantFrom('issue.status.name == "Done"', 'true', ')(', 'issue.secret')),
    message: hostileString,
    summary: hostileString,
  }),
  'comment-required': shaped({ message: hostileString }),
  'field-changed': shaped({ fields: mostly(fc.array(fieldRef, { maxLength: 12 })), message: hostileString }),
  'required-when': shaped({
    when: mostly(fieldTest),
    required: mostly(fc.array(fieldRef, { maxLength: 12 })),
    message: hostileString,
  }),
  'who-may-transition-condition': shaped({
    groups: mostly(fc.array(name, { maxLength: 22 })),
    projectRoles: mostly(fc.array(name, { maxLength: 22 })),
    assignee: mostly(fc.boolean()),
    reporter: mostly(fc.boolean()),
    userFields: mostly(fc.array(fieldRef, { maxLength: 12 })),
  }),
  'custom-expression-condition': shaped({
    expression: mostly(fc.constantFrom('issue.status.name == "Done"', 'true', ')(', 'originalIssue.key')),
    summary: hostileString,
  }),
  'field-value-condition': fieldTest,
  'related-status-condition': shaped({
    requiredCategory: mostly(fc.constantFrom('new', 'indeterminate', 'done')),
    subtasks: mostly(fc.boolean()),
    parent: mostly(fc.boolean()),
    links: mostly(
      fc.array(
        shaped({
          linkType: mostly(fc.constantFrom('Blocks', 'Relates')),
          direction: mostly(fc.constantFrom('blocks', 'is blocked by', 'relates to')),
        }),
        { maxLength: 12 },
      ),
    ),
  }),
  comment: shaped({
    ...actorSettings,
    template: mostly(fc.constantFrom('Moved by {{user}}', '{{issue.secret}}', '{{ constructor }}', ' ')),
  }),
  'set-fields': shaped({ ...actorSettings, operations: mostly(fc.array(operation, { maxLength: 22 })) }),
  'transition-related': shaped({
    ...actorSettings,
    target: mostly(fc.constantFrom('parent', 'sub-tasks', 'linked')),
    linkType: mostly(fc.constantFrom('Blocks', 'Relates')),
    transitionName: mostly(fc.constantFrom('Done', 'Start')),
    whenUnavailable: mostly(fc.constantFrom('skip', 'fail')),
  }),
  // Many settings: each is mostly valid, so that enough whole configurations reach Jira (a sub-task needs no project).
  'create-issue': shaped({
    ...actorSettings,
    kind: mostly(fc.constantFrom('sub-task', 'sub-task', 'sub-task', 'issue')),
    projectId: fc.constantFrom(undefined, undefined, undefined, undefined, undefined, OPS_ID, '99999', 7),
    projectName: fc.constantFrom('Operations', '', undefined),
    issueTypeId: mostly(fc.constantFrom(SUBTASK_ID, SUBTASK_ID, SUBTASK_ID, TASK_ID, 'Task')),
    issueTypeName: mostly(fc.constantFrom('Sub-task', undefined)),
    summary: fc.constantFrom(
      'Follow up {{issue.key}}',
      '{{ issue.summary }}',
      'Check',
      '{{issue.secret}}',
      ' ',
    ),
    copyFields: fc.oneof(
      {
        arbitrary: fc.array(fc.constantFrom('labels', 'duedate', 'customfield_10010'), { maxLength: 1 }),
        weight: 4,
      },
      { arbitrary: fc.constant(['summary']), weight: 1 },
      {
        arbitrary: fc.array(fc.constantFrom('labels', 'duedate'), { minLength: 21, maxLength: 22 }),
        weight: 1,
      },
      { arbitrary: hostileValue, weight: 1 },
    ),
    linkBack: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 3 },
      {
        arbitrary: shaped({
          linkType: mostly(fc.constantFrom('Blocks', 'Relates', 'Nope')),
          direction: fc.constantFrom('outward', 'inward', 'sideways'),
        }),
        weight: 2,
      },
    ),
  }),
  'link-issues': shaped({
    ...actorSettings,
    source: mostly(fc.constantFrom('jql', 'field')),
    jql: mostly(
      fc.constantFrom('project = OPS', 'key = {{issue.key}}', 'project = OPS ORDER BY', '") OR (1 = 1'),
    ),
    fieldId: mostly(fc.constantFrom('labels', 'customfield_10010', 'description', '__proto__')),
    fieldName: hostileString,
    linkType: mostly(fc.constantFrom('Blocks', 'Relates', 'Nope')),
    direction: mostly(fc.constantFrom('outward', 'inward')),
  }),
  assign: shaped({
    ...actorSettings,
    target: mostly(fc.constantFrom('reporter', 'user-field', 'role', 'previous-assignee', 'unassign')),
    fieldId: mostly(fc.constantFrom('reporter', 'customfield_10010', 'labels')),
    fieldName: hostileString,
    roleId: mostly(fc.constantFrom('10002', '1', 'Developers')),
    roleName: hostileString,
    roleStrategy: mostly(fc.constantFrom('first', 'round-robin')),
  }),
  'copy-field-values': shaped({
    ...actorSettings,
    direction: mostly(fc.constantFrom('pull', 'push')),
    relation: mostly(fc.constantFrom('parent', 'sub-tasks', 'linked')),
    linkType: mostly(
      shaped({
        name: mostly(fc.constantFrom('Blocks', 'Relates', 'Nope')),
        inward: mostly(fc.constantFrom('is blocked by', 'relates to', '") OR (1 = 1')),
        outward: mostly(fc.constantFrom('blocks', 'relates to')),
      }),
    ),
    linkSide: mostly(fc.constantFrom('any', 'outward', 'inward')),
    // Mostly one or two pairs between text fields the seeded issues hold (so that accepted runs write), sometimes
    // more than a configuration may hold.
    pairs: fc.oneof(
      { arbitrary: fc.array(copyPair, { minLength: 1, maxLength: 2 }), weight: 5 },
      { arbitrary: fc.array(copyPair, { minLength: 21, maxLength: 22 }), weight: 1 },
      { arbitrary: hostileValue, weight: 1 },
    ),
  }),
  notify: shaped({
    ...actorSettings,
    connectionId: mostly(fc.constantFrom('hooks', 'Hooks', '-x', 'a'.repeat(41))),
  }),
} satisfies Record<string, fc.Arbitrary<unknown>>;
