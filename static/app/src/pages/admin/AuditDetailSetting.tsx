import { useState } from 'react';
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { Stack, Text } from '@atlaskit/primitives/compiled';
import type { AuditDetailView } from '@backend/shared/admin-page';
import { adminApi } from './api';
import { useLoad } from './useLoad';

type Detail = AuditDetailView['successDetail'];

const kb = (bytes: number): string => `${Math.round(bytes / 1024)} KB`;

const CHOICES: Array<{ value: Detail; label: string; says: string }> = [
  {
    value: 'full',
    label: 'In full',
    says: 'who acted, every call to Jira with its answer, time and scopes, and the summary',
  },
  {
    value: 'summary',
    label: 'As a one-line summary',
    says: 'who, what and the outcome in one line, without the calls to Jira',
  },
];

/** The admin's choice of how much of a successful execution the log keeps; failures are always kept in full. */
export function AuditDetailSetting() {
  const loaded = useLoad(adminApi.auditDetail);
  const [draft, setDraft] = useState<Detail>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string>();
  const current = loaded.data?.successDetail;
  const chosen = draft ?? current;

  if (loaded.error)
    return <SectionMessage appearance="error">Could not load the audit detail setting.</SectionMessage>;
  if (!loaded.data) return null;
  const { perThousand } = loaded.data;

  const save = () => {
    if (!chosen) return;
    setSaving(true);
    setProblem(undefined);
    adminApi.setAuditDetail(chosen).then(
      (view) => {
        loaded.set(view);
        setDraft(undefined);
        setSaving(false);
      },
      (reason: unknown) => {
        setProblem(reason instanceof Error ? reason.message : String(reason));
        setSaving(false);
      },
    );
  };

  return (
    <form
      data-testid="audit-detail"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <Stack space="space.100">
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend>
            <Text weight="bold">Successful executions are kept</Text>
          </legend>
          <Text as="p" color="color.text.subtle">
            Failures are always kept in full. Storage per 1,000 successful executions, measured on a typical
            one:
          </Text>
          {CHOICES.map(({ value, label, says }) => (
            <div key={value}>
              <input
                type="radio"
                id={`audit-detail-${value}`}
                name="audit-detail"
                value={value}
                checked={chosen === value}
                onChange={() => setDraft(value)}
              />{' '}
              <label htmlFor={`audit-detail-${value}`}>
                {label}: about {kb(perThousand[value])} per 1,000 executions ({says})
                {current === value ? ' (current)' : ''}
              </label>
            </div>
          ))}
        </fieldset>
        <div>
          <Button type="submit" appearance="primary" isDisabled={!draft || draft === current || saving}>
            Save
          </Button>
        </div>
        {problem && <SectionMessage appearance="error">{problem}</SectionMessage>}
      </Stack>
    </form>
  );
}
