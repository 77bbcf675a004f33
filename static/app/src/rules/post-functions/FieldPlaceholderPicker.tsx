import Select from '@atlaskit/select';
import { Box, Text } from '@atlaskit/primitives/compiled';
import { fieldPlaceholder } from '@backend/shared/field-templates';
import { templateKind } from '@backend/rules/field-templates/kinds';
import { useJiraFields } from '../pickers';
import { describeError } from '../../components/ErrorMessage';
import { useT } from '../../i18n';

interface Option {
  label: string;
  value: string;
}

/**
 * "Insert a field's value": Jira's fields a template can show, by name (read as the admin, as every picker here).
 * Choosing one hands its placeholder to `onInsert`: `{{field:<name>}}`, or `{{field:<id>}}` when another field has
 * the same name, so what is inserted always resolves to the field chosen.
 */
export function FieldPlaceholderPicker({
  id,
  onInsert,
}: {
  id: string;
  onInsert: (placeholder: string) => void;
}) {
  const t = useT();
  const { list, error, loading } = useJiraFields();
  const fields = (list ?? []).filter((field) => templateKind(field) !== undefined);
  const shared = (name: string) =>
    fields.filter((f) => f.name.trim().toLowerCase() === name.trim().toLowerCase()).length > 1;
  const options: Option[] = fields.map((field) => ({
    label: `${field.name} (${field.id})`,
    value: fieldPlaceholder(shared(field.name) ? field.id : field.name),
  }));
  return (
    <Box paddingBlockStart="space.100">
      <label htmlFor={id}>
        <Text size="small" color="color.text.subtle">
          {t('templates.pickerLabel', { example: fieldPlaceholder('Name') })}
        </Text>
      </label>
      <Select<Option>
        inputId={id}
        isLoading={loading}
        options={options}
        value={null}
        placeholder={t('templates.pickerPlaceholder')}
        onChange={(option) => option && onInsert(option.value)}
        menuPosition="fixed"
      />
      {error !== undefined && (
        <Text size="small" color="color.text.danger">
          {t('templates.pickerLoadFailed', { reason: describeError(error, t).message })}
        </Text>
      )}
    </Box>
  );
}
