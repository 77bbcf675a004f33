import { useCallback, useState } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import type { PermissionView, ProjectAccessView } from '@backend/shared/admin-page';
import { adminApi } from './api';
import { Code } from '../../components/Code';
import { Section } from './Section';
import { useLoad } from './useLoad';

const PAGE = 10;

function Held({ permission }: { permission: PermissionView }) {
  if (permission.held) return <Lozenge appearance="success">Held</Lozenge>;
  return permission.neededBy.length ? (
    <Lozenge appearance="removed">Missing</Lozenge>
  ) : (
    <Lozenge>Not held</Lozenge>
  );
}

function PermissionList({ permissions }: { permissions: PermissionView[] }) {
  return (
    <Stack space="space.050">
      {permissions.map((p) => (
        <Inline key={p.key} space="space.100" alignBlock="center">
          <Held permission={p} />
          <Text>
            {p.name}
            {p.neededBy.length ? ` (needed by ${p.neededBy.join(', ')})` : ''}
          </Text>
        </Inline>
      ))}
    </Stack>
  );
}

function Projects({ projects }: { projects: ProjectAccessView[] }) {
  return (
    <DynamicTable
      testId="project-access"
      head={{
        cells: [
          { key: 'project', content: 'Project', width: 20 },
          { key: 'permissions', content: 'The app’s permissions there', width: 45 },
          { key: 'fix', content: 'What to do', width: 35 },
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
                      {p.fix}
                    </Text>
                  ))}
              </Stack>
            ) : (
              'Nothing: the rules in use have what they need.'
            ),
          },
        ],
      }))}
      emptyView={<Text>You see no projects on this site.</Text>}
    />
  );
}

/** Section 2: who the app is here and what Jira lets it do, project by project. */
export function IdentityPanel() {
  const [startAt, setStartAt] = useState(0);
  const load = useCallback(() => adminApi.identity(startAt, PAGE), [startAt]);
  const { data, error, loading } = useLoad(load);
  const missing = data?.projects.filter((p) => p.missingNeeded > 0) ?? [];
  return (
    <Section
      title="Identity and Jira permissions"
      intro="The app acts in Jira as its own bot user. These are the permissions that user holds, with the ones the rules in use need marked."
      loading={loading}
      error={error}
      errorTitle="Could not load the app’s identity and permissions"
    >
      {data && (
        <Stack space="space.300">
          <Stack space="space.100">
            <Text as="p">
              Bot user: <strong>{data.bot.displayName}</strong> (<Code>{data.bot.accountId}</Code>)
              {data.bot.groups.length ? `, in the group ${data.bot.groups.join(', ')}` : ''}.
            </Text>
            <Text as="p">
              Rules in use on this site:{' '}
              {data.rulesInUse.length
                ? data.rulesInUse.join(', ')
                : 'none yet, so the app needs no permission'}
              .
            </Text>
            <h3>Global permissions</h3>
            <PermissionList permissions={data.global} />
          </Stack>
          {missing.length > 0 && (
            <SectionMessage
              appearance="warning"
              title={`The app lacks a permission it needs in ${missing.map((p) => p.key).join(', ')}`}
            >
              <Text as="p">
                Rules that act as the app fail there until an admin grants it. See “What to do”.
              </Text>
            </SectionMessage>
          )}
          <Stack space="space.150">
            <h3>Project permissions</h3>
            <Projects projects={data.projects} />
            <Inline space="space.100" alignBlock="center">
              <Button isDisabled={startAt === 0} onClick={() => setStartAt(Math.max(0, startAt - PAGE))}>
                Previous projects
              </Button>
              <Button isDisabled={data.projectPage.isLast} onClick={() => setStartAt(startAt + PAGE)}>
                Next projects
              </Button>
              <Text color="color.text.subtle">
                {data.projects.length
                  ? `Projects ${startAt + 1}–${startAt + data.projects.length} of ${data.projectPage.total}`
                  : ''}
              </Text>
            </Inline>
          </Stack>
        </Stack>
      )}
    </Section>
  );
}
