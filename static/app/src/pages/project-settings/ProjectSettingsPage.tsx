import { useCallback, useEffect, useState } from 'react';
import Lozenge from '@atlaskit/lozenge';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { Box, Inline, Text } from '@atlaskit/primitives/compiled';
import { PageShell } from '../../components/PageShell';
import { useT } from '../../i18n';
import type { ProjectSettingsData, ProjectSettingsView } from '@backend/shared/project-settings';
import { ActivityPanel } from './ActivityPanel';
import { BotAccessPanel } from './BotAccessPanel';
import { HealthPanel } from './HealthPanel';
import { SettingsForm } from './SettingsForm';
import { projectSettingsApi } from './api';

/** jira:projectSettingsPage: project admins govern Workflow Guard in their own project. */
export default function ProjectSettingsPage() {
  const [view, setView] = useState<ProjectSettingsView>();
  const [error, setError] = useState<unknown>();
  const [justSaved, setJustSaved] = useState(false);
  const t = useT();

  const reload = useCallback(() => {
    setError(undefined);
    setJustSaved(false);
    projectSettingsApi.load().then(setView, setError);
  }, []);
  useEffect(reload, [reload]);

  const save = async (settings: ProjectSettingsData) => {
    if (!view) return;
    setView(await projectSettingsApi.save({ expectedRevision: view.revision, settings }));
    setJustSaved(true);
  };

  const missing = view?.botAccess.permissions.filter((p) => !p.held).length ?? 0;
  return (
    <PageShell
      heading={t('common.appName')}
      isLoading={!view}
      error={error}
      errorTitle={t('project.errorTitle')}
    >
      {view && (
        <>
          <Inline space="space.100" alignBlock="center">
            <Text size="large">
              {view.project.name} ({view.project.key})
            </Text>
            <Lozenge>
              {t(
                view.project.style === 'team-managed'
                  ? 'project.style.teamManaged'
                  : 'project.style.companyManaged',
              )}
            </Lozenge>
          </Inline>
          <Tabs id="project-settings-tabs">
            <TabList>
              <Tab>{t('project.tabs.settings')}</Tab>
              <Tab>
                {missing
                  ? t('project.tabs.permissionsMissing', { count: missing })
                  : t('project.tabs.permissions')}
              </Tab>
              <Tab>{t('project.tabs.activity')}</Tab>
              <Tab>{t('common.health')}</Tab>
            </TabList>
            <TabPanel>
              <Box paddingBlockStart="space.300">
                {/* Remounted per revision: a saved or reloaded revision resets the draft. */}
                <SettingsForm
                  key={view.revision}
                  view={view}
                  justSaved={justSaved}
                  onSave={save}
                  onReload={reload}
                />
              </Box>
            </TabPanel>
            <TabPanel>
              <Box paddingBlockStart="space.300">
                <BotAccessPanel access={view.botAccess} />
              </Box>
            </TabPanel>
            <TabPanel>
              <Box paddingBlockStart="space.300">
                <ActivityPanel rules={view.rules} />
              </Box>
            </TabPanel>
            <TabPanel>
              <Box paddingBlockStart="space.300">
                <HealthPanel />
              </Box>
            </TabPanel>
          </Tabs>
        </>
      )}
    </PageShell>
  );
}
