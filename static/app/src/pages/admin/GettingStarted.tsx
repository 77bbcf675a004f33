import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import { Stack, Text } from '@atlaskit/primitives/compiled';
import { router } from '@forge/bridge';
import { fixAt } from '@backend/health/links';
import { useT } from '../../i18n';
import { adminApi } from './api';
import { useLoad } from './useLoad';

/** Shown above the admin page's tabs while no workflow uses a Workflow Guard rule: how to add the first one. */
export function GettingStarted() {
  const t = useT();
  const { data } = useLoad(adminApi.ruleUsages);
  if (!data || data.usages.length > 0) return null;
  return (
    <SectionMessage
      appearance="discovery"
      title={t('gettingStarted.title')}
      actions={[
        // The health check's link to Jira's workflow list (its address is an assumption there: the steps say the
        // menu path in words too).
        <SectionMessageAction key="workflows" onClick={() => void router.navigate(fixAt.workflows.href)}>
          {t('gettingStarted.openWorkflows')}
        </SectionMessageAction>,
      ]}
    >
      <Stack space="space.100" testId="getting-started">
        <Text as="p">{t('gettingStarted.intro')}</Text>
        <ol>
          <li>{t('gettingStarted.step1')}</li>
          <li>{t('gettingStarted.step2')}</li>
          <li>{t('gettingStarted.step3')}</li>
        </ol>
        <Text as="p">{t('gettingStarted.after')}</Text>
      </Stack>
    </SectionMessage>
  );
}
