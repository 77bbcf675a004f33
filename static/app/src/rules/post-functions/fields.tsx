import type { ReactNode } from 'react';
import { ErrorMessage, HelperMessage } from '@atlaskit/form';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { Box, Stack } from '@atlaskit/primitives/compiled';
import { FieldLabel, useFieldError, type FieldPath } from '../ConfigFrame';

export interface Choice<T extends string> {
  label: string;
  value: T;
}

export interface FieldFrameProps {
  id: string;
  label: string;
  help?: ReactNode;
  /** An error to show; without one, the form's error at `path` is shown (ConfigForm). */
  error?: string;
  /** Where the field's value sits in the configuration (`operations.1.field`): the form's errors there are its own. */
  path?: FieldPath;
  /** Marked with an asterisk: the configuration is not saved without it. */
  required?: boolean;
}

/** A field's label, its input, then its error (beside it, in plain words) or its help. */
export function FieldFrame({
  id,
  label,
  help,
  error,
  path,
  required,
  children,
}: FieldFrameProps & { children: ReactNode }) {
  const formError = useFieldError(path);
  const shown = error ?? formError;
  return (
    <Box>
      <FieldLabel htmlFor={id} required={required}>
        {label}
      </FieldLabel>
      {children}
      {shown ? (
        <ErrorMessage testId={`${id}-error`}>{shown}</ErrorMessage>
      ) : help ? (
        <HelperMessage>{help}</HelperMessage>
      ) : null}
    </Box>
  );
}

/** Whether the field at `path` is in error, for inputs that draw themselves as invalid. */
function useInvalid(frame: FieldFrameProps): boolean {
  const formError = useFieldError(frame.path);
  return Boolean(frame.error ?? formError);
}

export function TextInput({
  value,
  onChange,
  placeholder,
  ...frame
}: FieldFrameProps & { value: string; onChange: (value: string) => void; placeholder?: string }) {
  const invalid = useInvalid(frame);
  return (
    <FieldFrame {...frame}>
      <Textfield
        id={frame.id}
        name={frame.id}
        value={value}
        placeholder={placeholder}
        isInvalid={invalid}
        isRequired={frame.required}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
    </FieldFrame>
  );
}

export function ChoiceInput<T extends string>({
  value,
  choices,
  onChange,
  ...frame
}: FieldFrameProps & { value: T; choices: readonly Choice<T>[]; onChange: (value: T) => void }) {
  return (
    <FieldFrame {...frame}>
      <Select<Choice<T>>
        inputId={frame.id}
        options={choices}
        value={choices.find((choice) => choice.value === value)}
        isSearchable={false}
        onChange={(choice) => choice && onChange(choice.value)}
        menuPosition="fixed"
      />
    </FieldFrame>
  );
}

export const Fields = ({ children }: { children: ReactNode }) => <Stack space="space.200">{children}</Stack>;
