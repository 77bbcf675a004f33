import type { PageProps } from '../../router/routes';
import { invokeResolver } from '../../bridge/invoke';
import { CreateIssueConfig, SUMMARY_PLACEHOLDERS } from '@backend/rules/create-issue/configuration';
import type { CreateCheck, IssueTypeOption, ProjectOption } from '@backend/shared/post-function-config';
import type { FieldOption, LinkTypeOption } from '@backend/shared/validator-config';
import { text } from '../stored';
import { ChoiceInput, TextInput, type Choice } from './fields';
import { MultiPickerInput, PickerInput, useJiraOptions } from './pickers';
import { FieldPlaceholderPicker } from './FieldPlaceholderPicker';
import { RuleScreen } from './RuleScreen';

type Kind = 'issue' | 'sub-task';
interface Draft {
  kind: Kind;
  projectId: string;
  projectName: string;
  issueTypeId: string;
  issueTypeName: string;
  summary: string;
  copyFields: string[];
  linkType: string;
  direction: 'outward' | 'inward';
}

const KINDS: Choice<Kind>[] = [
  { label: 'A new issue in a project you choose', value: 'issue' },
  { label: 'A sub-task of the transitioned issue', value: 'sub-task' },
];
/** Fields the rule sets itself: never offered for copying. */
const SET_BY_THE_RULE = new Set(['summary', 'project', 'issuetype', 'parent', 'issuelinks', 'subtasks']);

function toDraft(stored: Record<string, unknown>): Draft {
  const link = (stored.linkBack ?? {}) as Record<string, unknown>;
  return {
    kind: stored.kind === 'sub-task' ? 'sub-task' : 'issue',
    projectId: text(stored.projectId),
    projectName: text(stored.projectName),
    issueTypeId: text(stored.issueTypeId),
    issueTypeName: text(stored.issueTypeName),
    summary: text(stored.summary) || 'Follow up {{issue.key}}: {{issue.summary}}',
    copyFields: Array.isArray(stored.copyFields)
      ? stored.copyFields.filter((f) => typeof f === 'string')
      : [],
    linkType: text(link.linkType),
    direction: link.direction === 'inward' ? 'inward' : 'outward',
  };
}

const toConfig = (draft: Draft): Record<string, unknown> => ({
  kind: draft.kind,
  projectId: draft.kind === 'issue' ? draft.projectId || undefined : undefined,
  projectName: draft.kind === 'issue' ? draft.projectName || undefined : undefined,
  issueTypeId: draft.issueTypeId,
  issueTypeName: draft.issueTypeName || undefined,
  summary: draft.summary,
  copyFields: draft.copyFields,
  linkBack: draft.linkType ? { linkType: draft.linkType, direction: draft.direction } : undefined,
});

const describe = (draft: Draft): string => {
  const what =
    draft.kind === 'sub-task'
      ? `a ${draft.issueTypeName || 'sub-task'} of the transitioned issue`
      : `a ${draft.issueTypeName || 'issue'} in ${draft.projectName || 'the chosen project'}`;
  const copies = draft.copyFields.length ? `, copying ${draft.copyFields.join(', ')}` : '';
  const link = draft.linkType ? `, linked to it (${draft.linkType})` : '';
  return `Creates ${what} titled “${draft.summary}”${copies}${link}.`;
};

/** The save-time check: Jira's create metadata for the chosen project and issue type, by field path. */
async function checkRequired(config: Record<string, unknown>): Promise<Record<string, string>> {
  if (config.kind !== 'issue') return {};
  const answer = await invokeResolver<CreateCheck>('checkCreateIssue', {
    projectId: config.projectId,
    projectName: config.projectName ?? '',
    issueTypeId: config.issueTypeId,
    issueTypeName: config.issueTypeName ?? '',
    copyFields: config.copyFields ?? [],
  });
  return answer.ok ? {} : { copyFields: answer.message };
}

function Form({
  draft,
  setDraft,
  errors,
}: {
  draft: Draft;
  setDraft: (draft: Draft) => void;
  errors: Record<string, string>;
}) {
  const projects = useJiraOptions<ProjectOption>('listCreatableProjects', {}, (p) => ({
    value: p.id,
    label: `${p.name} (${p.key})`,
  }));
  const typeSource =
    draft.kind === 'sub-task'
      ? { functionKey: 'listSubtaskTypes', payload: {} }
      : {
          functionKey: 'listIssueTypes',
          payload: draft.projectId ? { projectId: draft.projectId } : undefined,
        };
  const types = useJiraOptions<IssueTypeOption>(typeSource.functionKey, typeSource.payload, (t) => ({
    value: t.id,
    label: t.name,
  }));
  const fields = useJiraOptions<FieldOption>('listFields', {}, (f) => ({ value: f.id, label: f.name }));
  const linkTypes = useJiraOptions<LinkTypeOption>('listLinkTypes', {}, (t) => ({
    value: t.name,
    label: `${t.name} (${t.outward} / ${t.inward})`,
  }));
  const directions: Choice<Draft['direction']>[] = [
    { label: 'The new issue is the outward side (“new issue blocks this one”)', value: 'outward' },
    {
      label: 'The transitioned issue is the outward side (“this one blocks the new issue”)',
      value: 'inward',
    },
  ];
  return (
    <>
      <ChoiceInput
        id="kind"
        label="Create"
        value={draft.kind}
        choices={KINDS}
        onChange={(kind) => setDraft({ ...draft, kind, issueTypeId: '', issueTypeName: '' })}
      />
      {draft.kind === 'issue' && (
        <PickerInput
          id="projectId"
          label="Project"
          what="Jira's projects"
          value={draft.projectId}
          savedLabel={draft.projectName}
          options={projects.options}
          loadError={projects.error}
          error={errors.projectId}
          help="Projects you may create issues in."
          onChange={(o) =>
            setDraft({
              ...draft,
              projectId: o.value,
              projectName: o.label,
              issueTypeId: '',
              issueTypeName: '',
            })
          }
        />
      )}
      <PickerInput
        id="issueTypeId"
        label="Issue type"
        what="the issue types"
        value={draft.issueTypeId}
        savedLabel={draft.issueTypeName}
        options={draft.kind === 'sub-task' || draft.projectId ? types.options : []}
        loadError={types.error}
        error={errors.issueTypeId}
        help={
          draft.kind === 'sub-task'
            ? 'Sub-task types. Jira’s required fields are checked when the rule runs, in the project of each issue.'
            : 'Jira’s required fields for this type are checked when you save and again when the rule runs.'
        }
        onChange={(o) => setDraft({ ...draft, issueTypeId: o.value, issueTypeName: o.label })}
      />
      <TextInput
        id="summary"
        label="Summary"
        value={draft.summary}
        error={errors.summary}
        help={`Placeholders: ${SUMMARY_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}, and any field’s value as {{field:Name}}. One line, up to 255 characters.`}
        onChange={(summary) => setDraft({ ...draft, summary })}
      />
      <FieldPlaceholderPicker
        id="summary-field"
        onInsert={(placeholder) => setDraft({ ...draft, summary: `${draft.summary}${placeholder}` })}
      />
      <MultiPickerInput
        id="copyFields"
        label="Fields copied from the transitioned issue"
        what="Jira's fields"
        values={draft.copyFields}
        options={fields.options?.filter((o) => !SET_BY_THE_RULE.has(o.value))}
        loadError={fields.error}
        error={errors.copyFields ?? Object.entries(errors).find(([k]) => k.startsWith('copyFields.'))?.[1]}
        onChange={(copyFields) => setDraft({ ...draft, copyFields })}
      />
      <PickerInput
        id="linkType"
        label="Link back with"
        what="Jira's link types"
        value={draft.linkType}
        options={[{ value: '', label: 'No link' }, ...(linkTypes.options ?? [])]}
        loadError={linkTypes.error}
        error={errors['linkBack.linkType']}
        onChange={(o) => setDraft({ ...draft, linkType: o.value })}
      />
      {draft.linkType && (
        <ChoiceInput
          id="direction"
          label="Direction"
          value={draft.direction}
          choices={directions}
          onChange={(direction) => setDraft({ ...draft, direction })}
        />
      )}
    </>
  );
}

/** jira:workflowPostFunction `create-issue`: create, edit and view. */
export default function CreateIssueScreen({ context }: PageProps) {
  return (
    <RuleScreen<Draft>
      context={context}
      title="Create issue"
      description="creates an issue or a sub-task after the transition, once per transition even when Jira delivers it twice."
      schema={CreateIssueConfig}
      toDraft={toDraft}
      toConfig={toConfig}
      summary={describe}
      permissionHelp="Create issues, and Link issues for the link back"
      check={checkRequired}
      templates={(config) => [{ path: 'summary', text: text(config.summary) }]}
      form={(draft, setDraft, errors) => <Form draft={draft} setDraft={setDraft} errors={errors} />}
    />
  );
}
