import { ErrorMessage as FieldError, HelperMessage, Label } from '@atlaskit/form';
import { Box } from '@atlaskit/primitives/compiled';
import { ExpressionArea, ExpressionTester } from '../ExpressionTester';
import type { PageProps } from '../../router/routes';
import { Fields, TextInput } from '../post-functions/fields';
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
          <Box>
            <Label htmlFor="expression">Jira expression</Label>
            <ExpressionArea
              id="expression"
              value={draft.expression}
              onChange={(expression) => setDraft({ ...draft, expression })}
            />
            {draft.expression.trim() ? (
              <HelperMessage>
                {condition
                  ? 'Available: issue, user (who would transition), project, transition, workflow, config, groupOperator.'
                  : 'Available: issue, originalIssue, user (who transitions), project, transition, workflow, config.'}
              </HelperMessage>
            ) : (
              <FieldError>Write an expression, for example issue.assignee != null.</FieldError>
            )}
          </Box>
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
              label="Message when the expression is false"
              value={draft.message}
              onChange={(message) => setDraft({ ...draft, message })}
            />
          )}
          <TextInput
            id="summary"
            label="Summary in the workflow editor (optional)"
            value={draft.summary}
            onChange={(summary) => setDraft({ ...draft, summary })}
          />
        </Fields>
      )}
    />
  );
}
