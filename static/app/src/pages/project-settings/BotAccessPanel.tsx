import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { Stack, Text } from '@atlaskit/primitives/compiled';
import type { BotAccessView, BotPermissionView } from '@backend/shared/project-settings';
import { say } from '../../components/texts';
import { useT } from '../../i18n';

/** Whether the app's bot user can do, in this project, what the rules turned on here need. */
export function BotAccessPanel({ access }: { access: BotAccessView }) {
  const t = useT();
  const nameOf = (p: BotPermissionView) => (p.said ? say(t, p.said.name) : p.name);
  if (access.error)
    return (
      <SectionMessage appearance="warning" title={t('project.botAccess.errorTitle')}>
        <Text as="p">{access.error}</Text>
      </SectionMessage>
    );
  const missing = access.permissions.filter((p) => !p.held);
  return (
    <Stack space="space.200">
      {missing.length === 0 ? (
        <SectionMessage appearance="success" title={t('project.botAccess.allHeld.title')}>
          <Text as="p">{t('project.botAccess.allHeld.body')}</Text>
        </SectionMessage>
      ) : (
        <SectionMessage
          appearance="warning"
          title={t('project.botAccess.lacks.title', {
            permissions: missing.map((p) => t('common.quoted', { text: nameOf(p) })).join(', '),
          })}
        >
          <Text as="p">
            {t('project.botAccess.lacks.body', { fix: access.said ? say(t, access.said.fix) : access.fix })}
          </Text>
        </SectionMessage>
      )}
      <DynamicTable
        head={{
          cells: [
            { key: 'permission', content: t('project.botAccess.columns.permission') },
            { key: 'for', content: t('project.botAccess.columns.neededFor') },
            { key: 'status', content: t('project.botAccess.columns.status') },
          ],
        }}
        rows={access.permissions.map((p) => ({
          key: p.permission,
          cells: [
            { key: 'permission', content: nameOf(p) },
            {
              key: 'for',
              content: (p.said ? p.said.neededFor.map((what) => say(t, what)) : p.neededFor).join(', '),
            },
            {
              key: 'status',
              content: (
                <Lozenge appearance={p.held ? 'success' : 'removed'}>
                  {t(p.held ? 'common.held' : 'common.missing')}
                </Lozenge>
              ),
            },
          ],
        }))}
        emptyView={<Text>{t('project.botAccess.empty')}</Text>}
      />
    </Stack>
  );
}
