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
import { useLocale, useT, type Translate } from '../../i18n';
import { keyOf } from '../keys';
import { text } from '../stored';
import { ChoiceInput, TextInput } from './fields';
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

const TARGETS: readonly Target[] = ['parent', 'sub-tasks', 'linked'];
const UNAVAILABLE: readonly Draft['whenUnavailable'][] = ['skip', 'fail'];

/** Names as one list in the viewer's language ("A, B and C"). */
const listed = (names: string[], locale: string | undefined): string =>
  new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);

/** What the saved configuration will do at run time, for the admin: which statuses move without a lookup. */
function resolutionHelp(
  t: Translate,
  locale: string | undefined,
  name: string,
  catalog: TransitionCatalog,
): string {
  if (!catalog.complete) return t('rules.transitionRelated.resolution.incomplete', { name });
  const byStatus = resolveByStatus(name, catalog) ?? {};
  const statusName = new Map(catalog.statuses.map((s) => [s.id, s.name]));
  const direct = Object.entries(byStatus)
    .filter(([, move]) => move !== null)
    .map(([id]) => statusName.get(id) ?? id);
  const asked = catalog.statuses.filter((s) => !(s.id in byStatus)).map((s) => s.name);
  return [
    direct.length
      ? t('rules.transitionRelated.resolution.direct', {
          count: direct.length,
          statuses: listed(direct, locale),
        })
      : t('rules.transitionRelated.resolution.noDirect'),
    asked.length
      ? t('rules.transitionRelated.resolution.asked', {
          count: asked.length,
          statuses: listed(asked, locale),
          name,
        })
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
  const t = useT();
  const locale = useLocale();
  const choices = transitionChoices(catalog);
  const options: PickerOption[] = choices.map((choice) => ({
    label: t('rules.transitionRelated.option', {
      name: choice.name,
      count: choice.workflows.length,
      workflows: listed(choice.workflows, locale),
    }),
    value: choice.name,
  }));
  const known = choices.find((c) => c.name.toLowerCase() === value.trim().toLowerCase());
  if (value.trim() && !known)
    options.unshift({ label: t('rules.transitionRelated.optionGone', { name: value }), value });
  return (
    <Box>
      <Label htmlFor="transitionName">{t('rules.transitionRelated.transition')}</Label>
      <Select<PickerOption>
        inputId="transitionName"
        options={options}
        value={options.find((o) => o.value.toLowerCase() === value.trim().toLowerCase()) ?? null}
        placeholder={t('rules.transitionRelated.chooseTransition')}
        onChange={(option) => option && onChange(option.value)}
        menuPosition="fixed"
      />
      {error ? (
        <FieldError testId="transitionName-error">{error}</FieldError>
      ) : (
        <HelperMessage testId="transitionName-help">
          {known
            ? resolutionHelp(t, locale, known.name, catalog)
            : t('rules.transitionRelated.transitionHelp')}
        </HelperMessage>
      )}
    </Box>
  );
}

/** jira:workflowPostFunction `transition-related`: create, edit and view. */
export default function TransitionRelatedScreen({ context }: PageProps) {
  const t = useT();
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
      title={t('rules.transitionRelated.title')}
      description={t('rules.transitionRelated.description')}
      schema={TransitionRelatedConfig}
      ownWords={{
        transitionName: { too_small: t('rules.transitionRelated.errors.nameTransition') },
        linkType: { custom: t('rules.transitionRelated.errors.chooseLinkType') },
      }}
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
      summary={(draft) =>
        t(`rules.transitionRelated.summary.${keyOf(draft.target)}`, {
          linkType: draft.linkType,
          transition: draft.transitionName,
        })
      }
      permissionHelp={t('rules.transitionRelated.permissions')}
      form={(draft, setDraft, errors) => (
        <>
          <ChoiceInput
            id="target"
            label={t('rules.transitionRelated.target')}
            value={draft.target}
            choices={TARGETS.map((target) => ({
              label: t(`rules.transitionRelated.targets.${keyOf(target)}`),
              value: target,
            }))}
            onChange={(target) => setDraft({ ...draft, target })}
          />
          {draft.target === 'linked' && (
            <TextInput
              id="linkType"
              label={t('rules.transitionRelated.linkType')}
              value={draft.linkType}
              error={errors.linkType}
              placeholder={t('rules.transitionRelated.linkTypePlaceholder')}
              help={t('rules.transitionRelated.linkTypeHelp')}
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
              <SectionMessage appearance="information" title={t('rules.transitionRelated.notListed')}>
                <Text as="p">
                  {describeError(catalogError, t).message} {t('rules.transitionRelated.typeInstead')}
                </Text>
              </SectionMessage>
              <TextInput
                id="transitionName"
                label={t('rules.transitionRelated.transitionName')}
                value={draft.transitionName}
                error={errors.transitionName}
                placeholder={t('rules.transitionRelated.transitionNamePlaceholder')}
                help={t('rules.transitionRelated.transitionNameHelp')}
                onChange={(transitionName) => setDraft({ ...draft, transitionName })}
              />
            </>
          ) : (
            <Text as="p" testId="transitions-loading">
              {t('rules.transitionRelated.reading')}
            </Text>
          )}
          <ChoiceInput
            id="whenUnavailable"
            label={t('rules.transitionRelated.whenUnavailable')}
            value={draft.whenUnavailable}
            choices={UNAVAILABLE.map((choice) => ({
              label: t(`rules.transitionRelated.unavailable.${choice}`),
              value: choice,
            }))}
            onChange={(whenUnavailable) => setDraft({ ...draft, whenUnavailable })}
          />
        </>
      )}
    />
  );
}
