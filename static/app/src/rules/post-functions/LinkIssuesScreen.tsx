import type { PageProps } from '../../router/routes';
import { LinkIssuesConfig, MAX_LINKED_ISSUES } from '@backend/rules/link-issues/configuration';
import type { FieldOption, LinkTypeOption } from '@backend/shared/validator-config';
import { useLocale, useT, type Translate } from '../../i18n';
import { bound } from '../field-errors';
import { codeParts, Sentence } from '../Sentence';
import { text } from '../stored';
import { ChoiceInput, TextInput } from './fields';
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

const SOURCES: readonly Source[] = ['jql', 'field'];
const DIRECTIONS: readonly Draft['direction'][] = ['outward', 'inward'];
/** A JQL query, written as JQL is in every language. */
const JQL_EXAMPLE = 'project = OPS AND labels = release';

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

const describe = (t: Translate, draft: Draft): string =>
  t(`rules.linkIssues.summary.${draft.source}.${draft.direction}`, {
    linkType: draft.linkType,
    jql: draft.jql,
    field: draft.fieldName || draft.fieldId,
  });

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
  const fields = useJiraOptions<FieldOption>('listFields', {}, (f) => ({ value: f.id, label: f.name }));
  const linkTypes = useJiraOptions<LinkTypeOption>('listLinkTypes', {}, (t) => ({
    value: t.name,
    label: `${t.name} (${t.outward} / ${t.inward})`,
  }));
  return (
    <>
      <ChoiceInput
        id="source"
        label={t('rules.linkIssues.source')}
        value={draft.source}
        choices={SOURCES.map((source) => ({ label: t(`rules.linkIssues.sources.${source}`), value: source }))}
        onChange={(source) => setDraft({ ...draft, source })}
      />
      {draft.source === 'jql' ? (
        <TextInput
          id="jql"
          label={t('rules.linkIssues.jql')}
          value={draft.jql}
          error={errors.jql}
          placeholder={JQL_EXAMPLE}
          help={
            <Sentence
              text={t('rules.linkIssues.jqlHelp', {
                max: new Intl.NumberFormat(locale).format(MAX_LINKED_ISSUES),
              })}
              parts={codeParts({ issueKey: '{{issue.key}}' })}
            />
          }
          onChange={(jql) => setDraft({ ...draft, jql })}
        />
      ) : (
        <PickerInput
          id="fieldId"
          label={t('rules.linkIssues.field')}
          what={t('rules.common.jiraFields')}
          value={draft.fieldId}
          savedLabel={draft.fieldName}
          options={fields.options}
          loadError={fields.error}
          error={errors.fieldId}
          help={t('rules.linkIssues.fieldHelp')}
          onChange={(o) => setDraft({ ...draft, fieldId: o.value, fieldName: o.label })}
        />
      )}
      <PickerInput
        id="linkType"
        label={t('rules.linkIssues.linkType')}
        what={t('rules.common.jiraLinkTypes')}
        value={draft.linkType}
        options={linkTypes.options}
        loadError={linkTypes.error}
        error={errors.linkType}
        onChange={(o) => setDraft({ ...draft, linkType: o.value })}
      />
      <ChoiceInput
        id="direction"
        label={t('rules.linkIssues.direction')}
        value={draft.direction}
        choices={DIRECTIONS.map((direction) => ({
          label: t(`rules.linkIssues.directions.${direction}`),
          value: direction,
        }))}
        onChange={(direction) => setDraft({ ...draft, direction })}
      />
    </>
  );
}

/** jira:workflowPostFunction `link-issues`: create, edit and view. */
export default function LinkIssuesScreen({ context }: PageProps) {
  const t = useT();
  const locale = useLocale();
  return (
    <RuleScreen<Draft>
      context={context}
      title={t('rules.linkIssues.title')}
      description={t('rules.linkIssues.description')}
      schema={LinkIssuesConfig}
      ownWords={{
        jql: {
          too_big: (issue) => t('rules.linkIssues.errors.jqlTooLong', { max: bound(issue, locale) }),
          custom: t('rules.linkIssues.errors.writeJql'),
        },
        fieldId: {
          invalid_format: t('rules.common.pickFieldFromList'),
          custom: t('rules.linkIssues.errors.pickField'),
        },
        linkType: { too_small: t('rules.linkIssues.errors.pickLinkType') },
      }}
      toDraft={toDraft}
      toConfig={toConfig}
      summary={(draft) => describe(t, draft)}
      permissionHelp={t('rules.linkIssues.permissions')}
      form={(draft, setDraft, errors) => <Form draft={draft} setDraft={setDraft} errors={errors} />}
    />
  );
}
