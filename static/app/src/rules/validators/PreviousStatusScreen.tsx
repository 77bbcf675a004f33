import type { PageProps } from '../../router/routes';
import { ChoiceInput, Fields, TextInput, type Choice } from '../post-functions/fields';
import { StatusesPicker, type StatusRef } from '../pickers';
import { text, type Stored } from '../stored';
import { ValidatorScreen } from './ValidatorScreen';
import { useT } from '../../i18n';

type Mode = 'most-recent' | 'ever';

interface Draft {
  statuses: StatusRef[];
  mode: Mode;
  message: string;
}

const statusesOf = (value: unknown): StatusRef[] =>
  (Array.isArray(value) ? value : []).flatMap((v) => {
    const s = (v ?? {}) as Stored;
    return text(s.id) ? [{ id: text(s.id), name: text(s.name) || text(s.id) }] : [];
  });

/** A message the resolver generated (it names the statuses) is regenerated on save rather than kept. */
const generated = (stored: Stored) => text(stored.message).startsWith('This transition is only for issues');

/** jira:workflowValidator `previous-status`: create, edit and view. */
export default function PreviousStatusScreen({ context }: PageProps) {
  const t = useT();
  const modes: Choice<Mode>[] = [
    { label: t('rules.previousStatus.mode.mostRecent'), value: 'most-recent' },
    { label: t('rules.previousStatus.mode.ever'), value: 'ever' },
  ];
  return (
    <ValidatorScreen<Draft>
      context={context}
      rule="previous-status"
      title={t('rules.previousStatus.title')}
      description={t('rules.previousStatus.description')}
      toDraft={(stored) => ({
        statuses: statusesOf(stored.statuses),
        mode: stored.mode === 'ever' ? 'ever' : 'most-recent',
        message: generated(stored) ? '' : text(stored.message),
      })}
      toConfig={(draft) => ({
        statuses: draft.statuses,
        mode: draft.mode,
        ...(draft.message.trim() ? { message: draft.message } : {}),
      })}
      form={(draft, setDraft) => (
        <Fields>
          <StatusesPicker
            id="statuses"
            label={t('rules.previousStatus.statuses.label')}
            path="statuses"
            required
            value={draft.statuses}
            onChange={(statuses) => setDraft({ ...draft, statuses })}
          />
          <ChoiceInput
            id="mode"
            label={t('rules.previousStatus.mode.label')}
            path="mode"
            help={
              draft.mode === 'ever'
                ? t('rules.previousStatus.mode.everHelp')
                : t('rules.previousStatus.mode.mostRecentHelp')
            }
            value={draft.mode}
            choices={modes}
            onChange={(mode) => setDraft({ ...draft, mode })}
          />
          <TextInput
            id="message"
            label={t('rules.previousStatus.message.label')}
            help={t('rules.previousStatus.message.help')}
            value={draft.message}
            onChange={(message) => setDraft({ ...draft, message })}
          />
        </Fields>
      )}
    />
  );
}
