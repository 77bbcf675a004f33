import type { PageProps } from '../../router/routes';
import { ChoiceInput, Fields, TextInput, type Choice } from '../post-functions/fields';
import { StatusesPicker, type StatusRef } from '../pickers';
import { text, type Stored } from '../stored';
import { ValidatorScreen } from './ValidatorScreen';

type Mode = 'most-recent' | 'ever';

interface Draft {
  statuses: StatusRef[];
  mode: Mode;
  message: string;
}

const MODES: Choice<Mode>[] = [
  { label: 'The most recent previous status', value: 'most-recent' },
  { label: 'Any status it has ever been in', value: 'ever' },
];

const statusesOf = (value: unknown): StatusRef[] =>
  (Array.isArray(value) ? value : []).flatMap((v) => {
    const s = (v ?? {}) as Stored;
    return text(s.id) ? [{ id: text(s.id), name: text(s.name) || text(s.id) }] : [];
  });

/** A message the resolver generated (it names the statuses) is regenerated on save rather than kept. */
const generated = (stored: Stored) => text(stored.message).startsWith('This transition is only for issues');

/** jira:workflowValidator `previous-status`: create, edit and view. */
export default function PreviousStatusScreen({ context }: PageProps) {
  return (
    <ValidatorScreen<Draft>
      context={context}
      rule="previous-status"
      title="Previous status"
      description="the transition goes ahead only if the issue's previous status is one you choose, as JSU's and JMWE's Previous status rules check it."
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
            label="Previous status"
            path="statuses"
            required
            value={draft.statuses}
            onChange={(statuses) => setDraft({ ...draft, statuses })}
          />
          <ChoiceInput
            id="mode"
            label="Which earlier status counts"
            path="mode"
            help={
              draft.mode === 'ever'
                ? 'Any status the issue has left at some time, however long ago. The status it is in now counts only once it has left it before.'
                : 'The status the issue was in just before its current one. An issue still in the status it was created in has no previous status, so it is blocked.'
            }
            value={draft.mode}
            choices={MODES}
            onChange={(mode) => setDraft({ ...draft, mode })}
          />
          <TextInput
            id="message"
            label="Message when it is blocked (optional)"
            help="Leave empty to name the statuses."
            value={draft.message}
            onChange={(message) => setDraft({ ...draft, message })}
          />
        </Fields>
      )}
    />
  );
}
