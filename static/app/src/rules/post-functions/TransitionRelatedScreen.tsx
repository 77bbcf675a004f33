import type { PageProps } from '../../router/routes';
import { TransitionRelatedConfig } from '@backend/rules/transition-related/configuration';
import { text } from '../stored';
import { ChoiceInput, TextInput, type Choice } from './fields';
import { RuleScreen } from './RuleScreen';

type Target = 'parent' | 'sub-tasks' | 'linked';
interface Draft {
  target: Target;
  linkType: string;
  transitionName: string;
  whenUnavailable: 'skip' | 'fail';
}

const TARGETS: Choice<Target>[] = [
  { label: 'The parent', value: 'parent' },
  { label: 'The sub-tasks', value: 'sub-tasks' },
  { label: 'Issues linked with a link type', value: 'linked' },
];
const UNAVAILABLE: Choice<Draft['whenUnavailable']>[] = [
  { label: 'Skip that issue', value: 'skip' },
  { label: 'Fail the post-function', value: 'fail' },
];

const describe = (draft: Draft): string =>
  draft.target === 'linked'
    ? `issues linked by “${draft.linkType}”`
    : `the ${draft.target === 'parent' ? 'parent' : 'sub-tasks'}`;

/** jira:workflowPostFunction `transition-related`: create, edit and view. */
export default function TransitionRelatedScreen({ context }: PageProps) {
  return (
    <RuleScreen<Draft>
      context={context}
      title="Transition related issues"
      description="moves related issues through a transition you name. Issues moved this way do not move their own related issues."
      schema={TransitionRelatedConfig}
      toDraft={(stored) => ({
        target: stored.target === 'parent' || stored.target === 'linked' ? stored.target : 'sub-tasks',
        linkType: text(stored.linkType),
        transitionName: text(stored.transitionName),
        whenUnavailable: stored.whenUnavailable === 'fail' ? 'fail' : 'skip',
      })}
      toConfig={(draft) => ({
        target: draft.target,
        linkType: draft.target === 'linked' ? draft.linkType : undefined,
        transitionName: draft.transitionName,
        whenUnavailable: draft.whenUnavailable,
      })}
      summary={(draft) => `Moves ${describe(draft)} through “${draft.transitionName}”.`}
      permissionHelp="Transition issues"
      form={(draft, setDraft, errors) => (
        <>
          <ChoiceInput
            id="target"
            label="Issues to move"
            value={draft.target}
            choices={TARGETS}
            onChange={(target) => setDraft({ ...draft, target })}
          />
          {draft.target === 'linked' && (
            <TextInput
              id="linkType"
              label="Link type"
              value={draft.linkType}
              error={errors.linkType}
              placeholder="Blocks"
              help="The link type’s name as Jira shows it in Issue linking; links count in both directions."
              onChange={(linkType) => setDraft({ ...draft, linkType })}
            />
          )}
          <TextInput
            id="transitionName"
            label="Transition name"
            value={draft.transitionName}
            error={errors.transitionName}
            placeholder="Done"
            help="As it appears on the related issues’ workflow, e.g. Done. Letter case does not matter."
            onChange={(transitionName) => setDraft({ ...draft, transitionName })}
          />
          <ChoiceInput
            id="whenUnavailable"
            label="When an issue has no such transition from its status"
            value={draft.whenUnavailable}
            choices={UNAVAILABLE}
            onChange={(whenUnavailable) => setDraft({ ...draft, whenUnavailable })}
          />
        </>
      )}
    />
  );
}
