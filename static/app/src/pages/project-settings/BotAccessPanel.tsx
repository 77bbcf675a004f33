import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { Stack, Text } from '@atlaskit/primitives/compiled';
import type { BotAccessView } from '@backend/shared/project-settings';

/** Whether the app's bot user can do, in this project, what the rules turned on here need. */
export function BotAccessPanel({ access }: { access: BotAccessView }) {
  if (access.error)
    return (
      <SectionMessage appearance="warning" title="Could not ask Jira about the app’s permissions">
        <Text as="p">{access.error}</Text>
      </SectionMessage>
    );
  const missing = access.permissions.filter((p) => !p.held);
  return (
    <Stack space="space.200">
      {missing.length === 0 ? (
        <SectionMessage appearance="success" title="The app has every permission it needs here">
          <Text as="p">Its bot user holds each Jira permission the rules turned on in this project use.</Text>
        </SectionMessage>
      ) : (
        <SectionMessage
          appearance="warning"
          title={`The app lacks ${missing.map((p) => `“${p.name}”`).join(', ')}`}
        >
          <Text as="p">
            Rules that act as the app will fail in this project until it is granted. {access.fix}
          </Text>
        </SectionMessage>
      )}
      <DynamicTable
        head={{
          cells: [
            { key: 'permission', content: 'Jira permission' },
            { key: 'for', content: 'Needed for' },
            { key: 'status', content: 'App’s bot user' },
          ],
        }}
        rows={access.permissions.map((p) => ({
          key: p.permission,
          cells: [
            { key: 'permission', content: p.name },
            { key: 'for', content: p.neededFor.join(', ') },
            {
              key: 'status',
              content: (
                <Lozenge appearance={p.held ? 'success' : 'removed'}>{p.held ? 'Held' : 'Missing'}</Lozenge>
              ),
            },
          ],
        }))}
        emptyView={<Text>Every rule is off here, so the app needs no permission in this project.</Text>}
      />
    </Stack>
  );
}
