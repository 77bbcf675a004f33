import { z } from 'zod';
import { AccessFailure } from '../access/failures';
import type { KeyValueStore } from '../access/kv-store';
import { redact } from '../access/redaction';
import { storageKeys } from '../access/storage-keys';
import { inEnglish, text, type Text } from '../access/texts';
import { ruleCatalog } from '../rules/catalog';
import { CURRENT_SCHEMA_VERSION, migrate } from './migrations';
import { rememberProjectKey, type ProjectRef } from './project-identity';
import { DEFAULT_PROJECT_SETTINGS, ProjectSettings } from './model';

/** A project's settings as saved: the settings plus who saved which revision when. */
const StoredSettings = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  revision: z.number().int().min(1),
  projectId: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  settings: ProjectSettings,
});
type StoredSettings = z.infer<typeof StoredSettings>;

export interface SettingsState {
  /** 0 until the project's settings are first saved. */
  revision: number;
  settings: ProjectSettings;
  updatedAt?: string;
  updatedBy?: string;
}

export interface SaveRequest {
  /** The revision the editor started from: the save fails with CONFLICT unless it is still the latest. */
  expectedRevision: number;
  settings: ProjectSettings;
  accountId: string;
}

/** Revisions stay claimable history for this long; the current settings never expire. */
const REVISION_RETENTION_DAYS = 90;
/** A save interrupted between its claim and its write is finished by the next reader; a few at most. */
const MAX_ROLL_FORWARD = 3;

const NEVER_SAVED: SettingsState = { revision: 0, settings: DEFAULT_PROJECT_SETTINGS };

/** Only rules the app runs itself can be off in a project; an expression rule turned "off" never was. */
const knownRule = (key: unknown): boolean =>
  ruleCatalog.some((rule) => rule.key === key && rule.evaluatedBy === 'app');

/**
 * Upgrades an older document and forgets rules the app no longer ships or cannot switch (expression rules, which
 * earlier versions listed), so old settings stay readable.
 */
function decode(raw: unknown): { ok: true; stored: StoredSettings } | { ok: false; reason: string } {
  const migrated = migrate(raw);
  if (!migrated.ok) return migrated;
  const settings = migrated.document.settings as { disabledRules?: unknown } | undefined;
  const document = Array.isArray(settings?.disabledRules)
    ? {
        ...migrated.document,
        settings: { ...settings, disabledRules: settings.disabledRules.filter(knownRule) },
      }
    : migrated.document;
  const parsed = StoredSettings.safeParse(document);
  return parsed.success
    ? { ok: true, stored: parsed.data }
    : { ok: false, reason: `the stored settings are invalid (${parsed.error.issues[0]?.message ?? ''})` };
}

const stateOf = (stored: StoredSettings): SettingsState => ({
  revision: stored.revision,
  settings: stored.settings,
  updatedAt: stored.updatedAt,
  updatedBy: stored.updatedBy,
});

/**
 * The save lost to `latest`; the page names who saved it (`name`, their display name, when the caller looked it up:
 * the store has no Jira access).
 */
export function settingsConflict(latest: SettingsState, accountId: string, name?: string): AccessFailure {
  const who: Text =
    latest.updatedBy === accountId
      ? text('errors.settings.conflictBy.self')
      : name
        ? { verbatim: name }
        : text('errors.settings.conflictBy.user', { accountId: latest.updatedBy ?? 'unknown' });
  const when: Text = latest.updatedAt
    ? text('errors.settings.conflictAt.time', {
        time: latest.updatedAt.replace('T', ' ').slice(0, 16) + ' UTC',
      })
    : text('errors.settings.conflictAt.unknown');
  const userText = text('errors.settings.conflict', { who, when, revision: latest.revision });
  return new AccessFailure(
    'CONFLICT',
    inEnglish(userText),
    `A project settings save lost a compare-and-set to revision ${latest.revision} by ${latest.updatedBy ?? 'unknown'}.`,
    {},
    userText,
  );
}

export interface SettingsStore {
  /** For rule executions: one KVS batch read; anything unreadable means the defaults, with the reason. */
  readForExecution(project: ProjectRef): Promise<{ settings: ProjectSettings; problem?: string }>;
  /** For the settings page: the latest revision, finishing any save that was interrupted. */
  load(project: ProjectRef): Promise<SettingsState>;
  /** Compare-and-set on the revision: throws a CONFLICT AccessFailure naming who saved in between, and when. */
  save(project: ProjectRef, request: SaveRequest): Promise<SettingsState>;
}

export function createSettingsStore(store: KeyValueStore, now: () => number = Date.now): SettingsStore {
  const currentKey = storageKeys.projectSettings;
  const revisionKey = storageKeys.projectSettingsRevision;

  /**
   * Settings saved before projects were keyed by id sit under the project key they had then. They are taken over
   * on the first read after the upgrade, only when they name this project's id (a key can change hands), and
   * with create-if-absent, so two first reads at once copy the same document once. The old document is left in
   * place for an earlier version to read.
   */
  async function adopt(project: ProjectRef, legacy: unknown): Promise<StoredSettings | undefined> {
    if (legacy === undefined) return undefined;
    const decoded = decode(legacy);
    if (!decoded.ok || decoded.stored.projectId !== project.id) return undefined;
    if (await store.setIfAbsent(currentKey(project.id), decoded.stored)) {
      await noteSaved(project);
      return decoded.stored;
    }
    // Someone adopted it or saved first: theirs is the current document.
    const current = decode(await store.get(currentKey(project.id)));
    return current.ok ? current.stored : undefined;
  }

  /** Executions learn that settings exist, and which project this key names (see identifyProject). */
  async function noteSaved(project: ProjectRef): Promise<void> {
    await store.set(storageKeys.anySettingsSaved, { schemaVersion: 1 });
    await rememberProjectKey(store, project, now());
  }

  async function rollForward(project: ProjectRef, state: SettingsState): Promise<SettingsState> {
    let latest = state;
    for (let step = 0; step < MAX_ROLL_FORWARD; step += 1) {
      const next = decode(await store.get(revisionKey(project.id, latest.revision + 1)));
      if (!next.ok) return latest;
      await store.set(currentKey(project.id), next.stored);
      latest = stateOf(next.stored);
    }
    return latest;
  }

  /** In one batch read: the current document as stored, or else the one saved under the project key, adopted. */
  async function readCurrent(
    project: ProjectRef,
  ): Promise<{ raw: unknown } | { adopted: StoredSettings | undefined }> {
    const legacyKey = storageKeys.legacy.projectSettings(project.key);
    const found = await store.getMany([currentKey(project.id), legacyKey]);
    const raw = found.get(currentKey(project.id));
    return raw === undefined ? { adopted: await adopt(project, found.get(legacyKey)) } : { raw };
  }

  async function load(project: ProjectRef): Promise<SettingsState> {
    const current = await readCurrent(project);
    if (!('raw' in current)) {
      return rollForward(project, current.adopted ? stateOf(current.adopted) : NEVER_SAVED);
    }
    const decoded = decode(current.raw);
    if (!decoded.ok) throw new Error(`Project ${project.key}: ${decoded.reason}`);
    return rollForward(project, stateOf(decoded.stored));
  }

  return {
    async readForExecution(project) {
      try {
        const current = await readCurrent(project);
        if (!('raw' in current)) return { settings: current.adopted?.settings ?? DEFAULT_PROJECT_SETTINGS };
        const decoded = decode(current.raw);
        return decoded.ok
          ? { settings: decoded.stored.settings }
          : { settings: DEFAULT_PROJECT_SETTINGS, problem: `Project settings ignored: ${decoded.reason}` };
      } catch (error) {
        return {
          settings: DEFAULT_PROJECT_SETTINGS,
          problem: `Project settings could not be read, defaults used: ${redact(String(error))}`,
        };
      }
    },

    load,

    async save(project, request) {
      const latest = await load(project);
      if (latest.revision !== request.expectedRevision) throw settingsConflict(latest, request.accountId);
      const next: StoredSettings = {
        schemaVersion: CURRENT_SCHEMA_VERSION,
        revision: latest.revision + 1,
        projectId: project.id,
        updatedAt: new Date(now()).toISOString(),
        updatedBy: request.accountId,
        settings: request.settings,
      };
      // KVS has no conditional update, but it can create a key only if absent: one claim per revision means two
      // concurrent saves of the same revision cannot both win.
      const claimed = await store.setIfAbsent(revisionKey(project.id, next.revision), next, {
        ttlDays: REVISION_RETENTION_DAYS,
      });
      if (!claimed) throw settingsConflict(await load(project), request.accountId);
      await store.set(currentKey(project.id), next);
      await noteSaved(project);
      return rollForward(project, stateOf(next));
    },
  };
}
