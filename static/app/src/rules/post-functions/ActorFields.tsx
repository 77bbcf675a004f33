import { ChoiceInput, type Choice } from './fields';

type Default = '';
export type ActorDraft = {
  actor: 'app' | 'transitioning-user' | Default;
  fallback: 'fail' | 'act-as-app';
  reportFailureOnIssue: 'yes' | 'no' | Default;
};

const PROJECT_DEFAULT = 'Use the project’s default';

const ACTORS: Choice<ActorDraft['actor']>[] = [
  { label: PROJECT_DEFAULT, value: '' },
  { label: 'The app’s bot user', value: 'app' },
  { label: 'The user who made the transition', value: 'transitioning-user' },
];
const FALLBACKS: Choice<ActorDraft['fallback']>[] = [
  { label: 'Fail, and record why', value: 'fail' },
  { label: 'Act as the app instead, and say so', value: 'act-as-app' },
];
const REPORTING: Choice<ActorDraft['reportFailureOnIssue']>[] = [
  { label: PROJECT_DEFAULT, value: '' },
  { label: 'Yes, the app adds a comment saying what failed', value: 'yes' },
  { label: 'No, only the audit log records it', value: 'no' },
];

/** The stored keys of the actor settings; absent keys fall back to the project's defaults. */
export function actorDraft(stored: Record<string, unknown>): ActorDraft {
  return {
    actor: stored.actor === 'app' || stored.actor === 'transitioning-user' ? stored.actor : '',
    fallback: stored.fallback === 'act-as-app' ? 'act-as-app' : 'fail',
    reportFailureOnIssue:
      stored.reportFailureOnIssue === true ? 'yes' : stored.reportFailureOnIssue === false ? 'no' : '',
  };
}

export function actorConfig(draft: ActorDraft): Record<string, unknown> {
  return {
    actor: draft.actor || undefined,
    fallback: draft.fallback,
    reportFailureOnIssue:
      draft.reportFailureOnIssue === '' ? undefined : draft.reportFailureOnIssue === 'yes',
  };
}

export function describeActor(draft: ActorDraft): string {
  const who =
    draft.actor === 'app'
      ? 'Acts as the app'
      : draft.actor === 'transitioning-user'
        ? `Acts as the user who made the transition; without the permission it ${draft.fallback === 'act-as-app' ? 'acts as the app' : 'fails'}`
        : 'Acts as the project’s default';
  const report =
    draft.reportFailureOnIssue === 'yes'
      ? 'failures are reported on the issue'
      : draft.reportFailureOnIssue === 'no'
        ? 'failures are only in the audit log'
        : 'failure reporting follows the project';
  return `${who}; ${report}.`;
}

/** Who acts, what happens when that user may not, and whether failures show on the issue. */
export function ActorFields({
  draft,
  onChange,
  permissionHelp,
}: {
  draft: ActorDraft;
  onChange: (draft: ActorDraft) => void;
  permissionHelp: string;
}) {
  return (
    <>
      <ChoiceInput
        id="actor"
        path="actor"
        label="Act as"
        value={draft.actor}
        choices={ACTORS}
        onChange={(actor) => onChange({ ...draft, actor })}
        help={`Acting as the user means Jira checks their permissions (${permissionHelp}) and records them as the author.`}
      />
      {draft.actor !== 'app' && (
        <ChoiceInput
          id="fallback"
          path="fallback"
          label="When the user lacks the permission"
          value={draft.fallback}
          choices={FALLBACKS}
          onChange={(fallback) => onChange({ ...draft, fallback })}
          help="Acting as the app is recorded in the audit log; a project can forbid it in its settings."
        />
      )}
      <ChoiceInput
        id="report"
        path="reportFailureOnIssue"
        label="Report failures on the issue"
        value={draft.reportFailureOnIssue}
        choices={REPORTING}
        onChange={(reportFailureOnIssue) => onChange({ ...draft, reportFailureOnIssue })}
      />
    </>
  );
}
