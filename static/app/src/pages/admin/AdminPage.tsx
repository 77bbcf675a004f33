import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { Box } from '@atlaskit/primitives/compiled';
import { sendsDataOutside } from '@backend/permissions/declared-permissions';
import { PageShell } from '../../components/PageShell';
import { useT } from '../../i18n';
import { ConnectionsPanel } from './ConnectionsPanel';
import { DataPanel } from './DataPanel';
import { ExecutionsPanel } from './ExecutionsPanel';
import { GettingStarted } from './GettingStarted';
import { HealthPanel } from './HealthPanel';
import { IdentityPanel } from './IdentityPanel';
import { PermissionsPanel } from './PermissionsPanel';
import { RuleUsagePanel } from './RuleUsagePanel';

const SECTIONS = [
  ['admin.tabs.permissions', PermissionsPanel],
  ['admin.tabs.identity', IdentityPanel],
  ['admin.tabs.ruleUsage', RuleUsagePanel],
  ['admin.tabs.executions', ExecutionsPanel],
  // The no-egress edition declares no egress: it has nothing to connect to.
  ...(sendsDataOutside() ? [['admin.tabs.connections', ConnectionsPanel] as const] : []),
  ['admin.tabs.health', HealthPanel],
  ['lifecycle.title', DataPanel],
] as const;

/**
 * jira:adminPage: what the app may do on this site, as whom, where it sends data, and whether it works.
 * Each tab loads its own section when opened; the resolver checks Administer Jira on every call.
 */
export default function AdminPage() {
  const t = useT();
  return (
    <PageShell heading={t('common.appName')}>
      <GettingStarted />
      <Tabs id="admin-sections">
        <TabList>
          {SECTIONS.map(([label]) => (
            <Tab key={label}>{t(label)}</Tab>
          ))}
        </TabList>
        {SECTIONS.map(([label, Panel]) => (
          <TabPanel key={label}>
            <Box paddingBlockStart="space.300" style={{ width: '100%' }}>
              <Panel />
            </Box>
          </TabPanel>
        ))}
      </Tabs>
    </PageShell>
  );
}
