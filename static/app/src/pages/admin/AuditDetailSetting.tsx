import { useState } from 'react';
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { Stack, Text } from '@atlaskit/primitives/compiled';
import type { AuditDetailView } from '@backend/shared/admin-page';
import { useFormat } from '../../format';
import { useT } from '../../i18n';
import { adminApi } from './api';
import { useLoad } from './useLoad';

type Detail = AuditDetailView['successDetail'];

/** Each choice's catalogue keys: its name, and what the log keeps with it. */
const CHOICES: Array<{ value: Detail; labelKey: string; saysKey: string }> = [
  { value: 'full', labelKey: 'admin.auditDetail.full.label', saysKey: 'admin.auditDetail.full.says' },
  {
    value: 'summary',
    labelKey: 'admin.auditDetail.summary.label',
    saysKey: 'admin.auditDetail.summary.says',
  },
];

/** The admin's choice of how much of a successful execution the log keeps; failures are always kept in full. */
export function AuditDetailSetting() {
  const loaded = useLoad(adminApi.auditDetail);
  const [draft, setDraft] = useState<Detail>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string>();
  const t = useT();
  const format = useFormat();
  const current = loaded.data?.successDetail;
  const chosen = draft ?? current;

  if (loaded.error)
    return <SectionMessage appearance="error">{t('admin.auditDetail.loadError')}</SectionMessage>;
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
            <Text weight="bold">{t('admin.auditDetail.legend')}</Text>
          </legend>
          <Text as="p" color="color.text.subtle">
            {t('admin.auditDetail.intro', { thousand: format.number(1000) })}
          </Text>
          {CHOICES.map(({ value, labelKey, saysKey }) => (
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
                {t('admin.auditDetail.option', {
                  label: t(labelKey),
                  size: format.kilobytes(perThousand[value]),
                  thousand: format.number(1000),
                  says: t(saysKey),
                })}
                {current === value ? ` ${t('admin.auditDetail.current')}` : ''}
              </label>
            </div>
          ))}
        </fieldset>
        <div>
          <Button type="submit" appearance="primary" isDisabled={!draft || draft === current || saving}>
            {t('common.save')}
          </Button>
        </div>
        {problem && <SectionMessage appearance="error">{problem}</SectionMessage>}
      </Stack>
    </form>
  );
}
