import { ExpressionArea, ExpressionTester } from '../ExpressionTester';
import type { PageProps } from '../../router/routes';
import { useT } from '../../i18n';
import { codeNames, codeParts, Sentence } from '../Sentence';
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
  const t = useT();
  const condition = isConditionScreen(context);
  const kind = condition ? 'customExpressionCondition' : 'customExpression';
  return (
    <ValidatorScreen<Draft>
      context={context}
      rule={condition ? 'custom-expression-condition' : 'custom-expression'}
      title={t(`rules.${kind}.title`)}
      description={t(`rules.${kind}.description`)}
      toDraft={toDraft}
      toConfig={condition ? toConditionConfig : toConfig}
      form={(draft, setDraft) => (
        <Fields>
          {/* Nothing is flagged before the admin saves: a new screen starts empty, not wrong. */}
          <FieldFrame
            id="expression"
            path="expression"
            label={t('rules.customExpression.expression')}
            required
            help={
              <Sentence
                text={t(`rules.${kind}.expressionHelp`)}
                parts={{
                  ...codeParts({ example: 'issue.assignee != null' }),
                  ...codeNames(
                    'issue',
                    'originalIssue',
                    'user',
                    'project',
                    'transition',
                    'workflow',
                    'config',
                    'groupOperator',
                  ),
                }}
              />
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
              <Sentence
                text={t(`rules.${kind}.runtimeNote`)}
                parts={codeNames('originalIssue', 'transition', 'workflow', 'config', 'groupOperator')}
              />
            }
          />
          {!condition && (
            <TextInput
              id="message"
              path="message"
              required
              label={t('rules.customExpression.message')}
              help={t('rules.customExpression.messageHelp')}
              value={draft.message}
              onChange={(message) => setDraft({ ...draft, message })}
            />
          )}
          <TextInput
            id="summary"
            path="summary"
            label={t('rules.customExpression.summary')}
            value={draft.summary}
            onChange={(summary) => setDraft({ ...draft, summary })}
          />
        </Fields>
      )}
    />
  );
}
