import { ErrorMessage as FieldError, HelperMessage, Label } from '@atlaskit/form';
import Select from '@atlaskit/select';
import { Box } from '@atlaskit/primitives/compiled';
import type { ResolverPayload } from '../../bridge/invoke';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useT } from '../../i18n';
import { useResolverList } from '../pickers';

export interface Option {
  label: string;
  value: string;
}

/** Options read from Jira through the configuration resolver (`useResolverList`); none until `payload` is given. */
export function useJiraOptions<T>(
  functionKey: string,
  payload: ResolverPayload | undefined,
  toOption: (item: T) => Option,
): { options?: Option[]; error?: unknown } {
  const { list, error } = useResolverList<T>(functionKey, payload, payload !== undefined);
  return { options: list?.map(toOption), error };
}

interface PickerFrame {
  id: string;
  label: string;
  /** What failed to load, in the viewer's language, e.g. "Jira's projects". */
  what: string;
  help?: string;
  error?: string;
  options?: Option[];
  loadError?: unknown;
}

/** One value picked from Jira's own list; a stored value Jira no longer lists still shows, by its saved name. */
export function PickerInput({
  value,
  savedLabel,
  onChange,
  ...frame
}: PickerFrame & { value: string; savedLabel?: string; onChange: (option: Option) => void }) {
  const t = useT();
  const selected =
    frame.options?.find((o) => o.value === value) ??
    (value ? { value, label: savedLabel ? t('rules.common.asSaved', { name: savedLabel }) : value } : null);
  return (
    <Box>
      {frame.loadError !== undefined && (
        <ErrorMessage title={t('rules.common.couldNotLoad', { what: frame.what })} error={frame.loadError} />
      )}
      <Label htmlFor={frame.id}>{frame.label}</Label>
      <Select<Option>
        inputId={frame.id}
        options={frame.options ?? []}
        isLoading={frame.options === undefined && frame.loadError === undefined}
        value={selected}
        onChange={(option) => option && onChange(option)}
        menuPosition="fixed"
      />
      {frame.error ? (
        <FieldError testId={`${frame.id}-error`}>{frame.error}</FieldError>
      ) : frame.help ? (
        <HelperMessage>{frame.help}</HelperMessage>
      ) : null}
    </Box>
  );
}

/** Several values picked from Jira's own list. */
export function MultiPickerInput({
  values,
  onChange,
  ...frame
}: PickerFrame & { values: string[]; onChange: (values: string[]) => void }) {
  const t = useT();
  const selected = values.map((v) => frame.options?.find((o) => o.value === v) ?? { value: v, label: v });
  return (
    <Box>
      {frame.loadError !== undefined && (
        <ErrorMessage title={t('rules.common.couldNotLoad', { what: frame.what })} error={frame.loadError} />
      )}
      <Label htmlFor={frame.id}>{frame.label}</Label>
      <Select<Option, true>
        inputId={frame.id}
        isMulti
        options={frame.options ?? []}
        isLoading={frame.options === undefined && frame.loadError === undefined}
        value={selected}
        onChange={(chosen) => onChange(chosen.map((o) => o.value))}
        menuPosition="fixed"
      />
      {frame.error ? (
        <FieldError testId={`${frame.id}-error`}>{frame.error}</FieldError>
      ) : frame.help ? (
        <HelperMessage>{frame.help}</HelperMessage>
      ) : null}
    </Box>
  );
}
