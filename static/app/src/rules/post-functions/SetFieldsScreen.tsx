import Button from '@atlaskit/button/new';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import type { PageProps } from '../../router/routes';
import { SetFieldsConfig } from '@backend/rules/set-fields/configuration';
import { fieldPlaceholder } from '@backend/shared/field-templates';
import { useLocale, useT, type Translate } from '../../i18n';
import { bound } from '../field-errors';
import { keyOf } from '../keys';
import { JiraFieldPicker } from '../pickers';
import { ChoiceInput, TextInput } from './fields';
import { FieldPlaceholderPicker } from './FieldPlaceholderPicker';
import { RuleScreen } from './RuleScreen';

type Op = 'set' | 'copy' | 'clear';
interface Row {
  op: Op;
  field: string;
  /** For `set`: the value; for `copy`: the source field. */
  input: string;
  /** The names the pickers showed for `field` and (copy) the source field: the summary shows them. */
  fieldName: string;
  fromName: string;
}
interface Draft {
  rows: Row[];
}

const OPS: readonly Op[] = ['set', 'copy', 'clear'];
const EMPTY_ROW: Row = { op: 'set', field: '', input: '', fieldName: '', fromName: '' };

const text = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : typeof value === 'number'
      ? String(value)
      : Array.isArray(value)
        ? value.filter((item) => typeof item === 'string').join(', ')
        : '';

function toRow(stored: unknown): Row {
  const operation = (stored ?? {}) as Record<string, unknown>;
  const op: Op = operation.op === 'copy' || operation.op === 'clear' ? operation.op : 'set';
  return {
    op,
    field: text(operation.field),
    input: text(op === 'copy' ? operation.from : operation.value),
    fieldName: text(operation.fieldName),
    fromName: op === 'copy' ? text(operation.fromName) : '',
  };
}

/** A name, when the rule kept one, else the id (a rule saved before names were kept). */
const named = (name: string) => (name ? { fieldName: name } : {});

function toOperation(row: Row): Record<string, unknown> {
  const field = row.field.trim();
  if (row.op === 'clear') return { op: 'clear', field, ...named(row.fieldName) };
  if (row.op === 'copy')
    return {
      op: 'copy',
      field,
      ...named(row.fieldName),
      from: row.input.trim(),
      ...(row.fromName ? { fromName: row.fromName } : {}),
    };
  // Numbers stay numbers (number fields); labels are split by the post-function.
  const number = Number(row.input);
  return {
    op: 'set',
    field,
    ...named(row.fieldName),
    value: row.input.trim() !== '' && Number.isFinite(number) && field !== 'summary' ? number : row.input,
  };
}

const describeRow = (t: Translate, row: Row): string =>
  t(`rules.setFields.summary.${row.op}`, {
    field: row.fieldName || row.field,
    from: row.fromName || row.input,
    value: row.input,
  });

/** jira:workflowPostFunction `set-fields`: create, edit and view. */
export default function SetFieldsScreen({ context }: PageProps) {
  const t = useT();
  const locale = useLocale();
  return (
    <RuleScreen<Draft>
      context={context}
      title={t('rules.setFields.title')}
      description={t('rules.setFields.description')}
      schema={SetFieldsConfig}
      ownWords={{
        operations: {
          too_small: t('rules.setFields.errors.addOne'),
          too_big: (issue) => t('rules.setFields.errors.atMost', { max: bound(issue, locale) }),
        },
      }}
      toDraft={(stored) => {
        const rows = Array.isArray(stored.operations) ? stored.operations.map(toRow) : [];
        return { rows: rows.length ? rows : [EMPTY_ROW] };
      }}
      toConfig={(draft) => ({ operations: draft.rows.map(toOperation) })}
      templates={(config) =>
        (Array.isArray(config.operations)
          ? (config.operations as Array<Record<string, unknown>>)
          : []
        ).flatMap((operation, index) =>
          operation.op === 'set' && typeof operation.value === 'string'
            ? [{ path: `operations.${index}.value`, text: operation.value }]
            : [],
        )
      }
      summary={(draft) =>
        t('rules.setFields.summary.all', {
          changes: draft.rows.map((row) => describeRow(t, row)).join(t('rules.setFields.summary.separator')),
        })
      }
      permissionHelp={t('rules.setFields.permissions')}
      form={(draft, setDraft) => {
        const setRow = (index: number, row: Row) =>
          setDraft({ ...draft, rows: draft.rows.map((r, i) => (i === index ? row : r)) });
        return (
          <>
            {draft.rows.map((row, index) => (
              <Box key={index} padding="space.150" backgroundColor="color.background.neutral.subtle">
                <Stack space="space.100">
                  <Text weight="bold">
                    {t('rules.setFields.change', { n: new Intl.NumberFormat(locale).format(index + 1) })}
                  </Text>
                  <Inline space="space.150" shouldWrap alignBlock="start">
                    <ChoiceInput
                      id={`op-${index}`}
                      label={t('rules.setFields.action')}
                      value={row.op}
                      choices={OPS.map((op) => ({ label: t(`rules.setFields.ops.${keyOf(op)}`), value: op }))}
                      onChange={(op) => setRow(index, { ...row, op })}
                    />
                    <JiraFieldPicker
                      id={`field-${index}`}
                      path={`operations.${index}.field`}
                      label={t('rules.setFields.field')}
                      required
                      value={row.field}
                      storedName={row.fieldName}
                      onChange={(field, fieldName) => setRow(index, { ...row, field, fieldName })}
                    />
                    {row.op === 'set' && (
                      <Stack space="space.050">
                        <TextInput
                          id={`value-${index}`}
                          path={`operations.${index}.value`}
                          label={t('rules.setFields.value')}
                          value={row.input}
                          help={t('rules.setFields.valueHelp', { field: fieldPlaceholder('Name') })}
                          onChange={(input) => setRow(index, { ...row, input })}
                        />
                        <FieldPlaceholderPicker
                          id={`value-${index}-field`}
                          onInsert={(placeholder) =>
                            setRow(index, { ...row, input: `${row.input}${placeholder}` })
                          }
                        />
                      </Stack>
                    )}
                    {row.op === 'copy' && (
                      <JiraFieldPicker
                        id={`from-${index}`}
                        path={`operations.${index}.from`}
                        label={t('rules.setFields.copyFrom')}
                        required
                        value={row.input}
                        storedName={row.fromName}
                        onChange={(input, fromName) => setRow(index, { ...row, input, fromName })}
                      />
                    )}
                  </Inline>
                  {draft.rows.length > 1 && (
                    <Box>
                      <Button
                        appearance="subtle"
                        onClick={() => setDraft({ ...draft, rows: draft.rows.filter((_, i) => i !== index) })}
                      >
                        {t('rules.setFields.remove', { n: new Intl.NumberFormat(locale).format(index + 1) })}
                      </Button>
                    </Box>
                  )}
                </Stack>
              </Box>
            ))}
            <Box>
              <Button
                isDisabled={draft.rows.length >= 20}
                onClick={() => setDraft({ ...draft, rows: [...draft.rows, EMPTY_ROW] })}
              >
                {t('rules.setFields.add')}
              </Button>
            </Box>
          </>
        );
      }}
    />
  );
}
