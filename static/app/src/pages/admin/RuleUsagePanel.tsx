import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { Stack, Text } from '@atlaskit/primitives/compiled';
import { adminApi } from './api';
import { Section } from './Section';
import { useLoad } from './useLoad';

/** Section 3: the workflows and transitions that carry the app's validators and post-functions. */
export function RuleUsagePanel() {
  const { data, error, loading } = useLoad(adminApi.ruleUsages);
  return (
    <Section
      title="Where the rules are used"
      intro="Workflow transitions that run a Workflow Guard validator or post-function, with what each one is set to do."
      loading={loading}
      error={error}
      errorTitle="Could not read the workflows"
    >
      {data && (
        <Stack space="space.200">
          {data.truncated && (
            <SectionMessage appearance="information" title="Only the first workflows were searched">
              <Text as="p">
                This site has more than {data.workflowsScanned} workflows; rules in the others are not listed.
              </Text>
            </SectionMessage>
          )}
          <DynamicTable
            testId="rule-usages"
            head={{
              cells: [
                { key: 'workflow', content: 'Workflow', width: 16 },
                { key: 'transition', content: 'Transition', width: 22 },
                { key: 'rule', content: 'Rule', width: 18 },
                { key: 'summary', content: 'What it does', width: 44 },
              ],
            }}
            rows={data.usages.map((u, index) => ({
              key: `${u.workflowId}-${u.transitionId}-${u.rule}-${index}`,
              cells: [
                { key: 'workflow', content: u.workflowName },
                {
                  key: 'transition',
                  content: `${u.transitionName}: ${u.fromStatuses.length ? u.fromStatuses.join(', ') : 'any status'} → ${u.toStatus}`,
                },
                {
                  key: 'rule',
                  content: (
                    <Stack space="space.050">
                      <Text>
                        {u.ruleTitle} {u.kind}
                      </Text>
                      {u.disabled && <Lozenge>Turned off</Lozenge>}
                    </Stack>
                  ),
                },
                { key: 'summary', content: u.summary },
              ],
            }))}
            emptyView={
              <Text>
                No workflow uses a Workflow Guard rule yet. Add one in Settings › Issues › Workflows: edit a
                workflow, select a transition, and add a validator or post-function.
              </Text>
            }
          />
          <Text size="small" color="color.text.subtlest">
            Searched {data.workflowsScanned} workflows.
          </Text>
        </Stack>
      )}
    </Section>
  );
}
