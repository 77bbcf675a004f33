import { FieldsRequirementConfig } from '../../src/rules/fields-requirement/configuration';
import { decideFields, fieldsToRead } from '../../src/rules/fields-requirement/decide';
import type { Decision } from '../../src/execution/validator-runner';
import { english, render } from '../../src/access/texts';

/** The decision as an English reader gets it (the message is worded in the reader's language when shown). */
const worded = (decision: Decision) =>
  decision.pass ? decision : { ...decision, message: render(english, decision.message) };

const config = FieldsRequirementConfig.parse({
  requirements: [
    { fieldId: 'fixVersions', fieldName: 'Fix versions', condition: 'not-empty' },
    { fieldId: 'customfield_10050', fieldName: 'Ticket', condition: 'matches', pattern: '^[A-Z]+-\\d+$' },
  ],
});

describe('fields requirement (pure decision)', () => {
  it('reads from the issue only the fields the transition did not carry', () => {
    expect(fieldsToRead(config, { fixVersions: [{ name: '1.0' }] })).toEqual(['customfield_10050']);
    expect(fieldsToRead(config, { fixVersions: [], customfield_10050: 'X-1' })).toEqual([]);
  });

  it('passes when every requirement holds, preferring transition values over stored ones', () => {
    const decision = decideFields(
      config,
      { customfield_10050: 'OPS-12' },
      { fixVersions: [{ name: '1.0' }], customfield_10050: 'bad' },
    );
    expect(decision).toEqual({ pass: true, summary: 'All 2 field requirement(s) met' });
  });

  it('says exactly which fields to fix', () => {
    const decision = decideFields(config, { fixVersions: [] }, { customfield_10050: 'nope' });
    expect(worded(decision)).toEqual({
      pass: false,
      message:
        'Fill in "Fix versions" before making this transition. "Ticket" does not have the expected format; correct it before making this transition.',
      summary: '2 field requirement(s) not met: "Fix versions" was empty, "Ticket" did not match its pattern',
    });
  });

  it('treats an empty rich-text document as empty', () => {
    const single = FieldsRequirementConfig.parse({
      requirements: [{ fieldId: 'description', fieldName: 'Description', condition: 'not-empty' }],
    });
    const emptyDoc = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [] }] };
    expect(decideFields(single, { description: emptyDoc }, {}).pass).toBe(false);
  });

  it('blocks with the default message when the custom message is blank (a blank one once let the issue through)', () => {
    const blank = FieldsRequirementConfig.parse({
      requirements: [
        { fieldId: 'summary', fieldName: 'Summary', condition: 'not-empty', message: '  ' },
        { fieldId: 'labels', fieldName: 'Labels', condition: 'matches', pattern: '^ops$', message: '' },
      ],
    });
    expect(worded(decideFields(blank, { summary: '', labels: ['web'] }, {}))).toEqual({
      pass: false,
      message:
        'Fill in "Summary" before making this transition. "Labels" does not have the expected format; correct it before making this transition.',
      summary: '2 field requirement(s) not met: "Summary" was empty, "Labels" did not match its pattern',
    });
  });

  it('tells the user what the pattern expects, in the admin’s words', () => {
    const hinted = FieldsRequirementConfig.parse({
      requirements: [
        {
          fieldId: 'customfield_10050',
          fieldName: 'Ticket',
          condition: 'matches',
          pattern: '^[A-Z]+-\\d+$',
          hint: 'an issue key such as OPS-12.',
        },
      ],
    });
    expect(worded(decideFields(hinted, {}, { customfield_10050: 'twelve' }))).toEqual({
      pass: false,
      message:
        '"Ticket" does not have the expected format: an issue key such as OPS-12. Correct it before making this transition.',
      summary: '1 field requirement(s) not met: "Ticket" did not match its pattern',
    });
  });

  it('rejects configurations that are invalid, with the field named', () => {
    const bad = FieldsRequirementConfig.safeParse({
      requirements: [{ fieldId: 'summary"; drop', fieldName: 'S', condition: 'matches', pattern: '(' }],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual([
      'requirements.0.fieldId',
      'requirements.0.pattern',
    ]);
  });

  it('accepts patterns with nested repetition (they run in linear time) and refuses lookahead, naming the field', () => {
    const requirement = { fieldId: 'summary', fieldName: 'Summary', condition: 'matches' };
    for (const pattern of ['^(a+)+$', '^(a|aa)+$', '^OPS-\\d+$'])
      expect(FieldsRequirementConfig.safeParse({ requirements: [{ ...requirement, pattern }] }).success).toBe(
        true,
      );
    const bad = FieldsRequirementConfig.safeParse({
      requirements: [{ ...requirement, pattern: '^(?!WIP)' }],
    });
    expect(bad.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'requirements.0.pattern: the pattern for "Summary" uses a lookahead such as (?=…) or (?!…), which Workflow Guard does not support: patterns run on a linear-time engine (RE2 syntax) so that no value can hold up a transition. Rewrite the pattern without it',
    ]);
  });
});
