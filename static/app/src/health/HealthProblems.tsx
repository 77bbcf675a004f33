import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { router } from '@forge/bridge';
import type { FixLocation, HealthProblemView } from '@backend/shared/health';
import { Sentence } from '../components/Sentence';
import { ruleTitle, say } from '../components/texts';
import { useFormat } from '../format';
import { useT, type Translate } from '../i18n';

/** Where the fix is made: a Jira page opens in a new tab through the bridge; Atlassian Administration is a link. */
function FixLink({ at }: { at: FixLocation }) {
  const t = useT();
  if (at.href.startsWith('app:')) return <Text>{t('health.where', { place: at.label })}</Text>;
  if (/^https:\/\//.test(at.href))
    return (
      <Text>
        <Sentence
          text={t('health.where')}
          parts={{
            place: (
              <a href={at.href} target="_blank" rel="noreferrer">
                {at.label}
              </a>
            ),
          }}
        />
      </Text>
    );
  return (
    <Inline space="space.050" alignBlock="center">
      <Text>{t('health.whereLabel')}</Text>
      <Button appearance="subtle" spacing="compact" onClick={() => void router.open(at.href)}>
        {at.label}
      </Button>
    </Inline>
  );
}

/** "Workflow “Ops flow” › transition “Finish” › Fields requirement", or what the problem is about site-wide. */
function whereIn(t: Translate, problem: HealthProblemView): string {
  if (!problem.workflow)
    return problem.kind === 'platform-shape' ? t('health.platformShape') : t('health.wholeSite');
  return [
    t('health.workflow', { name: problem.workflow.name }),
    ...(problem.transition ? [t('health.transition', { name: problem.transition.name })] : []),
    ...(problem.rule ? [ruleTitle(t, problem.rule.key, problem.rule.title)] : []),
  ].join(' › ');
}

/** Every problem the health check found: where it is, what broke, how to fix it and where. */
export function HealthProblems({ problems }: { problems: HealthProblemView[] }) {
  const t = useT();
  const format = useFormat();
  return (
    <Stack space="space.150" testId="health-problems">
      {problems.map((stored) => {
        // Worded in the viewer's language; a result stored by a version before that has only its English words.
        const problem = stored.said
          ? {
              ...stored,
              problem: say(t, stored.said.problem),
              fix: say(t, stored.said.fix),
              fixAt: { ...stored.fixAt, label: say(t, stored.said.fixAt) },
            }
          : stored;
        return (
          <Box
            key={problem.id}
            padding="space.150"
            backgroundColor="color.background.neutral.subtle"
            testId="health-problem"
          >
            <Stack space="space.075">
              <Text>
                <strong>{whereIn(t, problem)}</strong>
              </Text>
              <Text color="color.text.danger">{problem.problem}</Text>
              <Text>{t('health.howToFix', { fix: problem.fix })}</Text>
              <FixLink at={problem.fixAt} />
              <Text size="small" color="color.text.subtlest">
                {t('health.firstFound', { time: format.time(problem.firstSeen) })}
              </Text>
            </Stack>
          </Box>
        );
      })}
    </Stack>
  );
}

/** The verdict first: nothing to do, or how many problems. */
export function HealthVerdict({ problems, ran }: { problems: HealthProblemView[]; ran: boolean }) {
  const t = useT();
  if (!ran)
    return (
      <SectionMessage appearance="information" title={t('health.notChecked.title')}>
        <Text as="p">{t('health.notChecked.body')}</Text>
      </SectionMessage>
    );
  return problems.length === 0 ? (
    <SectionMessage appearance="success" title={t('health.noProblems.title')}>
      <Text as="p">{t('health.noProblems.body')}</Text>
    </SectionMessage>
  ) : (
    <SectionMessage appearance="warning" title={t('health.found.title', { count: problems.length })}>
      <Text as="p">{t('health.found.body')}</Text>
    </SectionMessage>
  );
}
