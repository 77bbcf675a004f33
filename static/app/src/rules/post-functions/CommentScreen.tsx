import { useRef } from 'react';
import Button from '@atlaskit/button/new';
import { ErrorMessage, HelperMessage } from '@atlaskit/form';
import { Box, Inline, Text } from '@atlaskit/primitives/compiled';
import { token } from '@atlaskit/tokens';
import type { PageProps } from '../../router/routes';
import { CommentConfig } from '@backend/rules/comment/configuration';
import { PLACEHOLDERS, unknownPlaceholders } from '@backend/rules/comment/template';
import { FieldLabel, useFieldError } from '../ConfigFrame';
import { text } from '../stored';
import { FieldPlaceholderPicker } from './FieldPlaceholderPicker';
import { RuleScreen } from './RuleScreen';

interface Draft {
  template: string;
}

const PLACEHOLDER_HELP: Record<(typeof PLACEHOLDERS)[number], string> = {
  'issue.key': 'the issue key',
  'transition.name': 'the transition’s name',
  'transition.from': 'the name of the status it left',
  'transition.to': 'the name of the status it entered',
  user: 'a mention of the user who made the transition',
};

// @atlaskit/textarea is not among the app's packages: a native textarea styled with design tokens.
const textareaStyle = {
  width: '100%',
  minHeight: '8rem',
  boxSizing: 'border-box',
  padding: token('space.100'),
  font: token('font.body'),
  color: token('color.text'),
  backgroundColor: token('color.background.input'),
  border: `${token('border.width')} solid ${token('color.border.input')}`,
  borderRadius: token('radius.small'),
} as const;

function TemplateEditor({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  const formError = useFieldError('template');
  const unknown = unknownPlaceholders(value);
  const insertText = (placeholder: string) => {
    const element = area.current;
    const at = element?.selectionStart ?? value.length;
    onChange(`${value.slice(0, at)}${placeholder}${value.slice(element?.selectionEnd ?? at)}`);
    element?.focus();
  };
  const insert = (name: string) => insertText(`{{${name}}}`);
  const problem =
    unknown.length > 0
      ? `Unknown placeholder ${unknown.map((name) => `{{${name}}}`).join(', ')}`
      : (error ?? formError);
  return (
    <Box>
      <FieldLabel htmlFor="template" required>
        Comment text
      </FieldLabel>
      <textarea
        id="template"
        ref={area}
        value={value}
        style={textareaStyle}
        aria-invalid={Boolean(problem)}
        aria-describedby="template-help"
        onChange={(event) => onChange(event.currentTarget.value)}
      />
      {problem ? (
        <ErrorMessage testId="template-error">{problem}</ErrorMessage>
      ) : (
        <HelperMessage>Blank lines start new paragraphs. Up to 4,000 characters.</HelperMessage>
      )}
      <FieldPlaceholderPicker id="template-field" onInsert={insertText} />
      <Box paddingBlockStart="space.100" id="template-help">
        <Text size="small" color="color.text.subtle">
          Placeholders (select to insert):
        </Text>
        <Inline space="space.100" shouldWrap>
          {PLACEHOLDERS.map((name) => (
            <Button
              key={name}
              spacing="compact"
              onClick={() => insert(name)}
              aria-label={`Insert {{${name}}}: ${PLACEHOLDER_HELP[name]}`}
            >
              {`{{${name}}}`}
            </Button>
          ))}
        </Inline>
      </Box>
    </Box>
  );
}

/** jira:workflowPostFunction `comment`: create, edit and view. */
export default function CommentScreen({ context }: PageProps) {
  return (
    <RuleScreen<Draft>
      context={context}
      title="Comment"
      description="adds a comment from this text after the transition."
      schema={CommentConfig}
      toDraft={(stored) => ({ template: text(stored.template) })}
      toConfig={(draft) => ({ template: draft.template })}
      templates={(config) => [{ path: 'template', text: text(config.template) }]}
      summary={(draft) => `Adds the comment “${draft.template.slice(0, 120)}”.`}
      permissionHelp="Add comments"
      form={(draft, setDraft, errors) => (
        <TemplateEditor
          value={draft.template}
          error={errors.template}
          onChange={(template) => setDraft({ ...draft, template })}
        />
      )}
    />
  );
}
