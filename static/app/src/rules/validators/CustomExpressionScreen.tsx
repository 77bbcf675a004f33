import { ExpressionArea, ExpressionTester } from '../ExpressionTester';
import type { PageProps } from '../../router/routes';
import { FieldFrame, Fields, TextInput } from '../post-functions/fields';
import { text, type Stored } from '../stored';
import { isConditionScreen, ValidatorScreen } from './ValidatorScreen';

interface Draft {
  expression: string;
  message: string;
  summary: string;
}

const toDraft = (stored: Stored): Draft => ({
  expression: text(stored.expression),
  message: text(stored.message),
  summary: text(stored.summary),
});

const toConfig = (draft: Draft): Stored => ({
  expression: draft.expression,
  message: draft.message,
  ...(draft.summary.trim() ? { summary: draft.summary } : {}),
});

const toConditionConfig = (draft: Draft): Stored => ({
  expression: draft.expression,
  ...(draft.summary.trim() ? { summary: draft.summary } : {}),
});

/** jira:workflowValidator `custom-expression` and jira:workflowCondition `custom-expression-condition`. */
export default function CustomExpressionScreen({ context }: PageProps) {
  const condition = isConditionScreen(context);
  return (
    <ValidatorScreen<Draft>
      context={context}
      rule={condition ? 'custom-expression-condition' : 'custom-expression'}
      title={condition ? 'Custom Jira expression (condition)' : 'Custom Jira expression'}
      description={
        condition
          ? 'the transition is shown only when your expression is true. Jira checks the expression before it is saved.'
          : 'the transition goes ahead only when your expression is true. Jira checks the expression before it is saved.'
      }
      toDraft={toDraft}
      toConfig={condition ? toConditionConfig : toConfig}
      form={(draft, setDraft) => (
        <Fields>
          {/* Nothing is flagged before the admin saves: a new screen starts empty, not wrong. */}
          <FieldFrame
            id="expression"
            path="expression"
            label="Jira expression"
            required
            help={
              condition
                ? 'For example issue.assignee != null. Available: issue, user (who would transition), project, transition, workflow, config, groupOperator.'
                : 'For example issue.assignee != null. Available: issue, originalIssue, user (who transitions), project, transition, workflow, config.'
            }
          >
            <ExpressionArea
              id="expression"
              value={draft.expression}
              onChange={(expression) => setDraft({ ...draft, expression })}
            />
          </FieldFrame>
          <ExpressionTester
            id="expression"
            expression={draft.expression}
            runtimeNote={
              condition
                ? 'When Jira lists the transitions, it evaluates it for each person, with transition, workflow, config and groupOperator set too (a test has none of them).'
                : 'When someone makes the transition, Jira evaluates it for that user, with originalIssue, transition, workflow and config set too (a test has none of them).'
            }
          />
          {!condition && (
            <TextInput
              id="message"
              path="message"
              required
              label="Message when the expression is false"
              help="People read it when the transition is blocked: say what to do."
              value={draft.message}
              onChange={(message) => setDraft({ ...draft, message })}
            />
          )}
          <TextInput
            id="summary"
            path="summary"
            label="Summary in the workflow editor (optional)"
            value={draft.summary}
            onChange={(summary) => setDraft({ ...draft, summary })}
          />
        </Fields>
      )}
    />
  );
}
