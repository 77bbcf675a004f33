import type { ReactNode } from 'react';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { Box, Stack } from '@atlaskit/primitives/compiled';

export interface Choice<T extends string> {
  label: string;
  value: T;
}

interface FieldFrame {
  id: string;
  label: string;
  help?: ReactNode;
  error?: string;
}

function Frame({ id, label, help, error, children }: FieldFrame & { children: ReactNode }) {
  return (
    <Box>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {error ? (
        <ErrorMessage testId={`${id}-error`}>{error}</ErrorMessage>
      ) : help ? (
        <HelperMessage>{help}</HelperMessage>
      ) : null}
    </Box>
  );
}

export function TextInput({
  value,
  onChange,
  placeholder,
  ...frame
}: FieldFrame & { value: string; onChange: (value: string) => void; placeholder?: string }) {
  return (
    <Frame {...frame}>
      <Textfield
        id={frame.id}
        name={frame.id}
        value={value}
        placeholder={placeholder}
        isInvalid={Boolean(frame.error)}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
    </Frame>
  );
}

export function ChoiceInput<T extends string>({
  value,
  choices,
  onChange,
  ...frame
}: FieldFrame & { value: T; choices: readonly Choice<T>[]; onChange: (value: T) => void }) {
  return (
    <Frame {...frame}>
      <Select<Choice<T>>
        inputId={frame.id}
        options={choices}
        value={choices.find((choice) => choice.value === value)}
        isSearchable={false}
        onChange={(choice) => choice && onChange(choice.value)}
        menuPosition="fixed"
      />
    </Frame>
  );
}

export const Fields = ({ children }: { children: ReactNode }) => <Stack space="space.200">{children}</Stack>;
