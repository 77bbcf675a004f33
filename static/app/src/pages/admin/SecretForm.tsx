import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { HelperMessage, Label } from '@atlaskit/form';
import Textfield from '@atlaskit/textfield';
import { Inline, Stack } from '@atlaskit/primitives/compiled';
import type { ConnectionView } from '@backend/shared/admin-page';
import { useT } from '../../i18n';

/** A write-only secret field: the value goes to the resolver once and is cleared; it is never shown back. */
export function SecretForm({
  connection,
  onSave,
  onCancel,
}: {
  connection: ConnectionView;
  onSave: (value: string) => Promise<void>;
  onCancel: () => void;
}) {
  const [value, setValue] = useState('');
  const [saving, setSaving] = useState(false);
  const t = useT();
  const id = `secret-${connection.id}`;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        setSaving(true);
        void onSave(value).finally(() => {
          setValue('');
          setSaving(false);
        });
      }}
    >
      <Stack space="space.100">
        <Label htmlFor={id}>
          {t(
            connection.auth.kind === 'oauth-client-credentials'
              ? 'admin.secretForm.oauthLabel'
              : 'admin.secretForm.tokenLabel',
            { name: connection.name },
          )}
        </Label>
        <Textfield
          id={id}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          isRequired
        />
        <HelperMessage>
          {t(connection.secret.set ? 'admin.secretForm.replaces' : 'admin.secretForm.once')}
        </HelperMessage>
        <Inline space="space.100">
          <Button type="submit" appearance="primary" isDisabled={!value.trim()} isLoading={saving}>
            {t('admin.secretForm.save')}
          </Button>
          <Button appearance="subtle" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </Inline>
      </Stack>
    </form>
  );
}
