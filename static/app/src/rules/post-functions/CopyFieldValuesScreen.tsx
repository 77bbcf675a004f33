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

const DIRECTIONS: Choice<Direction>[] = [
  { label: 'Into this issue, from the related issues', value: 'pull' },
  { label: 'From this issue, into the related issues', value: 'push' },
];
const RELATIONS: Choice<Relation>[] = [
  { label: 'The parent', value: 'parent' },
  { label: 'The sub-tasks (child issues)', value: 'sub-tasks' },
  { label: 'Issues linked with a link type', value: 'linked' },
];
const AGGREGATIONS: Choice<Aggregation>[] = [
  { label: 'The first (the earliest created issue with a value)', value: 'first' },
  { label: 'The sum', value: 'sum' },
  { label: 'The minimum', value: 'min' },
  { label: 'The maximum', value: 'max' },
  { label: 'All, joined with a separator', value: 'join' },
];

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
  const aggregation = AGGREGATIONS.find((a) => a.value === pair.aggregation)?.value ?? 'first';
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

const relationText = (draft: Draft): string =>
  draft.relation === 'parent'
    ? 'the parent'
    : draft.relation === 'sub-tasks'
      ? 'the sub-tasks'
      : `the issues linked by “${draft.linkType?.name ?? ''}”`;

const WORDS: Readonly<Record<Aggregation, string>> = {
  first: 'the first',
  sum: 'the sum of',
  min: 'the minimum of',
  max: 'the maximum of',
  join: 'the joined',
};

function describe(draft: Draft): string {
  const pairs = draft.pairs
    .map(
      (p) =>
        `${combines(draft) ? `${WORDS[p.aggregation]} ` : ''}${p.fromName || p.from} into ${p.toName || p.to}`,
    )
    .join(', ');
  return draft.direction === 'pull'
    ? `Copies ${pairs} from ${relationText(draft)} into the issue.`
    : `Copies ${pairs} from the issue into ${relationText(draft)}.`;
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
  const { list: fieldList } = useJiraFields();
  const linkTypes = useResolverList<LinkTypeOption>('listLinkTypes', {});
  const schemaFor = (id: string): FieldSchema | undefined =>
    schemaOf(fieldList?.find((f: FieldOption) => f.id === id)?.schema);
  const setPair = (index: number, pair: PairDraft) =>
    setDraft({ ...draft, pairs: draft.pairs.map((p, i) => (i === index ? pair : p)) });
  const sides: Choice<Side>[] = [
    { label: 'Both directions', value: 'any' },
    { label: `Issues this issue ${draft.linkType?.outward ?? 'points to (outward)'}`, value: 'outward' },
    { label: `Issues this issue ${draft.linkType?.inward ?? 'is pointed to by (inward)'}`, value: 'inward' },
  ];
  return (
    <>
      <ChoiceInput
        id="direction"
        label="Copy"
        value={draft.direction}
        choices={DIRECTIONS}
        onChange={(direction) => setDraft({ ...draft, direction })}
      />
      <ChoiceInput
        id="relation"
        label="Related issues"
        value={draft.relation}
        choices={RELATIONS}
        help="Issues in other projects are read and written only as those projects allow."
        onChange={(relation) => setDraft({ ...draft, relation })}
      />
      {draft.relation === 'linked' && (
        <>
          <PickerInput
            id="linkType"
            label="Link type"
            what="Jira's link types"
            value={draft.linkType?.name ?? ''}
            options={linkTypes.list?.map((t) => ({
              value: t.name,
              label: `${t.name} (${t.outward} / ${t.inward})`,
            }))}
            loadError={linkTypes.error}
            error={errors.linkType}
            onChange={(option) => {
              const chosen = linkTypes.list?.find((t) => t.name === option.value);
              if (chosen) setDraft({ ...draft, linkType: chosen });
            }}
          />
          <ChoiceInput
            id="linkSide"
            label="Which linked issues"
            value={draft.linkSide}
            choices={sides}
            onChange={(linkSide) => setDraft({ ...draft, linkSide })}
          />
        </>
      )}
      {draft.pairs.map((pair, index) => (
        <Box key={index} padding="space.150" backgroundColor="color.background.neutral.subtle">
          <Stack space="space.100">
            <Text weight="bold">Field {index + 1}</Text>
            <Inline space="space.150" shouldWrap alignBlock="start">
              <JiraFieldPicker
                id={`from-${index}`}
                path={`pairs.${index}.from`}
                label={
                  draft.direction === 'pull' ? 'From the related issues’ field' : 'From this issue’s field'
                }
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
                label={
                  draft.direction === 'pull' ? 'Into this issue’s field' : 'Into the related issues’ field'
                }
                required
                value={pair.to}
                storedName={pair.toName}
                onChange={(to, toName) => setPair(index, { ...pair, to, toName, toSchema: schemaFor(to) })}
              />
              {combines(draft) && (
                <ChoiceInput
                  id={`aggregation-${index}`}
                  path={`pairs.${index}.aggregation`}
                  label="With several related issues, copy"
                  value={pair.aggregation}
                  choices={AGGREGATIONS}
                  onChange={(aggregation) => setPair(index, { ...pair, aggregation })}
                />
              )}
              {combines(draft) && pair.aggregation === 'join' && (
                <TextInput
                  id={`separator-${index}`}
                  path={`pairs.${index}.separator`}
                  label="Separator"
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
                  Remove field {index + 1}
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
          Add a field
        </Button>
      </Box>
    </>
  );
}

/** jira:workflowPostFunction `copy-field-values`: create, edit and view. */
export default function CopyFieldValuesScreen({ context }: PageProps) {
  return (
    <RuleScreen<Draft>
      context={context}
      title="Copy field values"
      description="copies field values between the issue and its parent, sub-tasks or linked issues after the transition; an issue that holds the values already is not edited."
      schema={CopyFieldValuesConfig}
      toDraft={toDraft}
      toConfig={toConfig}
      summary={describe}
      permissionHelp="Edit issues on the issues written, and Browse projects on those read"
      form={(draft, setDraft, errors) => <Form draft={draft} setDraft={setDraft} errors={errors} />}
    />
  );
}
