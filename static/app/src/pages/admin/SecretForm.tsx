import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { HelperMessage, Label } from '@atlaskit/form';
import Textfield from '@atlaskit/textfield';
import { Inline, Stack } from '@atlaskit/primitives/compiled';
import type { ConnectionView } from '@backend/shared/admin-page';

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
  const what = connection.auth.kind === 'oauth-client-credentials' ? 'OAuth client secret' : 'API token';
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
          {what} for {connection.name}
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
          {connection.secret.set ? 'This replaces the current secret. ' : ''}You will not be able to see it
          again.
        </HelperMessage>
        <Inline space="space.100">
          <Button type="submit" appearance="primary" isDisabled={!value.trim()} isLoading={saving}>
            Save secret
          </Button>
          <Button appearance="subtle" onClick={onCancel}>
            Cancel
          </Button>
        </Inline>
      </Stack>
    </form>
  );
}
