import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { router } from '@forge/bridge';
import type { FixLocation, HealthProblemView } from '@backend/shared/health';
import { formatTime } from '../format';

/** Where the fix is made: a Jira page opens in a new tab through the bridge; Atlassian Administration is a link. */
function FixLink({ at }: { at: FixLocation }) {
  if (at.href.startsWith('app:')) return <Text>Where: {at.label}</Text>;
  if (/^https:\/\//.test(at.href))
    return (
      <Text>
        Where:{' '}
        <a href={at.href} target="_blank" rel="noreferrer">
          {at.label}
        </a>
      </Text>
    );
  return (
    <Inline space="space.050" alignBlock="center">
      <Text>Where:</Text>
      <Button appearance="subtle" spacing="compact" onClick={() => void router.open(at.href)}>
        {at.label}
      </Button>
    </Inline>
  );
}

/** "Workflow “Ops flow” › transition “Finish” › Fields requirement", or what the problem is about site-wide. */
function whereIn(problem: HealthProblemView): string {
  if (!problem.workflow)
    return problem.kind === 'platform-shape' ? 'What the platform sends' : 'The whole site';
  return [
    `Workflow “${problem.workflow.name}”`,
    ...(problem.transition ? [`transition “${problem.transition.name}”`] : []),
    ...(problem.rule ? [problem.rule.title] : []),
  ].join(' › ');
}

/** Every problem the health check found: where it is, what broke, how to fix it and where. */
export function HealthProblems({ problems }: { problems: HealthProblemView[] }) {
  return (
    <Stack space="space.150" testId="health-problems">
      {problems.map((problem) => (
        <Box
          key={problem.id}
          padding="space.150"
          backgroundColor="color.background.neutral.subtle"
          testId="health-problem"
        >
          <Stack space="space.075">
            <Text>
              <strong>{whereIn(problem)}</strong>
            </Text>
            <Text color="color.text.danger">{problem.problem}</Text>
            <Text>How to fix: {problem.fix}</Text>
            <FixLink at={problem.fixAt} />
            <Text size="small" color="color.text.subtlest">
              First found {formatTime(problem.firstSeen)}
            </Text>
          </Stack>
        </Box>
      ))}
    </Stack>
  );
}

/** The verdict first: nothing to do, or how many problems. */
export function HealthVerdict({ problems, ran }: { problems: HealthProblemView[]; ran: boolean }) {
  if (!ran)
    return (
      <SectionMessage appearance="information" title="Not checked yet">
        <Text as="p">The health check runs once a day; it has not run on this site yet.</Text>
      </SectionMessage>
    );
  return problems.length === 0 ? (
    <SectionMessage appearance="success" title="No problems found">
      <Text as="p">
        Every field, group, project role, link type, transition, connection and permission the rules use is
        still there and fits.
      </Text>
    </SectionMessage>
  ) : (
    <SectionMessage
      appearance="warning"
      title={problems.length === 1 ? '1 problem found' : `${problems.length} problems found`}
    >
      <Text as="p">The rules below may block transitions or fail until each is fixed.</Text>
    </SectionMessage>
  );
}
