import type { PageProps } from '../../router/routes';
import { LinkIssuesConfig, MAX_LINKED_ISSUES } from '@backend/rules/link-issues/configuration';
import type { FieldOption, LinkTypeOption } from '@backend/shared/validator-config';
import { text } from '../stored';
import { ChoiceInput, TextInput, type Choice } from './fields';
import { PickerInput, useJiraOptions } from './pickers';
import { RuleScreen } from './RuleScreen';

type Source = 'jql' | 'field';
interface Draft {
  source: Source;
  jql: string;
  fieldId: string;
  fieldName: string;
  linkType: string;
  direction: 'outward' | 'inward';
}

const SOURCES: Choice<Source>[] = [
  { label: 'Issues a JQL query finds', value: 'jql' },
  { label: 'Issues named in a field of the issue', value: 'field' },
];

const toDraft = (stored: Record<string, unknown>): Draft => ({
  source: stored.source === 'field' ? 'field' : 'jql',
  jql: text(stored.jql),
  fieldId: text(stored.fieldId),
  fieldName: text(stored.fieldName),
  linkType: text(stored.linkType),
  direction: stored.direction === 'inward' ? 'inward' : 'outward',
});

const toConfig = (draft: Draft): Record<string, unknown> => ({
  source: draft.source,
  jql: draft.source === 'jql' ? draft.jql : undefined,
  fieldId: draft.source === 'field' ? draft.fieldId || undefined : undefined,
  fieldName: draft.source === 'field' ? draft.fieldName || undefined : undefined,
  linkType: draft.linkType,
  direction: draft.direction,
});

const describe = (draft: Draft): string =>
  `Links the issue (${draft.linkType}, ${draft.direction === 'outward' ? 'as the outward side' : 'as the inward side'}) to ${
    draft.source === 'jql'
      ? `the issues found by “${draft.jql}”`
      : `the issues named in ${draft.fieldName || draft.fieldId}`
  }.`;

function Form({
  draft,
  setDraft,
  errors,
}: {
  draft: Draft;
  setDraft: (draft: Draft) => void;
  errors: Record<string, string>;
}) {
  const fields = useJiraOptions<FieldOption>('listFields', {}, (f) => ({ value: f.id, label: f.name }));
  const linkTypes = useJiraOptions<LinkTypeOption>('listLinkTypes', {}, (t) => ({
    value: t.name,
    label: `${t.name} (${t.outward} / ${t.inward})`,
  }));
  const directions: Choice<Draft['direction']>[] = [
    { label: 'This issue is the outward side (“this issue blocks them”)', value: 'outward' },
    { label: 'They are the outward side (“they block this issue”)', value: 'inward' },
  ];
  return (
    <>
      <ChoiceInput
        id="source"
        label="Link to"
        value={draft.source}
        choices={SOURCES}
        onChange={(source) => setDraft({ ...draft, source })}
      />
      {draft.source === 'jql' ? (
        <TextInput
          id="jql"
          label="JQL"
          value={draft.jql}
          error={errors.jql}
          placeholder="project = OPS AND labels = release"
          help={`{{issue.key}} stands for the transitioned issue. At most ${MAX_LINKED_ISSUES} issues; acting as the user, only issues they can see.`}
          onChange={(jql) => setDraft({ ...draft, jql })}
        />
      ) : (
        <PickerInput
          id="fieldId"
          label="Field naming the issues"
          what="Jira's fields"
          value={draft.fieldId}
          savedLabel={draft.fieldName}
          options={fields.options}
          loadError={fields.error}
          error={errors.fieldId}
          help="An issue picker, or a text field holding issue keys."
          onChange={(o) => setDraft({ ...draft, fieldId: o.value, fieldName: o.label })}
        />
      )}
      <PickerInput
        id="linkType"
        label="Link type"
        what="Jira's link types"
        value={draft.linkType}
        options={linkTypes.options}
        loadError={linkTypes.error}
        error={errors.linkType}
        onChange={(o) => setDraft({ ...draft, linkType: o.value })}
      />
      <ChoiceInput
        id="direction"
        label="Direction"
        value={draft.direction}
        choices={directions}
        onChange={(direction) => setDraft({ ...draft, direction })}
      />
    </>
  );
}

/** jira:workflowPostFunction `link-issues`: create, edit and view. */
export default function LinkIssuesScreen({ context }: PageProps) {
  return (
    <RuleScreen<Draft>
      context={context}
      title="Link issues"
      description="links the issue to other issues after the transition; a link that exists already is left as it is."
      schema={LinkIssuesConfig}
      toDraft={toDraft}
      toConfig={toConfig}
      summary={describe}
      permissionHelp="Link issues, and Browse projects where the other issues are"
      form={(draft, setDraft, errors) => <Form draft={draft} setDraft={setDraft} errors={errors} />}
    />
  );
}
