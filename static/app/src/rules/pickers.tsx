import { useEffect, useState } from 'react';
import Select from '@atlaskit/select';
import type { ConnectionOption, FieldOption } from '@backend/shared/validator-config';
import { invokeResolver } from '../bridge/invoke';
import { describeError } from '../components/ErrorMessage';
import { FieldFrame, type FieldFrameProps } from './post-functions/fields';

/** One read per page, however many pickers show the list. */
const once = new Map<string, Promise<unknown>>();
function useList<T>(functionKey: string) {
  const [list, setList] = useState<T[]>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let request = once.get(functionKey);
    if (!request) {
      request = invokeResolver<T[]>(functionKey);
      // A failed read is asked again when the screen opens anew.
      request.catch(() => once.delete(functionKey));
      once.set(functionKey, request);
    }
    (request as Promise<T[]>).then(setList, setError);
  }, [functionKey]);
  return { list, error, loading: list === undefined && error === undefined };
}

/** Jira's fields, read by the resolver as the admin configuring the rule (they see what Jira shows them). */
export const useJiraFields = () => useList<FieldOption>('listFields');

/** A list that did not load, said where the picker is. */
const loadFailure = (what: string, error: unknown): string | undefined =>
  error === undefined ? undefined : `Could not load ${what}: ${describeError(error).message}`;

export interface PickerOption {
  label: string;
  value: string;
  name: string;
}

export const fieldOption = (f: { id: string; name: string }): PickerOption => ({
  label: `${f.name} (${f.id})`,
  value: f.id,
  name: f.name,
});

/**
 * A Jira field, chosen from Jira's own list: the value is its id, and the admin reads its name. A stored id Jira
 * no longer lists stays shown as it is, so opening a screen never changes a rule.
 */
export function JiraFieldPicker({
  value,
  storedName,
  onChange,
  ...frame
}: FieldFrameProps & { value: string; storedName?: string; onChange: (id: string, name: string) => void }) {
  const { list, error, loading } = useJiraFields();
  const options = (list ?? []).map(fieldOption);
  const selected =
    options.find((o) => o.value === value) ??
    (value ? fieldOption({ id: value, name: storedName || value }) : null);
  return (
    <FieldFrame {...frame} error={frame.error ?? loadFailure("Jira's fields", error)}>
      <Select<PickerOption>
        inputId={frame.id}
        isLoading={loading}
        options={options}
        value={selected}
        onChange={(option) => option && onChange(option.value, option.name)}
        placeholder="Choose a field"
        menuPosition="fixed"
      />
    </FieldFrame>
  );
}

/**
 * One of the connections the Jira admin set up (Jira settings › Apps › Workflow Guard › Secrets and connections),
 * by name; the value is its id.
 */
export function ConnectionPicker({
  value,
  onChange,
  ...frame
}: FieldFrameProps & { value: string; onChange: (id: string) => void }) {
  const { list, error, loading } = useList<ConnectionOption>('listConnections');
  const options = (list ?? []).map(fieldOption);
  const selected =
    options.find((o) => o.value === value) ??
    (value ? { label: `${value} (no longer set up)`, value, name: value } : null);
  return (
    <FieldFrame {...frame} error={frame.error ?? loadFailure('the connections', error)}>
      <Select<PickerOption>
        inputId={frame.id}
        isLoading={loading}
        options={options}
        value={selected}
        onChange={(option) => option && onChange(option.value)}
        placeholder="Choose a connection"
        noOptionsMessage={() =>
          'No connection is set up yet: a Jira admin adds one in Jira settings › Apps › Workflow Guard › Secrets and connections.'
        }
        menuPosition="fixed"
      />
    </FieldFrame>
  );
}
