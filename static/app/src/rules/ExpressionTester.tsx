import { useEffect, useState, type ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import { HelperMessage, Label } from '@atlaskit/form';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { AsyncSelect } from '@atlaskit/select';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { token } from '@atlaskit/tokens';
import type { ExpressionTestResult, IssueChoice } from '@backend/shared/expression-tester';
import { render } from '@backend/shared/text-format';
import { invokeResolver } from '../bridge/invoke';
import { describeError } from '../components/ErrorMessage';
import { Code } from '../components/Code';
import { useT } from '../i18n';
import { Sentence } from './Sentence';

interface IssueOption {
  label: string;
  value: string;
}

const toOption = (issue: IssueChoice): IssueOption => ({
  label: issue.summary ? `${issue.key} ${issue.summary}` : issue.key,
  value: issue.key,
});

// No Atlassian text area is installed: a native one, styled with design tokens so both themes apply.
const AREA_STYLE = {
  width: '100%',
  minHeight: '6rem',
  boxSizing: 'border-box',
  fontFamily: token('font.family.code'),
  fontSize: '0.875rem',
  padding: token('space.100'),
  color: token('color.text'),
  background: token('color.background.input'),
  border: `${token('border.width')} solid ${token('color.border.input')}`,
  borderRadius: token('radius.small'),
} as const;

/** A Jira expression's text area (monospace, no spell checking), as every expression screen shows it. */
export function ExpressionArea({
  id,
  value,
  invalid = false,
  onChange,
}: {
  id: string;
  value: string;
  invalid?: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <textarea
      id={id}
      name={id}
      spellCheck={false}
      aria-invalid={invalid}
      style={AREA_STYLE}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
    />
  );
}

function Outcome({ result }: { result: ExpressionTestResult }) {
  const t = useT();
  if (result.kind === 'error') {
    return (
      <SectionMessage appearance="warning" title={t('rules.tester.notEvaluated', { issue: result.issueKey })}>
        <Text as="p">{render(t, [result.text])}</Text>
      </SectionMessage>
    );
  }
  return (
    <Stack space="space.050">
      <Inline space="space.100" alignBlock="center">
        <Text weight="bold">{t('rules.tester.resultFor', { issue: result.issueKey })}</Text>
        {result.holds === null ? (
          <Lozenge appearance="moved">{t('rules.tester.notBoolean')}</Lozenge>
        ) : (
          <Lozenge appearance={result.holds ? 'success' : 'removed'}>{String(result.holds)}</Lozenge>
        )}
      </Inline>
      <Text as="p">
        <Sentence text={t('rules.tester.value')} parts={{ value: <Code>{result.value}</Code> }} />
      </Text>
    </Stack>
  );
}

/**
 * Tests an expression against a real issue before saving: the admin picks the issue from Jira's issue picker (only
 * issues they may browse) and reads the result, the value and any error, all evaluated as them by the screen's
 * resolver. `runtimeNote` says who Jira evaluates it for when the rule runs. One line on any expression screen:
 * `<ExpressionTester id="…" expression={…} runtimeNote={…} />`.
 */
export function ExpressionTester({
  id,
  expression,
  runtimeNote,
}: {
  id: string;
  expression: string;
  /** In the viewer's language; variable names as code. */
  runtimeNote: ReactNode;
}) {
  const t = useT();
  const [issue, setIssue] = useState<IssueOption | null>(null);
  const [result, setResult] = useState<ExpressionTestResult>();
  const [failure, setFailure] = useState<string>();
  const [testing, setTesting] = useState(false);
  const pickerId = `${id}-tester-issue`;
  // A result belongs to the expression it was tested with: an edit clears it rather than leave it misleading.
  useEffect(() => {
    setResult(undefined);
    setFailure(undefined);
  }, [expression]);

  const loadOptions = async (query: string): Promise<IssueOption[]> => {
    if (query.trim() === '') return [];
    try {
      setFailure(undefined);
      return (await invokeResolver<IssueChoice[]>('pickIssues', { query: query.trim() })).map(toOption);
    } catch (error) {
      setFailure(describeError(error, t).message);
      return [];
    }
  };

  const test = async () => {
    if (!issue) return;
    setTesting(true);
    setFailure(undefined);
    try {
      setResult(
        await invokeResolver<ExpressionTestResult>('testExpression', { expression, issueKey: issue.value }),
      );
    } catch (error) {
      setResult(undefined);
      setFailure(describeError(error, t).message);
    } finally {
      setTesting(false);
    }
  };

  return (
    <Box
      padding="space.150"
      backgroundColor="color.background.neutral.subtle"
      testId={`${id}-tester`}
      as="section"
    >
      <Stack space="space.100">
        <Text weight="bold">{t('rules.tester.title')}</Text>
        <Box>
          <Label htmlFor={pickerId}>{t('rules.tester.issue')}</Label>
          <AsyncSelect<IssueOption>
            inputId={pickerId}
            loadOptions={loadOptions}
            value={issue}
            onChange={(chosen) => {
              setIssue(chosen ?? null);
              setResult(undefined);
            }}
            placeholder={t('rules.tester.issuePlaceholder')}
            noOptionsMessage={({ inputValue }) =>
              inputValue.trim() ? t('rules.tester.noMatch') : t('rules.tester.typeToSearch')
            }
            isClearable
            menuPosition="fixed"
          />
          <HelperMessage>{t('rules.tester.issueHelp')}</HelperMessage>
        </Box>
        <Box>
          <Button
            isDisabled={!issue || expression.trim() === '' || testing}
            onClick={() => void test()}
            testId={`${id}-tester-run`}
          >
            {testing ? t('rules.tester.testing') : t('rules.tester.run')}
          </Button>
        </Box>
        <div role="status" data-testid={`${id}-tester-result`}>
          {result && <Outcome result={result} />}
          {failure !== undefined && (
            <SectionMessage appearance="error" title={t('rules.tester.didNotRun')}>
              <Text as="p">{failure}</Text>
            </SectionMessage>
          )}
        </div>
        <Text as="p" size="small" color="color.text.subtlest">
          <Sentence text={t('rules.tester.evaluatedAsYou')} parts={{ runtimeNote }} />
        </Text>
      </Stack>
    </Box>
  );
}
