import { useRef } from 'react';
import Button from '@atlaskit/button/new';
import { ErrorMessage, HelperMessage } from '@atlaskit/form';
import { Box, Inline, Text } from '@atlaskit/primitives/compiled';
import { token } from '@atlaskit/tokens';
import type { PageProps } from '../../router/routes';
import { CommentConfig, MAX_COMMENT } from '@backend/rules/comment/configuration';
import { PLACEHOLDERS, unknownPlaceholders } from '@backend/rules/comment/template';
import { useLocale, useT } from '../../i18n';
import { FieldLabel, useFieldError } from '../ConfigFrame';
import { bound } from '../field-errors';
import { keyOf } from '../keys';
import { text } from '../stored';
import { FieldPlaceholderPicker } from './FieldPlaceholderPicker';
import { RuleScreen } from './RuleScreen';

interface Draft {
  template: string;
}

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
  const t = useT();
  const locale = useLocale();
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
      ? t('rules.comment.unknown', {
          names: new Intl.ListFormat(locale, { type: 'unit', style: 'short' }).format(
            unknown.map((name) => `{{${name}}}`),
          ),
        })
      : (error ?? formError);
  return (
    <Box>
      <FieldLabel htmlFor="template" required>
        {t('rules.comment.text')}
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
        <HelperMessage>
          {t('rules.comment.help', { max: new Intl.NumberFormat(locale).format(MAX_COMMENT) })}
        </HelperMessage>
      )}
      <FieldPlaceholderPicker id="template-field" onInsert={insertText} />
      <Box paddingBlockStart="space.100" id="template-help">
        <Text size="small" color="color.text.subtle">
          {t('rules.comment.placeholders')}
        </Text>
        <Inline space="space.100" shouldWrap>
          {PLACEHOLDERS.map((name) => (
            <Button
              key={name}
              spacing="compact"
              onClick={() => insert(name)}
              aria-label={t('rules.comment.insert', {
                placeholder: `{{${name}}}`,
                meaning: t(`rules.comment.meanings.${keyOf(name)}`),
              })}
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
  const t = useT();
  const locale = useLocale();
  return (
    <RuleScreen<Draft>
      context={context}
      title={t('rules.comment.title')}
      description={t('rules.comment.description')}
      schema={CommentConfig}
      ownWords={{
        template: {
          too_small: t('rules.comment.errors.writeText'),
          too_big: (issue) => t('rules.comment.errors.tooLong', { max: bound(issue, locale) }),
        },
      }}
      toDraft={(stored) => ({ template: text(stored.template) })}
      toConfig={(draft) => ({ template: draft.template })}
      templates={(config) => [{ path: 'template', text: text(config.template) }]}
      summary={(draft) => t('rules.comment.summary', { text: draft.template.slice(0, 120) })}
      permissionHelp={t('rules.comment.permissions')}
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
