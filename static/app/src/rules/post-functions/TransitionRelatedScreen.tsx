import { useEffect, useState } from 'react';
import { ErrorMessage as FieldError, HelperMessage, Label } from '@atlaskit/form';
import Select from '@atlaskit/select';
import SectionMessage from '@atlaskit/section-message';
import { Box, Text } from '@atlaskit/primitives/compiled';
import type { PageProps } from '../../router/routes';
import { TransitionRelatedConfig } from '@backend/rules/transition-related/configuration';
import {
  resolveByStatus,
  transitionChoices,
  TransitionsByStatus,
  type TransitionCatalog,
} from '@backend/rules/transition-related/resolve';
import { invokeResolver } from '../../bridge/invoke';
import { describeError } from '../../components/ErrorMessage';
import { text } from '../stored';
import { ChoiceInput, TextInput, type Choice } from './fields';
import { RuleScreen } from './RuleScreen';

type Target = 'parent' | 'sub-tasks' | 'linked';
interface Draft {
  target: Target;
  linkType: string;
  transitionName: string;
  whenUnavailable: 'skip' | 'fail';
  /** The ids the stored configuration resolved, kept only while its transition name is unchanged. */
  stored?: { name: string; byStatus: TransitionsByStatus };
}

const TARGETS: Choice<Target>[] = [
  { label: 'The parent', value: 'parent' },
  { label: 'The sub-tasks', value: 'sub-tasks' },
  { label: 'Issues linked with a link type', value: 'linked' },
];
const UNAVAILABLE: Choice<Draft['whenUnavailable']>[] = [
  { label: 'Skip that issue', value: 'skip' },
  { label: 'Fail the post-function', value: 'fail' },
];

const describe = (draft: Draft): string =>
  draft.target === 'linked'
    ? `issues linked by “${draft.linkType}”`
    : `the ${draft.target === 'parent' ? 'parent' : 'sub-tasks'}`;

const listed = (names: string[]): string =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

/** What the saved configuration will do at run time, for the admin: which statuses move without a lookup. */
function resolutionHelp(name: string, catalog: TransitionCatalog): string {
  if (!catalog.complete)
    return `This site has more workflows than the picker reads: when the rule runs, Jira is asked which transition is called “${name}”.`;
  const byStatus = resolveByStatus(name, catalog) ?? {};
  const statusName = new Map(catalog.statuses.map((s) => [s.id, s.name]));
  const direct = Object.entries(byStatus)
    .filter(([, move]) => move !== null)
    .map(([id]) => statusName.get(id) ?? id);
  const asked = catalog.statuses.filter((s) => !(s.id in byStatus)).map((s) => s.name);
  return [
    direct.length
      ? `Issues in ${listed(direct)} are moved directly: every workflow with that status agrees on the transition.`
      : 'No status has the same transition in every workflow that has it.',
    asked.length
      ? `For issues in ${listed(asked)}, the workflows differ: Jira is asked for “${name}” when the rule runs.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
}

interface PickerOption {
  label: string;
  value: string;
}

/**
 * The transition picker: the names of the site's workflow transitions as the resolver read them (the admin's own
 * view of Jira), each with the workflows that have it. A saved name no workflow has any more stays selectable.
 */
function TransitionPicker({
  value,
  catalog,
  error,
  onChange,
}: {
  value: string;
  catalog: TransitionCatalog;
  error?: string;
  onChange: (name: string) => void;
}) {
  const choices = transitionChoices(catalog);
  const options: PickerOption[] = choices.map((choice) => ({
    label: `${choice.name} — in ${listed(choice.workflows)}`,
    value: choice.name,
  }));
  const known = choices.find((c) => c.name.toLowerCase() === value.trim().toLowerCase());
  if (value.trim() && !known)
    options.unshift({ label: `${value} — saved, but no workflow has it now`, value });
  return (
    <Box>
      <Label htmlFor="transitionName">Transition</Label>
      <Select<PickerOption>
        inputId="transitionName"
        options={options}
        value={options.find((o) => o.value.toLowerCase() === value.trim().toLowerCase()) ?? null}
        placeholder="Choose a transition"
        onChange={(option) => option && onChange(option.value)}
        menuPosition="fixed"
      />
      {error ? (
        <FieldError testId="transitionName-error">{error}</FieldError>
      ) : (
        <HelperMessage testId="transitionName-help">
          {known
            ? resolutionHelp(known.name, catalog)
            : 'The transition the related issues take, by its name.'}
        </HelperMessage>
      )}
    </Box>
  );
}

/** jira:workflowPostFunction `transition-related`: create, edit and view. */
export default function TransitionRelatedScreen({ context }: PageProps) {
  const editing = (context.extension as { entryPoint?: string }).entryPoint !== 'view';
  const [catalog, setCatalog] = useState<TransitionCatalog>();
  const [catalogError, setCatalogError] = useState<unknown>();
  useEffect(() => {
    if (editing)
      invokeResolver<TransitionCatalog>('listWorkflowTransitions').then(setCatalog, setCatalogError);
  }, [editing]);
  return (
    <RuleScreen<Draft>
      context={context}
      title="Transition related issues"
      description="moves related issues through a transition you pick. Issues moved this way do not move their own related issues."
      schema={TransitionRelatedConfig}
      toDraft={(stored) => {
        const byStatus = TransitionsByStatus.safeParse(stored.transitionsByStatus);
        return {
          target: stored.target === 'parent' || stored.target === 'linked' ? stored.target : 'sub-tasks',
          linkType: text(stored.linkType),
          transitionName: text(stored.transitionName),
          whenUnavailable: stored.whenUnavailable === 'fail' ? 'fail' : 'skip',
          ...(byStatus.success
            ? { stored: { name: text(stored.transitionName), byStatus: byStatus.data } }
            : {}),
        };
      }}
      toConfig={(draft) => ({
        target: draft.target,
        linkType: draft.target === 'linked' ? draft.linkType : undefined,
        transitionName: draft.transitionName,
        whenUnavailable: draft.whenUnavailable,
        // Resolved now, from the workflows Jira listed; without them, what was resolved for this name before.
        transitionsByStatus: catalog
          ? resolveByStatus(draft.transitionName, catalog)
          : draft.stored?.name === draft.transitionName
            ? draft.stored.byStatus
            : undefined,
      })}
      summary={(draft) => `Moves ${describe(draft)} through “${draft.transitionName}”.`}
      permissionHelp="Transition issues"
      form={(draft, setDraft, errors) => (
        <>
          <ChoiceInput
            id="target"
            label="Issues to move"
            value={draft.target}
            choices={TARGETS}
            onChange={(target) => setDraft({ ...draft, target })}
          />
          {draft.target === 'linked' && (
            <TextInput
              id="linkType"
              label="Link type"
              value={draft.linkType}
              error={errors.linkType}
              placeholder="Blocks"
              help="The link type’s name as Jira shows it in Issue linking; links count in both directions."
              onChange={(linkType) => setDraft({ ...draft, linkType })}
            />
          )}
          {catalog ? (
            <TransitionPicker
              value={draft.transitionName}
              catalog={catalog}
              error={errors.transitionName}
              onChange={(transitionName) => setDraft({ ...draft, transitionName })}
            />
          ) : catalogError !== undefined ? (
            <>
              <SectionMessage appearance="information" title="Jira did not list the workflows for you">
                <Text as="p">
                  {describeError(catalogError).message} Type the transition’s name instead; Jira is asked for
                  it by name when the rule runs.
                </Text>
              </SectionMessage>
              <TextInput
                id="transitionName"
                label="Transition name"
                value={draft.transitionName}
                error={errors.transitionName}
                placeholder="Done"
                help="As it appears on the related issues’ workflow, e.g. Done. Letter case does not matter."
                onChange={(transitionName) => setDraft({ ...draft, transitionName })}
              />
            </>
          ) : (
            <Text as="p" testId="transitions-loading">
              Reading the site’s workflows…
            </Text>
          )}
          <ChoiceInput
            id="whenUnavailable"
            label="When an issue has no such transition from its status"
            value={draft.whenUnavailable}
            choices={UNAVAILABLE}
            onChange={(whenUnavailable) => setDraft({ ...draft, whenUnavailable })}
          />
        </>
      )}
    />
  );
}
