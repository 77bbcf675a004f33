import type { PageProps } from '../../router/routes';
import { useT } from '../../i18n';
import { Fields, TextInput } from '../post-functions/fields';
import { text, type Stored } from '../stored';
import { ValidatorScreen } from './ValidatorScreen';

interface Draft {
  message: string;
}
/** What the resolver saves when the admin writes none (src/rules/comment-required/prepare.ts). */
const DEFAULT_MESSAGE = 'Add a comment to make this transition.';

/** jira:workflowValidator `comment-required`: create, edit and view. */
export default function CommentRequiredScreen({ context }: PageProps) {
  const t = useT();
  return (
    <ValidatorScreen<Draft>
      context={context}
      rule="comment-required"
      title={t('rules.commentRequired.title')}
      description={t('rules.commentRequired.description')}
      toDraft={(stored: Stored) => ({
        message: text(stored.message) === DEFAULT_MESSAGE ? '' : text(stored.message),
      })}
      toConfig={(draft) => (draft.message.trim() ? { message: draft.message } : {})}
      form={(draft, setDraft) => (
        <Fields>
          <TextInput
            id="message"
            label={t('rules.commentRequired.message')}
            help={t('rules.commentRequired.messageHelp', { message: DEFAULT_MESSAGE })}
            value={draft.message}
            onChange={(message) => setDraft({ message })}
          />
        </Fields>
      )}
    />
  );
}
