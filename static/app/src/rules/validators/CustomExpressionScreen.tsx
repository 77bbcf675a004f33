import { ErrorMessage as FieldError, HelperMessage, Label } from '@atlaskit/form';
import { Box } from '@atlaskit/primitives/compiled';
import { token } from '@atlaskit/tokens';
import type { PageProps } from '../../router/routes';
import { Fields, TextInput } from '../post-functions/fields';
import { text, type Stored } from '../stored';
import { ValidatorScreen } from './ValidatorScreen';

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

// No Atlassian text area is installed: a native one, styled with design tokens so both themes apply.
const AREA_STYLE = {
  width: '100%',
  minHeight: '8rem',
  boxSizing: 'border-box',
  fontFamily: token('font.family.code'),
  fontSize: '0.875rem',
  padding: token('space.100'),
  color: token('color.text'),
  background: token('color.background.input'),
  border: `${token('border.width')} solid ${token('color.border.input')}`,
  borderRadius: token('radius.small'),
} as const;

/** jira:workflowValidator `custom-expression`: create, edit and view. */
export default function CustomExpressionScreen({ context }: PageProps) {
  return (
    <ValidatorScreen<Draft>
      context={context}
      rule="custom-expression"
      title="Custom Jira expression"
      description="the transition goes ahead only when your expression is true. Jira checks the expression before it is saved."
      toDraft={toDraft}
      toConfig={toConfig}
      form={(draft, setDraft) => (
        <Fields>
          <Box>
            <Label htmlFor="expression">Jira expression</Label>
            <textarea
              id="expression"
              name="expression"
              spellCheck={false}
              style={AREA_STYLE}
              value={draft.expression}
              onChange={(event) => setDraft({ ...draft, expression: event.currentTarget.value })}
            />
            {draft.expression.trim() ? (
              <HelperMessage>
                Available: issue, originalIssue, user (who transitions), project, transition, workflow,
                config.
              </HelperMessage>
            ) : (
              <FieldError>Write an expression, for example issue.assignee != null.</FieldError>
            )}
          </Box>
          <TextInput
            id="message"
            label="Message when the expression is false"
            value={draft.message}
            onChange={(message) => setDraft({ ...draft, message })}
          />
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
