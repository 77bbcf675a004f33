import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { Box } from '@atlaskit/primitives/compiled';
import { sendsDataOutside } from '@backend/permissions/declared-permissions';
import { PageShell } from '../../components/PageShell';
import { ConnectionsPanel } from './ConnectionsPanel';
import { DataPanel } from './DataPanel';
import { ExecutionsPanel } from './ExecutionsPanel';
import { GettingStarted } from './GettingStarted';
import { HealthPanel } from './HealthPanel';
import { IdentityPanel } from './IdentityPanel';
import { PermissionsPanel } from './PermissionsPanel';
import { RuleUsagePanel } from './RuleUsagePanel';

const SECTIONS = [
  ['Permissions', PermissionsPanel],
  ['Identity', IdentityPanel],
  ['Where rules are used', RuleUsagePanel],
  ['Executions', ExecutionsPanel],
  // The no-egress edition declares no egress: it has nothing to connect to.
  ...(sendsDataOutside() ? [['Secrets and connections', ConnectionsPanel] as const] : []),
  ['Health', HealthPanel],
  ['Data and privacy', DataPanel],
] as const;

/**
 * jira:adminPage: what the app may do on this site, as whom, where it sends data, and whether it works.
 * Each tab loads its own section when opened; the resolver checks Administer Jira on every call.
 */
export default function AdminPage() {
  return (
    <PageShell heading="Workflow Guard">
      <GettingStarted />
      <Tabs id="admin-sections">
        <TabList>
          {SECTIONS.map(([label]) => (
            <Tab key={label}>{label}</Tab>
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
