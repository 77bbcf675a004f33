import type { PageProps } from '../../router/routes';
import { Fields, TextInput } from '../post-functions/fields';
import { text, type Stored } from '../stored';
import { ValidatorScreen } from './ValidatorScreen';

interface Draft {
  message: string;
}
const DEFAULT_MESSAGE = 'Add a comment to make this transition.';

/** jira:workflowValidator `comment-required`: create, edit and view. */
export default function CommentRequiredScreen({ context }: PageProps) {
  return (
    <ValidatorScreen<Draft>
      context={context}
      rule="comment-required"
      title="Comment required"
      description="the transition goes ahead only when the person writes a comment on the transition screen. Give the transition a screen, or they cannot comment."
      toDraft={(stored: Stored) => ({
        message: text(stored.message) === DEFAULT_MESSAGE ? '' : text(stored.message),
      })}
      toConfig={(draft) => (draft.message.trim() ? { message: draft.message } : {})}
      form={(draft, setDraft) => (
        <Fields>
          <TextInput
            id="message"
            label="Message when there is no comment (optional)"
            help={`Leave empty for: ${DEFAULT_MESSAGE}`}
            value={draft.message}
            onChange={(message) => setDraft({ message })}
          />
        </Fields>
      )}
    />
  );
}
