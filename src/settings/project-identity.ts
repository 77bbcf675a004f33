import { z } from 'zod';
import type { JiraClient } from '../access/jira-client';
import type { KeyValueStore } from '../access/kv-store';
import { route } from '../access/route';
import { storageKeys } from '../access/storage-keys';

/**
 * Which project a project key names. Data is keyed by project id, which never changes; Jira admins may rename a
 * key. Rule executions only get an issue key (the validator payload has `issue.key` alone), so the id is looked up
 * once and cached by key in KVS; a cached answer older than KEY_RECHECK_MS is asked again, which bounds how long a
 * key given to another project could point at the wrong settings (see FIDELITY.md "Project key renames").
 */
export interface ProjectRef {
  id: string;
  key: string;
}

const KEY_RECHECK_MS = 24 * 3_600_000;
const MAX_KEYS_REMEMBERED = 20;

/** Version 1 of the key cache and of a project's key history. */
const KeyOwner = z.object({ schemaVersion: z.literal(1), projectId: z.string(), checkedAt: z.number() });
const KnownKeys = z.object({ schemaVersion: z.literal(1), keys: z.array(z.string()) });

/** `fields=project` keeps the answer to the issue's project. */
const IssueProject = z.object({
  fields: z.object({ project: z.object({ id: z.string(), key: z.string() }) }),
});

/** Every key the project was seen with, newest first, so entries written under an earlier key are still found. */
export async function knownKeys(store: KeyValueStore, project: ProjectRef): Promise<string[]> {
  const parsed = KnownKeys.safeParse(await store.get(storageKeys.projectKeys(project.id)));
  const keys = parsed.success ? parsed.data.keys : [];
  return [project.key, ...keys.filter((key) => key !== project.key)];
}

/**
 * Records that `project.key` is (now) the project's key, for the key cache and the project's key history: one
 * batch read, and a write only when something changed or the cached answer is half-way to its recheck.
 */
export async function rememberProjectKey(
  store: KeyValueStore,
  project: ProjectRef,
  now: number,
): Promise<void> {
  const ownerKey = storageKeys.projectOfKey(project.key);
  const historyKey = storageKeys.projectKeys(project.id);
  const found = await store.getMany([ownerKey, historyKey]);
  const owner = KeyOwner.safeParse(found.get(ownerKey));
  const history = KnownKeys.safeParse(found.get(historyKey));
  const keys = history.success ? history.data.keys : [];
  const ownerCurrent =
    owner.success && owner.data.projectId === project.id && now - owner.data.checkedAt < KEY_RECHECK_MS / 2;
  const writes = [
    ...(ownerCurrent
      ? []
      : [{ key: ownerKey, value: { schemaVersion: 1, projectId: project.id, checkedAt: now } }]),
    ...(keys.includes(project.key)
      ? []
      : [
          {
            key: historyKey,
            value: { schemaVersion: 1, keys: [project.key, ...keys].slice(0, MAX_KEYS_REMEMBERED) },
          },
        ]),
  ];
  if (writes.length > 0) await store.setMany<unknown>(writes);
}

/** Keys read along with the project's, in the same batch request. */
export interface ReadAlong {
  keys: readonly string[];
  entity: { name: string; keys: readonly string[] };
}

/** A legacy (key-keyed) settings document names the project it was saved for. */
const LegacyOwner = z.object({ projectId: z.string() });

/**
 * The project of an issue, at the cost of one KVS batch read in the usual cases:
 * - a cached answer for the key (written when the settings page is opened or saved, or after a lookup);
 * - else settings an earlier version kept under this key, which name the project's id;
 * - else, when no project has any settings, no id is needed: the defaults apply whatever the project, and the
 *   audit entry is indexed by key (the settings page reads that index too);
 * - else Jira: `GET /rest/api/3/issue/{issueIdOrKey}?fields=project`, the cheapest documented call that names the
 *   project (one issue, one field), and one that finds an issue under an earlier key too ("a case-insensitive
 *   search and check for moved issues is performed", the spec). A failed lookup falls back to a stale answer.
 */
export async function identifyProject(
  store: KeyValueStore,
  jira: JiraClient,
  issueKey: string,
  projectKey: string,
  now: number,
  /** What else the execution needs, read in the same batch request (its counter, the installation settings). */
  alsoRead: ReadAlong = { keys: [], entity: { name: '', keys: [] } },
): Promise<{ project?: ProjectRef; alsoRead: Awaited<ReturnType<KeyValueStore['getManyWithEntity']>> }> {
  const read = await store.getManyWithEntity(
    [
      storageKeys.projectOfKey(projectKey),
      storageKeys.anySettingsSaved,
      storageKeys.legacy.projectSettings(projectKey),
      ...alsoRead.keys,
    ],
    alsoRead.entity,
  );
  const found = read.values;
  const answer = (project?: ProjectRef) => ({ ...(project ? { project } : {}), alsoRead: read });
  const cached = KeyOwner.safeParse(found.get(storageKeys.projectOfKey(projectKey)));
  if (cached.success && now - cached.data.checkedAt < KEY_RECHECK_MS)
    return answer({ id: cached.data.projectId, key: projectKey });
  const legacy = LegacyOwner.safeParse(found.get(storageKeys.legacy.projectSettings(projectKey)));
  if (legacy.success) return answer({ id: legacy.data.projectId, key: projectKey });
  if (found.get(storageKeys.anySettingsSaved) === undefined && !cached.success) return answer();
  try {
    const issue = IssueProject.parse(
      await jira.requestJira(route`/rest/api/3/issue/${issueKey}?fields=project`, {
        permission: 'BROWSE_PROJECTS',
        projectKey,
      }),
    );
    const project = issue.fields.project;
    await rememberProjectKey(store, project, now);
    // An issue found under an earlier key: that key is cached too, so the next execution asks no one.
    if (project.key !== projectKey) await rememberProjectKey(store, { id: project.id, key: projectKey }, now);
    return answer({ id: project.id, key: project.key });
  } catch (error) {
    if (cached.success) return answer({ id: cached.data.projectId, key: projectKey });
    throw error;
  }
}

/**
 * The project an admin names by key: the key cache, or `GET /rest/api/3/project/{projectIdOrKey}` as the admin
 * (the call that takes a project key; it returns the id).
 */
export async function projectOfKey(
  store: KeyValueStore,
  jira: JiraClient,
  projectKey: string,
  now: number,
): Promise<ProjectRef> {
  const cached = KeyOwner.safeParse(await store.get(storageKeys.projectOfKey(projectKey)));
  if (cached.success && now - cached.data.checkedAt < KEY_RECHECK_MS)
    return { id: cached.data.projectId, key: projectKey };
  const project = z.object({ id: z.string(), key: z.string() }).parse(
    await jira.requestJira(route`/rest/api/3/project/${projectKey}`, {
      permission: 'BROWSE_PROJECTS',
      projectKey,
    }),
  );
  await rememberProjectKey(store, project, now);
  return project;
}
