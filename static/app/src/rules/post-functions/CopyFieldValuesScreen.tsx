import Button from '@atlaskit/button/new';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import type { PageProps } from '../../router/routes';
import {
  CopyFieldValuesConfig,
  MAX_PAIRS,
  type Aggregation,
  type FieldSchema,
} from '@backend/rules/copy-field-values/configuration';
import type { FieldOption, LinkTypeOption } from '@backend/shared/validator-config';
import { JiraFieldPicker, useJiraFields, useResolverList } from '../pickers';
import { text } from '../stored';
import { ChoiceInput, TextInput, type Choice } from './fields';
import { PickerInput } from './pickers';
import { useT, type Translate } from '../../i18n';
import { RuleScreen } from './RuleScreen';

type Direction = 'pull' | 'push';
type Relation = 'parent' | 'sub-tasks' | 'linked';
type Side = 'any' | 'outward' | 'inward';
interface PairDraft {
  from: string;
  fromName: string;
  fromSchema?: FieldSchema;
  to: string;
  toName: string;
  toSchema?: FieldSchema;
  aggregation: Aggregation;
  separator: string;
}
interface Draft {
  direction: Direction;
  relation: Relation;
  linkType?: LinkTypeOption;
  linkSide: Side;
  pairs: PairDraft[];
}

const directions = (t: Translate): Choice<Direction>[] => [
  { label: t('copyFieldValues.direction.pull'), value: 'pull' },
  { label: t('copyFieldValues.direction.push'), value: 'push' },
];
const relations = (t: Translate): Choice<Relation>[] => [
  { label: t('copyFieldValues.relation.parent'), value: 'parent' },
  { label: t('copyFieldValues.relation.subTasks'), value: 'sub-tasks' },
  { label: t('copyFieldValues.relation.linked'), value: 'linked' },
];
const AGGREGATION_KEYS: readonly Aggregation[] = ['first', 'sum', 'min', 'max', 'join'];
const aggregations = (t: Translate): Choice<Aggregation>[] =>
  AGGREGATION_KEYS.map((value) => ({ label: t(`copyFieldValues.aggregation.${value}`), value }));

const emptyPair = (): PairDraft => ({
  from: '',
  fromName: '',
  to: '',
  toName: '',
  aggregation: 'first',
  separator: ', ',
});

const schemaOf = (value: unknown): FieldSchema | undefined => {
  const schema = value as Partial<FieldSchema> | undefined;
  return typeof schema?.type === 'string'
    ? {
        type: schema.type,
        ...(typeof schema.items === 'string' ? { items: schema.items } : {}),
        ...(typeof schema.custom === 'string' ? { custom: schema.custom } : {}),
      }
    : undefined;
};

function toPair(stored: unknown): PairDraft {
  const pair = (stored ?? {}) as Record<string, unknown>;
  const aggregation = AGGREGATION_KEYS.find((a) => a === pair.aggregation) ?? 'first';
  return {
    from: text(pair.from),
    fromName: text(pair.fromName),
    fromSchema: schemaOf(pair.fromSchema),
    to: text(pair.to),
    toName: text(pair.toName),
    toSchema: schemaOf(pair.toSchema),
    aggregation,
    separator: typeof pair.separator === 'string' ? pair.separator : ', ',
  };
}

const toDraft = (stored: Record<string, unknown>): Draft => {
  const link = stored.linkType as Partial<LinkTypeOption> | undefined;
  const pairs = Array.isArray(stored.pairs) ? stored.pairs.map(toPair) : [];
  return {
    direction: stored.direction === 'push' ? 'push' : 'pull',
    relation: stored.relation === 'parent' || stored.relation === 'linked' ? stored.relation : 'sub-tasks',
    linkType:
      link && typeof link.name === 'string'
        ? { name: link.name, inward: text(link.inward), outward: text(link.outward) }
        : undefined,
    linkSide: stored.linkSide === 'outward' || stored.linkSide === 'inward' ? stored.linkSide : 'any',
    pairs: pairs.length ? pairs : [emptyPair()],
  };
};

/** Several sources are combined only when pulling from sub-tasks or linked issues. */
const combines = (draft: Draft): boolean => draft.direction === 'pull' && draft.relation !== 'parent';

const toConfig = (draft: Draft): Record<string, unknown> => ({
  direction: draft.direction,
  relation: draft.relation,
  linkType: draft.relation === 'linked' ? draft.linkType : undefined,
  linkSide: draft.relation === 'linked' ? draft.linkSide : undefined,
  pairs: draft.pairs.map((pair) => ({
    from: pair.from,
    fromName: pair.fromName || undefined,
    fromSchema: pair.fromSchema,
    to: pair.to,
    toName: pair.toName || undefined,
    toSchema: pair.toSchema,
    aggregation: combines(draft) ? pair.aggregation : 'first',
    separator: combines(draft) && pair.aggregation === 'join' ? pair.separator : undefined,
  })),
});

const relationText = (draft: Draft, t: Translate): string =>
  draft.relation === 'parent'
    ? t('copyFieldValues.relationText.parent')
    : draft.relation === 'sub-tasks'
      ? t('copyFieldValues.relationText.subTasks')
      : t('copyFieldValues.relationText.linked', { name: draft.linkType?.name ?? '' });

function describe(draft: Draft, t: Translate): string {
  const pairs = draft.pairs
    .map((p) => {
      const from = p.fromName || p.from;
      return t('copyFieldValues.pairText', {
        from: combines(draft) ? t(`copyFieldValues.words.${p.aggregation}`, { field: from }) : from,
        to: p.toName || p.to,
      });
    })
    .join(', ');
  return t(`copyFieldValues.summary.${draft.direction}`, { pairs, relation: relationText(draft, t) });
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
  const { list: fieldList } = useJiraFields();
  const linkTypes = useResolverList<LinkTypeOption>('listLinkTypes', {});
  const schemaFor = (id: string): FieldSchema | undefined =>
    schemaOf(fieldList?.find((f: FieldOption) => f.id === id)?.schema);
  const setPair = (index: number, pair: PairDraft) =>
    setDraft({ ...draft, pairs: draft.pairs.map((p, i) => (i === index ? pair : p)) });
  const sides: Choice<Side>[] = [
    { label: t('copyFieldValues.linkSide.any'), value: 'any' },
    {
      label: t('copyFieldValues.linkSide.outward', {
        description: draft.linkType?.outward ?? t('copyFieldValues.linkSide.outwardUnknown'),
      }),
      value: 'outward',
    },
    {
      label: t('copyFieldValues.linkSide.inward', {
        description: draft.linkType?.inward ?? t('copyFieldValues.linkSide.inwardUnknown'),
      }),
      value: 'inward',
    },
  ];
  return (
    <>
      <ChoiceInput
        id="direction"
        label={t('copyFieldValues.direction.label')}
        value={draft.direction}
        choices={directions(t)}
        onChange={(direction) => setDraft({ ...draft, direction })}
      />
      <ChoiceInput
        id="relation"
        label={t('copyFieldValues.relation.label')}
        value={draft.relation}
        choices={relations(t)}
        help={t('copyFieldValues.relation.help')}
        onChange={(relation) => setDraft({ ...draft, relation })}
      />
      {draft.relation === 'linked' && (
        <>
          <PickerInput
            id="linkType"
            label={t('copyFieldValues.linkType.label')}
            what={t('copyFieldValues.linkType.what')}
            value={draft.linkType?.name ?? ''}
            options={linkTypes.list?.map((t) => ({
              value: t.name,
              label: `${t.name} (${t.outward} / ${t.inward})`,
            }))}
            loadError={linkTypes.error}
            error={errors.linkType}
            onChange={(option) => {
              const chosen = linkTypes.list?.find((type) => type.name === option.value);
              if (chosen) setDraft({ ...draft, linkType: chosen });
            }}
          />
          <ChoiceInput
            id="linkSide"
            label={t('copyFieldValues.linkSide.label')}
            value={draft.linkSide}
            choices={sides}
            onChange={(linkSide) => setDraft({ ...draft, linkSide })}
          />
        </>
      )}
      {draft.pairs.map((pair, index) => (
        <Box key={index} padding="space.150" backgroundColor="color.background.neutral.subtle">
          <Stack space="space.100">
            <Text weight="bold">{t('copyFieldValues.pair.title', { number: index + 1 })}</Text>
            <Inline space="space.150" shouldWrap alignBlock="start">
              <JiraFieldPicker
                id={`from-${index}`}
                path={`pairs.${index}.from`}
                label={t(
                  draft.direction === 'pull'
                    ? 'copyFieldValues.pair.fromPull'
                    : 'copyFieldValues.pair.fromPush',
                )}
                required
                value={pair.from}
                storedName={pair.fromName}
                onChange={(from, fromName) =>
                  setPair(index, { ...pair, from, fromName, fromSchema: schemaFor(from) })
                }
              />
              <JiraFieldPicker
                id={`to-${index}`}
                path={`pairs.${index}.to`}
                label={t(
                  draft.direction === 'pull' ? 'copyFieldValues.pair.toPull' : 'copyFieldValues.pair.toPush',
                )}
                required
                value={pair.to}
                storedName={pair.toName}
                onChange={(to, toName) => setPair(index, { ...pair, to, toName, toSchema: schemaFor(to) })}
              />
              {combines(draft) && (
                <ChoiceInput
                  id={`aggregation-${index}`}
                  path={`pairs.${index}.aggregation`}
                  label={t('copyFieldValues.pair.aggregation')}
                  value={pair.aggregation}
                  choices={aggregations(t)}
                  onChange={(aggregation) => setPair(index, { ...pair, aggregation })}
                />
              )}
              {combines(draft) && pair.aggregation === 'join' && (
                <TextInput
                  id={`separator-${index}`}
                  path={`pairs.${index}.separator`}
                  label={t('copyFieldValues.pair.separator')}
                  value={pair.separator}
                  onChange={(separator) => setPair(index, { ...pair, separator })}
                />
              )}
            </Inline>
            {draft.pairs.length > 1 && (
              <Box>
                <Button
                  appearance="subtle"
                  onClick={() => setDraft({ ...draft, pairs: draft.pairs.filter((_, i) => i !== index) })}
                >
                  {t('copyFieldValues.pair.remove', { number: index + 1 })}
                </Button>
              </Box>
            )}
          </Stack>
        </Box>
      ))}
      <Box>
        <Button
          isDisabled={draft.pairs.length >= MAX_PAIRS}
          onClick={() => setDraft({ ...draft, pairs: [...draft.pairs, emptyPair()] })}
        >
          {t('copyFieldValues.pair.add')}
        </Button>
      </Box>
    </>
  );
}

/** jira:workflowPostFunction `copy-field-values`: create, edit and view. */
export default function CopyFieldValuesScreen({ context }: PageProps) {
  const t = useT();
  return (
    <RuleScreen<Draft>
      context={context}
      title={t('copyFieldValues.title')}
      description={t('copyFieldValues.description')}
      schema={CopyFieldValuesConfig}
      toDraft={toDraft}
      toConfig={toConfig}
      summary={(draft) => describe(draft, t)}
      permissionHelp={t('copyFieldValues.permissionHelp')}
      form={(draft, setDraft, errors) => <Form draft={draft} setDraft={setDraft} errors={errors} />}
    />
  );
}
