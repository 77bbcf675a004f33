import type { PageProps } from '../../router/routes';
import { NotifyConfig } from '@backend/rules/notify/configuration';
import { ConnectionPicker } from '../pickers';
import { text } from '../stored';
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
      form={(draft, setDraft) => (
        <ConnectionPicker
          id="connectionId"
          path="connectionId"
          label="Connection"
          required
          value={draft.connectionId}
          help="Your Jira admin sets connections up in Jira settings › Apps › Workflow Guard › Secrets and connections, with how each signs in (API token, OAuth client or each user’s own account). Each project must also allow the connection in its Workflow Guard settings."
          onChange={(connectionId) => setDraft({ ...draft, connectionId })}
        />
      )}
    />
  );
}
