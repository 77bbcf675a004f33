import { useEffect, useState } from 'react';
import Select from '@atlaskit/select';
import { Box } from '@atlaskit/primitives/compiled';
import type { PageProps } from '../../router/routes';
import { invokeResolver } from '../../bridge/invoke';
import { ErrorMessage } from '../../components/ErrorMessage';
import {
  STATUS_CATEGORY_NAMES,
  type LinkTypeOption,
  type StatusCategoryKey,
} from '@backend/shared/validator-config';
import { ChoiceInput, FieldFrame, Fields, type Choice } from '../post-functions/fields';
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

const CATEGORIES: Choice<StatusCategoryKey>[] = (['done', 'indeterminate', 'new'] as const).map((value) => ({
  label: STATUS_CATEGORY_NAMES[value],
  value,
}));
const linkValue = (link: Link) => `link:${link.linkType}:${link.direction}`;
const linkOption = (link: Link): KindOption => ({
  label: `Issues it ${link.direction} (${link.linkType})`,
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
  const [types, setTypes] = useState<LinkTypeOption[]>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    invokeResolver<LinkTypeOption[]>('listLinkTypes').then(setTypes, setError);
  }, []);
  const options: KindOption[] = [
    { label: 'Sub-tasks', value: 'subtasks' },
    { label: 'The parent', value: 'parent' },
    ...(types ?? []).flatMap((t) => [
      linkOption({ linkType: t.name, direction: t.inward }),
      ...(t.outward === t.inward ? [] : [linkOption({ linkType: t.name, direction: t.outward })]),
    ]),
  ];
  const selected: KindOption[] = [
    ...(draft.subtasks ? [options[0]!] : []),
    ...(draft.parent ? [options[1]!] : []),
    ...draft.links.map((l) => options.find((o) => o.value === linkValue(l)) ?? linkOption(l)),
  ];
  return (
    <Box>
      {error !== undefined && <ErrorMessage title="Could not load Jira's link types" error={error} />}
      <FieldFrame
        id="kinds"
        path={['subtasks', 'parent', 'links']}
        label="Related issues to check"
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
          placeholder="Sub-tasks, the parent, or a link direction"
          menuPosition="fixed"
        />
      </FieldFrame>
    </Box>
  );
}

/** jira:workflowValidator `related-issues` and jira:workflowCondition `related-status-condition`. */
export default function RelatedIssuesScreen({ context }: PageProps) {
  const condition = isConditionScreen(context);
  return (
    <ValidatorScreen<Draft>
      context={context}
      rule={condition ? 'related-status-condition' : 'related-issues'}
      title={condition ? 'Related issues in a status (condition)' : 'Related issues in the right state'}
      description={
        condition
          ? 'shows the transition only when the sub-tasks, parent or linked issues you choose are in a status category.'
          : 'blocks the transition until the sub-tasks, parent or linked issues you choose are in a status category.'
      }
      toDraft={toDraft}
      toConfig={condition ? toConditionConfig : toConfig}
      form={(draft, setDraft) => (
        <Fields>
          <KindsInput
            draft={draft}
            setDraft={setDraft}
            help={
              condition
                ? 'Jira checks them itself each time it lists the transitions; the app is not called.'
                : 'Jira is asked once, in one search, whatever the number of related issues.'
            }
          />
          <ChoiceInput
            id="requiredCategory"
            path="requiredCategory"
            label="They must be in the status category"
            value={draft.requiredCategory}
            choices={CATEGORIES}
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
