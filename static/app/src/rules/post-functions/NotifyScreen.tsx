import type { PageProps } from '../../router/routes';
import { NotifyConfig } from '@backend/rules/notify/configuration';
import { text } from '../stored';
import { TextInput } from './fields';
import { RuleScreen } from './RuleScreen';

interface Draft {
  connectionId: string;
}

/** jira:workflowPostFunction `notify`: create, edit and view. */
export default function NotifyScreen({ context }: PageProps) {
  return (
    <RuleScreen<Draft>
      context={context}
      title="Notify an external service"
      description="sends the issue and the transition as JSON to a connection your Jira admin set up."
      schema={NotifyConfig}
      toDraft={(stored) => ({ connectionId: text(stored.connectionId) })}
      toConfig={(draft) => ({ connectionId: draft.connectionId })}
      summary={(draft) => `Notifies connection “${draft.connectionId}”.`}
      permissionHelp="Browse projects; connections that use each user’s own account need this"
      form={(draft, setDraft, errors) => (
        <TextInput
          id="connectionId"
          label="Connection"
          value={draft.connectionId}
          error={errors.connectionId}
          placeholder="ops-webhook"
          help="The connection’s id from Jira settings › Apps › Workflow Guard › Connections. The project must allow it in its Workflow Guard settings; how it signs in (API token, OAuth client or each user’s own account) is set there."
          onChange={(connectionId) => setDraft({ ...draft, connectionId: connectionId.trim() })}
        />
      )}
    />
  );
}
