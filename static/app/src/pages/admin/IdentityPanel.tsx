import { useCallback, useState } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import type { PermissionView, ProjectAccessView } from '@backend/shared/admin-page';
import { adminApi } from './api';
import { Code } from '../../components/Code';
import { Sentence } from '../../components/Sentence';
import { useFormat } from '../../format';
import { ruleTitle, say } from '../../components/texts';
import { useT } from '../../i18n';
import { Section } from './Section';
import { useLoad } from './useLoad';

const PAGE = 10;

function Held({ permission }: { permission: PermissionView }) {
  const t = useT();
  if (permission.held) return <Lozenge appearance="success">{t('common.held')}</Lozenge>;
  return permission.neededBy.length ? (
    <Lozenge appearance="removed">{t('common.missing')}</Lozenge>
  ) : (
    <Lozenge>{t('admin.identity.notHeld')}</Lozenge>
  );
}

function PermissionList({ permissions }: { permissions: PermissionView[] }) {
  const t = useT();
  const nameOf = (p: PermissionView) => (p.said ? say(t, p.said.name) : p.name);
  return (
    <Stack space="space.050">
      {permissions.map((p) => (
        <Inline key={p.key} space="space.100" alignBlock="center">
          <Held permission={p} />
          <Text>
            {p.neededBy.length
              ? t('admin.identity.neededBy', {
                  permission: nameOf(p),
                  rules: (p.said ? p.said.neededBy.map((rule) => say(t, rule)) : p.neededBy).join(', '),
                })
              : nameOf(p)}
          </Text>
        </Inline>
      ))}
    </Stack>
  );
}

function Projects({ projects }: { projects: ProjectAccessView[] }) {
  const t = useT();
  return (
    <DynamicTable
      testId="project-access"
      head={{
        cells: [
          { key: 'project', content: t('common.project'), width: 20 },
          { key: 'permissions', content: t('admin.identity.columns.permissions'), width: 45 },
          { key: 'fix', content: t('admin.identity.columns.fix'), width: 35 },
        ],
      }}
      rows={projects.map((project) => ({
        key: project.key,
        cells: [
          { key: 'project', content: `${project.name} (${project.key})` },
          { key: 'permissions', content: <PermissionList permissions={project.permissions} /> },
          {
            key: 'fix',
            content: project.missingNeeded ? (
              <Stack space="space.050">
                {project.permissions
                  .filter((p) => p.fix)
                  .map((p) => (
                    <Text key={p.key} color="color.text.danger">
                      {p.said?.fix ? say(t, p.said.fix) : p.fix}
                    </Text>
                  ))}
              </Stack>
            ) : (
              t('admin.identity.nothingToDo')
            ),
          },
        ],
      }))}
      emptyView={<Text>{t('admin.identity.noProjects')}</Text>}
    />
  );
}

/** Section 2: who the app is here and what Jira lets it do, project by project. */
export function IdentityPanel() {
  const [startAt, setStartAt] = useState(0);
  const load = useCallback(() => adminApi.identity(startAt, PAGE), [startAt]);
  const { data, error, loading } = useLoad(load);
  const missing = data?.projects.filter((p) => p.missingNeeded > 0) ?? [];
  const t = useT();
  const format = useFormat();
  return (
    <Section
      title={t('admin.identity.title')}
      intro={t('admin.identity.intro')}
      loading={loading}
      error={error}
      errorTitle={t('admin.identity.errorTitle')}
    >
      {data && (
        <Stack space="space.300">
          <Stack space="space.100">
            <Text as="p">
              <Sentence
                text={
                  data.bot.groups.length
                    ? t('admin.identity.botInGroups', { groups: data.bot.groups.join(', ') })
                    : t('admin.identity.bot')
                }
                parts={{
                  name: <strong>{data.bot.displayName}</strong>,
                  accountId: <Code>{data.bot.accountId}</Code>,
                }}
              />
            </Text>
            <Text as="p">
              {data.rulesInUse.length
                ? t('admin.identity.rulesInUse', {
                    // Rule keys, named by their titles in the viewer's language.
                    rules: data.rulesInUse.map((rule) => ruleTitle(t, rule, rule)).join(', '),
                  })
                : t('admin.identity.noRulesInUse')}
            </Text>
            <h3>{t('admin.identity.globalPermissions')}</h3>
            <PermissionList permissions={data.global} />
          </Stack>
          {missing.length > 0 && (
            <SectionMessage
              appearance="warning"
              title={t('admin.identity.lacks.title', { projects: missing.map((p) => p.key).join(', ') })}
            >
              <Text as="p">{t('admin.identity.lacks.body')}</Text>
            </SectionMessage>
          )}
          <Stack space="space.150">
            <h3>{t('admin.identity.projectPermissions')}</h3>
            <Projects projects={data.projects} />
            <Inline space="space.100" alignBlock="center">
              <Button isDisabled={startAt === 0} onClick={() => setStartAt(Math.max(0, startAt - PAGE))}>
                {t('admin.identity.previous')}
              </Button>
              <Button isDisabled={data.projectPage.isLast} onClick={() => setStartAt(startAt + PAGE)}>
                {t('admin.identity.next')}
              </Button>
              <Text color="color.text.subtle">
                {data.projects.length
                  ? t('admin.identity.range', {
                      first: format.number(startAt + 1),
                      last: format.number(startAt + data.projects.length),
                      total: format.number(data.projectPage.total),
                    })
                  : ''}
              </Text>
            </Inline>
          </Stack>
        </Stack>
      )}
    </Section>
  );
}
