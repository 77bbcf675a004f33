import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { Stack, Text } from '@atlaskit/primitives/compiled';
import { ruleTitle, say } from '../../components/texts';
import { useFormat } from '../../format';
import { useT } from '../../i18n';
import { adminApi } from './api';
import { Section } from './Section';
import { useLoad } from './useLoad';

const KIND_TEXT = {
  validator: 'admin.ruleUsage.kind.validator',
  condition: 'admin.ruleUsage.kind.condition',
  'post-function': 'admin.ruleUsage.kind.postFunction',
} as const;

/** Section 3: the workflows and transitions that carry the app's validators and post-functions. */
export function RuleUsagePanel() {
  const { data, error, loading } = useLoad(adminApi.ruleUsages);
  const t = useT();
  const format = useFormat();
  return (
    <Section
      title={t('admin.ruleUsage.title')}
      intro={t('admin.ruleUsage.intro')}
      loading={loading}
      error={error}
      errorTitle={t('admin.ruleUsage.errorTitle')}
    >
      {data && (
        <Stack space="space.200">
          {data.truncated && (
            <SectionMessage appearance="information" title={t('admin.ruleUsage.truncated.title')}>
              <Text as="p">
                {t('admin.ruleUsage.truncated.body', { number: format.number(data.workflowsScanned) })}
              </Text>
            </SectionMessage>
          )}
          <DynamicTable
            testId="rule-usages"
            head={{
              cells: [
                { key: 'workflow', content: t('admin.ruleUsage.columns.workflow'), width: 16 },
                { key: 'transition', content: t('admin.ruleUsage.columns.transition'), width: 22 },
                { key: 'rule', content: t('common.rule'), width: 18 },
                { key: 'summary', content: t('admin.ruleUsage.columns.summary'), width: 44 },
              ],
            }}
            rows={data.usages.map((u, index) => ({
              key: `${u.workflowId}-${u.transitionId}-${u.rule}-${index}`,
              cells: [
                { key: 'workflow', content: u.workflowName },
                {
                  key: 'transition',
                  content: t('admin.ruleUsage.transition', {
                    transition: u.transitionName,
                    from: u.fromStatuses.length ? u.fromStatuses.join(', ') : t('admin.ruleUsage.anyStatus'),
                    to: u.toStatus,
                  }),
                },
                {
                  key: 'rule',
                  content: (
                    <Stack space="space.050">
                      <Text>{t(KIND_TEXT[u.kind], { title: ruleTitle(t, u.rule, u.ruleTitle) })}</Text>
                      {u.disabled && <Lozenge>{t('admin.ruleUsage.turnedOff')}</Lozenge>}
                    </Stack>
                  ),
                },
                { key: 'summary', content: u.said ? say(t, u.said.summary) : u.summary },
              ],
            }))}
            emptyView={<Text>{t('admin.ruleUsage.empty')}</Text>}
          />
          <Text size="small" color="color.text.subtlest">
            {t('admin.ruleUsage.searched', {
              count: data.workflowsScanned,
              number: format.number(data.workflowsScanned),
            })}
          </Text>
        </Stack>
      )}
    </Section>
  );
}
