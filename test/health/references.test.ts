import { inEnglish, type Text } from '../../src/access/texts';
import { ruleCatalog } from '../../src/rules/catalog';
import type { RuleReferences } from '../../src/rules/reference-kinds';
import { ruleReferences } from '../../src/rules/references';
import { referenceCheckers } from '../../src/health/checkers';

/** Roles are catalogue texts (the health check's problems word them for their reader): read here in English. */
const inEnglishRoles = (references: RuleReferences): RuleReferences =>
  JSON.parse(JSON.stringify(references), (key, value: unknown) =>
    key === 'role' ? inEnglish(value as Text) : value,
  ) as RuleReferences;

/** Rules plug into the health check by declaring what they reference; the check knows only the kinds. */
describe('rule reference declarations', () => {
  it('belong to catalogue rules, one each, and every kind they may name has a checker', () => {
    const keys = ruleReferences.map((d) => d.rule);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(ruleCatalog.map((r) => r.key)).toContain(key);
    expect(Object.keys(referenceCheckers).sort()).toEqual([
      'connections',
      'expressions',
      'fields',
      'groups',
      'linkTypes',
      'projectRoles',
      'statuses',
      'transitions',
      'users',
    ]);
  });

  it('read what each rule names from its saved configuration', () => {
    const of = (rule: string, config: unknown) => {
      const declaration = ruleReferences.find((d) => d.rule === rule);
      if (!declaration) throw new Error(`no declaration for ${rule}`);
      return inEnglishRoles(declaration.references(declaration.configuration.parse(config)));
    };
    expect(
      of('set-fields', {
        operations: [
          { op: 'set', field: 'customfield_10016', value: 3 },
          { op: 'copy', field: 'duedate', from: 'customfield_10020' },
          { op: 'set', field: 'labels', value: 'a b' },
        ],
      }).fields,
    ).toEqual([
      { id: 'customfield_10016', role: 'a field it sets', accepts: ['number'] },
      { id: 'customfield_10020', role: 'a field it copies from' },
      { id: 'duedate', role: 'a field it copies into', sameTypeAs: 'customfield_10020' },
      { id: 'labels', role: 'a field it sets' },
    ]);
    // Who may transition: the expression Jira evaluates is the one saved with the rule.
    expect(
      of('who-may-transition', { groups: ['ops'], expression: 'user.groups.includes("ops")' }).expressions,
    ).toEqual([{ text: 'user.groups.includes("ops")', role: 'the expression it builds', kind: 'validator' }]);
    // Date comparison: both date fields (a date or date-time) and its expression; Previous status: its expression
    // only (statuses are matched by id, the status checker knows names).
    expect(
      of('date-compare', {
        field: { id: 'duedate', name: 'Due date', kind: 'date' },
        otherField: { id: 'customfield_10110', name: 'Start date', kind: 'date' },
        expression: 'true',
      }),
    ).toEqual({
      fields: [
        { id: 'duedate', role: 'the date field it compares', accepts: ['date', 'datetime'] },
        { id: 'customfield_10110', role: 'the date field it compares with', accepts: ['date', 'datetime'] },
      ],
      expressions: [{ text: 'true', role: 'the expression it builds', kind: 'validator' }],
    });
    expect(
      of('previous-status', {
        statuses: [{ id: '3', name: 'In Progress' }],
        mode: 'ever',
        expression: 'false',
      }),
    ).toEqual({ expressions: [{ text: 'false', role: 'the expression it builds', kind: 'validator' }] });
    expect(
      of('transition-related', { target: 'parent', transitionName: 'Done', onlyIf: 'issue.parent != null' }),
    ).toEqual({
      expressions: [{ text: 'issue.parent != null', role: 'its "Only if" expression', kind: 'only-if' }],
      transitions: [{ name: 'Done', role: 'the transition it moves related issues through' }],
    });
    // Copy field values: each pair's fields, typed by its aggregation, and the link type.
    expect(
      of('copy-field-values', {
        relation: 'linked',
        linkType: { name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
        pairs: [
          { from: 'customfield_10016', to: 'customfield_10017', aggregation: 'sum' },
          { from: 'duedate', to: 'customfield_10020' },
        ],
      }),
    ).toEqual({
      expressions: [],
      fields: [
        { id: 'customfield_10016', role: 'a field it copies from', accepts: ['number'] },
        { id: 'customfield_10017', role: 'a field it copies into', accepts: ['number'] },
        { id: 'duedate', role: 'a field it copies from' },
        { id: 'customfield_10020', role: 'a field it copies into', sameTypeAs: 'duedate' },
      ],
      linkTypes: [{ name: 'Blocks', role: 'the link type of the issues it copies between' }],
    });
  });
});

describe('the user field a post-function acts as', () => {
  it('is referenced for every post-function of the catalogue, and must still hold one user', () => {
    const postFunctions = ruleCatalog.filter((rule) => rule.kind === 'post-function').map((rule) => rule.key);
    const actorField = { actor: 'field-user', actorField: { id: 'customfield_10090', name: 'Approver' } };
    for (const rule of postFunctions) {
      const declaration = ruleReferences.find((d) => d.rule === rule);
      if (!declaration) throw new Error(`no declaration for ${rule}`);
      // Each rule's own settings, as little as its schema takes, with the actor settings every post-function has.
      const own: Record<string, Record<string, unknown>> = {
        comment: { template: 'x' },
        'set-fields': { operations: [{ op: 'clear', field: 'labels' }] },
        'transition-related': { target: 'parent', transitionName: 'Done' },
        'create-issue': { kind: 'sub-task', issueTypeId: '10003', summary: 'x' },
        'link-issues': { source: 'jql', jql: 'project = OPS', linkType: 'Relates' },
        assign: { target: 'reporter' },
        notify: { connectionId: 'ops-hook' },
        'copy-field-values': {
          relation: 'sub-tasks',
          pairs: [
            {
              from: 'customfield_10016',
              fromName: 'Story points',
              fromSchema: { type: 'number' },
              to: 'customfield_10017',
              toName: 'Total points',
              toSchema: { type: 'number' },
              aggregation: 'sum',
            },
          ],
        },
      };
      const config = declaration.configuration.parse({ ...own[rule], ...actorField });
      expect({ rule, fields: inEnglishRoles(declaration.references(config)).fields }).toEqual({
        rule,
        fields: expect.arrayContaining([
          { id: 'customfield_10090', role: 'the user field it acts as', accepts: ['user'] },
        ]),
      });
    }
  });
});
