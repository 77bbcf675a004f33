import { useEffect, useState } from 'react';
import Select from '@atlaskit/select';
import type { ConnectionOption, FieldOption, StatusOption } from '@backend/shared/validator-config';
import { invokeResolver, type ResolverPayload } from '../bridge/invoke';
import { describeError } from '../components/ErrorMessage';
import { useT, type Translate } from '../i18n';
import { FieldFrame, type FieldFrameProps } from './post-functions/fields';

/** One read per page and payload, however many pickers show the list. */
const once = new Map<string, Promise<unknown>>();

/**
 * A list read from Jira through the configuration resolver (as the admin), with its payload if it has one; `enabled`
 * false waits (e.g. for a project to be chosen). Failures are shown, never replaced with a guess.
 */
export function useResolverList<T>(functionKey: string, payload?: ResolverPayload, enabled = true) {
  const key = enabled ? `${functionKey}:${JSON.stringify(payload ?? null)}` : undefined;
  const [state, setState] = useState<{ key?: string; list?: T[]; error?: unknown }>({});
  useEffect(() => {
    if (key === undefined) return undefined;
    let live = true;
    let request = once.get(key);
    if (!request) {
      request =
        payload === undefined ? invokeResolver<T[]>(functionKey) : invokeResolver<T[]>(functionKey, payload);
      // A failed read is asked again when the screen opens anew.
      request.catch(() => once.delete(key));
      once.set(key, request);
    }
    (request as Promise<T[]>).then(
      (list) => live && setState({ key, list }),
      (error: unknown) => live && setState({ key, error }),
    );
    return () => {
      live = false;
    };
    // The key holds the function and its payload: nothing else decides what to load.
  }, [key]);
  // What an earlier payload answered is not this one's.
  const current = state.key === key ? state : {};
  return {
    list: current.list,
    error: current.error,
    loading: key !== undefined && current.list === undefined && current.error === undefined,
  };
}

/** Jira's fields, read by the resolver as the admin configuring the rule (they see what Jira shows them). */
export const useJiraFields = () => useResolverList<FieldOption>('listFields');

/** A list that did not load, said where the picker is; `what` is the list, in the viewer's language. */
const loadFailure = (t: Translate, what: string, error: unknown): string | undefined =>
  error === undefined
    ? undefined
    : t('rules.common.couldNotLoadBecause', { what, reason: describeError(error, t).message });

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
  only = () => true,
  ...frame
}: FieldFrameProps & {
  value: string;
  storedName?: string;
  onChange: (id: string, name: string) => void;
  /** Which of Jira's fields are offered (e.g. date fields only). */
  only?: (field: FieldOption) => boolean;
}) {
  const t = useT();
  const { list, error, loading } = useJiraFields();
  const options = (list ?? []).filter(only).map(fieldOption);
  const selected =
    options.find((o) => o.value === value) ??
    (value ? fieldOption({ id: value, name: storedName || value }) : null);
  return (
    <FieldFrame {...frame} error={frame.error ?? loadFailure(t, t('rules.common.jiraFields'), error)}>
      <Select<PickerOption>
        inputId={frame.id}
        isLoading={loading}
        options={options}
        value={selected}
        onChange={(option) => option && onChange(option.value, option.name)}
        placeholder={t('rules.common.chooseField')}
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
}: FieldFrameProps & { value: string; onChange: (id: string, name: string) => void }) {
  const t = useT();
  const { list, error, loading } = useResolverList<ConnectionOption>('listConnections');
  const options = (list ?? []).map(fieldOption);
  const selected =
    options.find((o) => o.value === value) ??
    (value ? { label: t('rules.common.connectionGone', { id: value }), value, name: value } : null);
  return (
    <FieldFrame {...frame} error={frame.error ?? loadFailure(t, t('rules.common.connections'), error)}>
      <Select<PickerOption>
        inputId={frame.id}
        isLoading={loading}
        options={options}
        value={selected}
        onChange={(option) => option && onChange(option.value, option.name)}
        placeholder={t('rules.common.chooseConnection')}
        noOptionsMessage={() => t('rules.common.noConnection')}
        menuPosition="fixed"
      />
    </FieldFrame>
  );
}

/** A status as a rule names it: the id it matches and the name people read. */
export interface StatusRef {
  id: string;
  name: string;
}

/**
 * Statuses chosen from Jira's own list (the resolver reads GET /rest/api/3/statuses/search as the admin), never typed:
 * the value is each status's id. A stored status Jira no longer lists stays shown by its saved name.
 */
export function StatusesPicker({
  value,
  onChange,
  ...frame
}: FieldFrameProps & { value: StatusRef[]; onChange: (statuses: StatusRef[]) => void }) {
  const t = useT();
  const { list, error, loading } = useResolverList<StatusOption>('listStatuses');
  const options: PickerOption[] = (list ?? []).map((s) => ({
    label: s.projectId
      ? t('rules.previousStatus.statuses.teamManaged', { name: s.name, projectId: s.projectId })
      : s.name,
    value: s.id,
    name: s.name,
  }));
  const selected = value.map(
    (s) =>
      options.find((o) => o.value === s.id) ?? {
        label: t('rules.previousStatus.statuses.asSaved', { name: s.name }),
        value: s.id,
        name: s.name,
      },
  );
  return (
    <FieldFrame
      {...frame}
      error={frame.error ?? loadFailure(t, t('rules.previousStatus.statuses.what'), error)}
    >
      <Select<PickerOption, true>
        inputId={frame.id}
        isMulti
        isLoading={loading}
        options={options}
        value={selected}
        onChange={(chosen) => onChange(chosen.map((c) => ({ id: c.value, name: c.name })))}
        placeholder={t('rules.previousStatus.statuses.placeholder')}
        menuPosition="fixed"
      />
    </FieldFrame>
  );
}
