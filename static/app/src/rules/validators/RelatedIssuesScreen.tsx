import { useEffect, useState } from 'react';
import Select from '@atlaskit/select';
import { Box } from '@atlaskit/primitives/compiled';
import type { PageProps } from '../../router/routes';
import { invokeResolver } from '../../bridge/invoke';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useT, type Translate } from '../../i18n';
import type { LinkTypeOption, StatusCategoryKey } from '@backend/shared/validator-config';
import { ChoiceInput, FieldFrame, Fields } from '../post-functions/fields';
import { FailurePolicyInput, failurePolicyOf, type FailurePolicy } from './FailurePolicyInput';
import { text, type Stored } from '../stored';
import { isConditionScreen, ValidatorScreen } from './ValidatorScreen';

interface Link {
  linkType: string;
  direction: string;
}
interface Draft {
  failurePolicy: FailurePolicy;
  requiredCategory: StatusCategoryKey;
  subtasks: boolean;
  parent: boolean;
  links: Link[];
}
interface KindOption {
  label: string;
  value: string;
  link?: Link;
}

/** Jira's status categories, named as Jira names them in the viewer's language (STATUS_CATEGORY_NAMES in English). */
const CATEGORIES: readonly StatusCategoryKey[] = ['done', 'indeterminate', 'new'];
const linkValue = (link: Link) => `link:${link.linkType}:${link.direction}`;
/** The direction is Jira's own wording of the link type (e.g. "is blocked by"), as Jira lists it. */
const linkOption = (t: Translate, link: Link): KindOption => ({
  label: t('rules.relatedIssues.linked', { direction: link.direction, linkType: link.linkType }),
  value: linkValue(link),
  link,
});

function toDraft(stored: Stored): Draft {
  const category = stored.requiredCategory;
  return {
    failurePolicy: failurePolicyOf(stored.failurePolicy),
    requiredCategory: category === 'new' || category === 'indeterminate' ? category : 'done',
    subtasks: stored.subtasks === true,
    parent: stored.parent === true,
    links: (Array.isArray(stored.links) ? (stored.links as Stored[]) : []).map((l) => ({
      linkType: text(l.linkType),
      direction: text(l.direction),
    })),
  };
}

const toConfig = (draft: Draft): Stored => ({ ...draft });
/** Jira evaluates the condition itself: there is no call to fail, so no failure policy. */
const toConditionConfig = ({ failurePolicy: _unused, ...draft }: Draft): Stored => {
  void _unused;
  return { ...draft };
};

function KindsInput({
  draft,
  setDraft,
  help,
}: {
  draft: Draft;
  setDraft: (draft: Draft) => void;
  help: string;
}) {
  const t = useT();
  const [types, setTypes] = useState<LinkTypeOption[]>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    invokeResolver<LinkTypeOption[]>('listLinkTypes').then(setTypes, setError);
  }, []);
  const options: KindOption[] = [
    { label: t('rules.relatedIssues.subtasks'), value: 'subtasks' },
    { label: t('rules.relatedIssues.parent'), value: 'parent' },
    ...(types ?? []).flatMap((type) => [
      linkOption(t, { linkType: type.name, direction: type.inward }),
      ...(type.outward === type.inward
        ? []
        : [linkOption(t, { linkType: type.name, direction: type.outward })]),
    ]),
  ];
  const selected: KindOption[] = [
    ...(draft.subtasks ? [options[0]!] : []),
    ...(draft.parent ? [options[1]!] : []),
    ...draft.links.map((l) => options.find((o) => o.value === linkValue(l)) ?? linkOption(t, l)),
  ];
  return (
    <Box>
      {error !== undefined && (
        <ErrorMessage
          title={t('rules.common.couldNotLoad', { what: t('rules.common.jiraLinkTypes') })}
          error={error}
        />
      )}
      <FieldFrame
        id="kinds"
        path={['subtasks', 'parent', 'links']}
        label={t('rules.relatedIssues.kinds')}
        required
        help={help}
      >
        <Select<KindOption, true>
          inputId="kinds"
          isMulti
          isLoading={types === undefined && error === undefined}
          options={options}
          value={selected}
          onChange={(chosen) =>
            setDraft({
              ...draft,
              subtasks: chosen.some((o) => o.value === 'subtasks'),
              parent: chosen.some((o) => o.value === 'parent'),
              links: chosen.flatMap((o) => (o.link ? [o.link] : [])),
            })
          }
          placeholder={t('rules.relatedIssues.kindsPlaceholder')}
          menuPosition="fixed"
        />
      </FieldFrame>
    </Box>
  );
}

/** jira:workflowValidator `related-issues` and jira:workflowCondition `related-status-condition`. */
export default function RelatedIssuesScreen({ context }: PageProps) {
  const t = useT();
  const condition = isConditionScreen(context);
  const kind = condition ? 'relatedStatusCondition' : 'relatedIssues';
  return (
    <ValidatorScreen<Draft>
      context={context}
      rule={condition ? 'related-status-condition' : 'related-issues'}
      title={t(`rules.${kind}.title`)}
      description={t(`rules.${kind}.description`)}
      toDraft={toDraft}
      toConfig={condition ? toConditionConfig : toConfig}
      form={(draft, setDraft) => (
        <Fields>
          <KindsInput draft={draft} setDraft={setDraft} help={t(`rules.${kind}.kindsHelp`)} />
          <ChoiceInput
            id="requiredCategory"
            path="requiredCategory"
            label={t('rules.relatedIssues.category')}
            value={draft.requiredCategory}
            choices={CATEGORIES.map((category) => ({
              label: t(`rules.relatedIssues.categories.${category}`),
              value: category,
            }))}
            onChange={(requiredCategory) => setDraft({ ...draft, requiredCategory })}
          />
          {!condition && (
            <FailurePolicyInput
              value={draft.failurePolicy}
              onChange={(failurePolicy) => setDraft({ ...draft, failurePolicy })}
            />
          )}
        </Fields>
      )}
    />
  );
}
