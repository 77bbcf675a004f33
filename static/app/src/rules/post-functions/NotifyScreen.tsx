import type { PageProps } from '../../router/routes';
import { NotifyConfig } from '@backend/rules/notify/configuration';
import { useT } from '../../i18n';
import { ConnectionPicker } from '../pickers';
import { text } from '../stored';
import { RuleScreen } from './RuleScreen';

interface Draft {
  connectionId: string;
  /** The name the picker showed, saved so the workflow editor's summary names the connection as people know it. */
  connectionName: string;
}

/** jira:workflowPostFunction `notify`: create, edit and view. */
export default function NotifyScreen({ context }: PageProps) {
  const t = useT();
  return (
    <RuleScreen<Draft>
      context={context}
      title={t('rules.notify.title')}
      description={t('rules.notify.description')}
      schema={NotifyConfig}
      ownWords={{ connectionId: { invalid_format: t('rules.notify.errors.connectionId') } }}
      toDraft={(stored) => ({
        connectionId: text(stored.connectionId),
        connectionName: text(stored.connectionName),
      })}
      toConfig={(draft) => ({
        connectionId: draft.connectionId,
        ...(draft.connectionName ? { connectionName: draft.connectionName } : {}),
      })}
      // A rule saved before names were kept shows its connection's id.
      summary={(draft) =>
        t('rules.notify.summary', { connection: draft.connectionName || draft.connectionId })
      }
      permissionHelp={t('rules.notify.permissions')}
      form={(draft, setDraft) => (
        <ConnectionPicker
          id="connectionId"
          path="connectionId"
          label={t('rules.notify.connection')}
          required
          value={draft.connectionId}
          help={t('rules.notify.connectionHelp')}
          onChange={(connectionId, connectionName) => setDraft({ ...draft, connectionId, connectionName })}
        />
      )}
    />
  );
}
