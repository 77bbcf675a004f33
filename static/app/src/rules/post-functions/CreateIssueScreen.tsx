import type { PageProps } from '../../router/routes';
import { fieldPlaceholder } from '@backend/shared/field-templates';
import { invokeResolver } from '../../bridge/invoke';
import {
  CreateIssueConfig,
  MAX_SUMMARY,
  SUMMARY_PLACEHOLDERS,
} from '@backend/rules/create-issue/configuration';
import type { CreateCheck, IssueTypeOption, ProjectOption } from '@backend/shared/post-function-config';
import type { FieldOption, LinkTypeOption } from '@backend/shared/validator-config';
import { useLocale, useT, type Translate } from '../../i18n';
import { render } from '@backend/shared/text-format';
import { bound } from '../field-errors';
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

/** Fields the rule sets itself: never offered for copying. */
const SET_BY_THE_RULE = new Set(['summary', 'project', 'issuetype', 'parent', 'issuelinks', 'subtasks']);

function toDraft(t: Translate, stored: Record<string, unknown>): Draft {
  const link = (stored.linkBack ?? {}) as Record<string, unknown>;
  return {
    kind: stored.kind === 'sub-task' ? 'sub-task' : 'issue',
    projectId: text(stored.projectId),
    projectName: text(stored.projectName),
    issueTypeId: text(stored.issueTypeId),
    issueTypeName: text(stored.issueTypeName),
    summary: text(stored.summary) || t('rules.createIssue.defaultSummary'),
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

const describe = (t: Translate, locale: string | undefined, draft: Draft): string => {
  const copies = draft.copyFields.length
    ? t('rules.createIssue.summary.copies', {
        fields: new Intl.ListFormat(locale, { type: 'unit', style: 'short' }).format(draft.copyFields),
      })
    : '';
  const link = draft.linkType ? t('rules.createIssue.summary.link', { linkType: draft.linkType }) : '';
  const values = { summary: draft.summary, copies, link };
  return draft.kind === 'sub-task'
    ? t('rules.createIssue.summary.subTask', {
        ...values,
        type: draft.issueTypeName || t('rules.createIssue.summary.anySubTaskType'),
      })
    : t('rules.createIssue.summary.issue', {
        ...values,
        type: draft.issueTypeName || t('rules.createIssue.summary.anyIssueType'),
        project: draft.projectName || t('rules.createIssue.summary.anyProject'),
      });
};

/** The save-time check: Jira's create metadata for the chosen project and issue type, by field path. */
async function checkRequired(config: Record<string, unknown>, t: Translate): Promise<Record<string, string>> {
  if (config.kind !== 'issue') return {};
  const answer = await invokeResolver<CreateCheck>('checkCreateIssue', {
    projectId: config.projectId,
    projectName: config.projectName ?? '',
    issueTypeId: config.issueTypeId,
    issueTypeName: config.issueTypeName ?? '',
    copyFields: config.copyFields ?? [],
  });
  return answer.ok ? {} : { copyFields: render(t, [answer.text]) };
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
  const t = useT();
  const locale = useLocale();
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
  const types = useJiraOptions<IssueTypeOption>(typeSource.functionKey, typeSource.payload, (type) => ({
    value: type.id,
    label: type.name,
  }));
  const fields = useJiraOptions<FieldOption>('listFields', {}, (f) => ({ value: f.id, label: f.name }));
  const linkTypes = useJiraOptions<LinkTypeOption>('listLinkTypes', {}, (type) => ({
    value: type.name,
    label: `${type.name} (${type.outward} / ${type.inward})`,
  }));
  const kinds: Choice<Kind>[] = [
    { label: t('rules.createIssue.kinds.issue'), value: 'issue' },
    { label: t('rules.createIssue.kinds.subTask'), value: 'sub-task' },
  ];
  const directions: Choice<Draft['direction']>[] = [
    { label: t('rules.createIssue.directions.outward'), value: 'outward' },
    { label: t('rules.createIssue.directions.inward'), value: 'inward' },
  ];
  return (
    <>
      <ChoiceInput
        id="kind"
        label={t('rules.createIssue.kind')}
        value={draft.kind}
        choices={kinds}
        onChange={(kind) => setDraft({ ...draft, kind, issueTypeId: '', issueTypeName: '' })}
      />
      {draft.kind === 'issue' && (
        <PickerInput
          id="projectId"
          label={t('rules.createIssue.project')}
          what={t('rules.createIssue.projects')}
          value={draft.projectId}
          savedLabel={draft.projectName}
          options={projects.options}
          loadError={projects.error}
          error={errors.projectId}
          help={t('rules.createIssue.projectHelp')}
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
        label={t('rules.createIssue.issueType')}
        what={t('rules.createIssue.issueTypes')}
        value={draft.issueTypeId}
        savedLabel={draft.issueTypeName}
        options={draft.kind === 'sub-task' || draft.projectId ? types.options : []}
        loadError={types.error}
        error={errors.issueTypeId}
        help={
          draft.kind === 'sub-task'
            ? t('rules.createIssue.issueTypeHelp.subTask')
            : t('rules.createIssue.issueTypeHelp.issue')
        }
        onChange={(o) => setDraft({ ...draft, issueTypeId: o.value, issueTypeName: o.label })}
      />
      <TextInput
        id="summary"
        label={t('rules.createIssue.summaryLabel')}
        value={draft.summary}
        error={errors.summary}
        help={t('rules.createIssue.summaryHelp', {
          placeholders: SUMMARY_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', '),
          field: fieldPlaceholder('Name'),
          max: new Intl.NumberFormat(locale).format(MAX_SUMMARY),
        })}
        onChange={(summary) => setDraft({ ...draft, summary })}
      />
      <FieldPlaceholderPicker
        id="summary-field"
        onInsert={(placeholder) => setDraft({ ...draft, summary: `${draft.summary}${placeholder}` })}
      />
      <MultiPickerInput
        id="copyFields"
        label={t('rules.createIssue.copyFields')}
        what={t('rules.common.jiraFields')}
        values={draft.copyFields}
        options={fields.options?.filter((o) => !SET_BY_THE_RULE.has(o.value))}
        loadError={fields.error}
        error={errors.copyFields ?? Object.entries(errors).find(([k]) => k.startsWith('copyFields.'))?.[1]}
        onChange={(copyFields) => setDraft({ ...draft, copyFields })}
      />
      <PickerInput
        id="linkType"
        label={t('rules.createIssue.linkType')}
        what={t('rules.common.jiraLinkTypes')}
        value={draft.linkType}
        options={[{ value: '', label: t('rules.createIssue.noLink') }, ...(linkTypes.options ?? [])]}
        loadError={linkTypes.error}
        error={errors['linkBack.linkType']}
        onChange={(o) => setDraft({ ...draft, linkType: o.value })}
      />
      {draft.linkType && (
        <ChoiceInput
          id="direction"
          label={t('rules.createIssue.direction')}
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
  const t = useT();
  const locale = useLocale();
  return (
    <RuleScreen<Draft>
      context={context}
      title={t('rules.createIssue.title')}
      description={t('rules.createIssue.description')}
      schema={CreateIssueConfig}
      ownWords={{
        // The screen sends no project with a sub-task, so the only projectId refinement it can meet is this one.
        projectId: { custom: t('rules.createIssue.errors.pickProject') },
        summary: {
          too_small: t('rules.createIssue.errors.writeSummary'),
          too_big: (issue) => t('rules.createIssue.errors.summaryTooLong', { max: bound(issue, locale) }),
        },
        copyFields: {
          too_big: (issue) => t('rules.createIssue.errors.copyAtMost', { max: bound(issue, locale) }),
        },
        'linkBack.linkType': { too_small: t('rules.createIssue.errors.pickLinkType') },
      }}
      toDraft={(stored) => toDraft(t, stored)}
      toConfig={toConfig}
      summary={(draft) => describe(t, locale, draft)}
      permissionHelp={t('rules.createIssue.permissions')}
      check={(config) => checkRequired(config, t)}
      templates={(config) => [{ path: 'summary', text: text(config.summary) }]}
      form={(draft, setDraft, errors) => <Form draft={draft} setDraft={setDraft} errors={errors} />}
    />
  );
}
