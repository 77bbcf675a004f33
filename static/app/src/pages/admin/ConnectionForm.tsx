import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { HelperMessage, Label } from '@atlaskit/form';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { Inline, Stack } from '@atlaskit/primitives/compiled';
import type { ConnectionAuthView, ProviderStateView } from '@backend/shared/admin-page';
import { useT } from '../../i18n';
import type { ConnectionDefinition } from './api';

type Kind = 'api-token-bearer' | 'api-token-basic' | 'oauth-client-credentials' | 'user-account';

const KIND_TEXT: Readonly<Record<Kind, string>> = {
  'api-token-bearer': 'admin.connectionForm.kinds.bearer',
  'api-token-basic': 'admin.connectionForm.kinds.basic',
  'oauth-client-credentials': 'admin.connectionForm.kinds.oauth',
  'user-account': 'admin.connectionForm.kinds.userAccount',
};

const kindOf = (auth: ConnectionAuthView): Kind =>
  auth.kind === 'api-token' ? (auth.scheme === 'basic' ? 'api-token-basic' : 'api-token-bearer') : auth.kind;

function Field({
  id,
  label,
  help,
  value,
  onChange,
  disabled,
}: {
  id: string;
  label: string;
  help?: string;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
}) {
  return (
    <Stack space="space.050">
      <Label htmlFor={id}>{label}</Label>
      <Textfield
        id={id}
        value={value}
        isDisabled={disabled}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
      {help && <HelperMessage>{help}</HelperMessage>}
    </Stack>
  );
}

/**
 * Adds a connection, or edits one (`initial`; its key cannot change). The server validates every field and names
 * the one that is wrong; saving asks a site admin to approve the connection's hosts first.
 */
export function ConnectionForm({
  providers,
  initial,
  onSave,
  onCancel,
}: {
  providers: ProviderStateView[];
  initial?: ConnectionDefinition;
  onSave: (connection: ConnectionDefinition) => Promise<void>;
  onCancel: () => void;
}) {
  const auth0 = initial?.auth;
  const [fields, setFields] = useState({
    id: initial?.id ?? '',
    name: initial?.name ?? '',
    url: initial?.url ?? '',
    username: auth0?.kind === 'api-token' ? (auth0.username ?? '') : '',
    tokenUrl: auth0?.kind === 'oauth-client-credentials' ? auth0.tokenUrl : '',
    clientId: auth0?.kind === 'oauth-client-credentials' ? auth0.clientId : '',
    scope: auth0?.kind === 'oauth-client-credentials' ? (auth0.scope ?? '') : '',
  });
  const [kind, setKind] = useState<Kind>(auth0 ? kindOf(auth0) : 'api-token-bearer');
  const t = useT();
  const kinds = (Object.keys(KIND_TEXT) as Kind[]).map((value) => ({ label: t(KIND_TEXT[value]), value }));
  const field = (key: keyof typeof fields) => ({
    value: fields[key],
    onChange: (value: string) => setFields((f) => ({ ...f, [key]: value })),
  });
  const auth = (): ConnectionAuthView => {
    switch (kind) {
      case 'api-token-bearer':
        return { kind: 'api-token', scheme: 'bearer' };
      case 'api-token-basic':
        return { kind: 'api-token', scheme: 'basic', username: fields.username };
      case 'oauth-client-credentials':
        return {
          kind: 'oauth-client-credentials',
          tokenUrl: fields.tokenUrl,
          clientId: fields.clientId,
          ...(fields.scope ? { scope: fields.scope } : {}),
        };
      case 'user-account':
        return { kind: 'user-account', provider: providers[0]?.key ?? '' };
    }
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void onSave({ id: fields.id.trim(), name: fields.name, url: fields.url.trim(), auth: auth() });
      }}
    >
      <Stack space="space.150">
        <h3>
          {initial
            ? t('admin.connectionForm.editTitle', { name: initial.name })
            : t('admin.connectionForm.addTitle')}
        </h3>
        <Field
          id="connection-name"
          label={t('admin.connectionForm.name')}
          help={t('admin.connectionForm.nameHelp')}
          {...field('name')}
        />
        <Field
          id="connection-id"
          label={t('admin.connectionForm.key')}
          help={t('admin.connectionForm.keyHelp')}
          disabled={initial !== undefined}
          {...field('id')}
        />
        <Field
          id="connection-url"
          label={t('admin.connectionForm.address')}
          help={t('admin.connectionForm.addressHelp')}
          {...field('url')}
        />
        <Stack space="space.050">
          <Label htmlFor="connection-kind">{t('admin.connectionForm.authentication')}</Label>
          <Select
            inputId="connection-kind"
            options={kinds}
            value={kinds.find((k) => k.value === kind)}
            onChange={(choice) => choice && setKind(choice.value)}
          />
        </Stack>
        {kind === 'api-token-basic' && (
          <Field id="connection-username" label={t('admin.connectionForm.username')} {...field('username')} />
        )}
        {kind === 'oauth-client-credentials' && (
          <>
            <Field
              id="connection-token-url"
              label={t('admin.connectionForm.tokenUrl')}
              {...field('tokenUrl')}
            />
            <Field
              id="connection-client-id"
              label={t('admin.connectionForm.clientId')}
              {...field('clientId')}
            />
            <Field id="connection-scope" label={t('admin.connectionForm.scope')} {...field('scope')} />
          </>
        )}
        {!initial && <HelperMessage>{t('admin.connectionForm.secretLater')}</HelperMessage>}
        <Inline space="space.100">
          <Button type="submit" appearance="primary">
            {t('admin.connectionForm.save')}
          </Button>
          <Button appearance="subtle" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </Inline>
      </Stack>
    </form>
  );
}
