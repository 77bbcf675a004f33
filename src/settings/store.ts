import { z } from 'zod';
import { AccessFailure } from '../access/failures';
import type { KeyValueStore } from '../access/kv-store';
import { redact } from '../access/redaction';
import { storageKeys } from '../access/storage-keys';
import { ruleCatalog } from '../rules/catalog';
import { CURRENT_SCHEMA_VERSION, migrate } from './migrations';
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
  projectId: string;
  accountId: string;
}

/** Revisions stay claimable history for this long; the current settings never expire. */
const REVISION_RETENTION_DAYS = 90;
/** A save interrupted between its claim and its write is finished by the next reader; a few at most. */
const MAX_ROLL_FORWARD = 3;

const NEVER_SAVED: SettingsState = { revision: 0, settings: DEFAULT_PROJECT_SETTINGS };

const knownRule = (key: unknown): boolean => ruleCatalog.some((rule) => rule.key === key);

/** Upgrades an older document and forgets rules the app no longer ships, so old settings stay readable. */
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

function conflict(latest: SettingsState, accountId: string): AccessFailure {
  const who =
    latest.updatedBy === accountId
      ? 'you, in another tab or window'
      : `the user ${latest.updatedBy ?? 'unknown'}`;
  const when = latest.updatedAt
    ? latest.updatedAt.replace('T', ' ').slice(0, 16) + ' UTC'
    : 'an unknown time';
  return new AccessFailure(
    'CONFLICT',
    `Your changes were not saved: these settings were changed by ${who} at ${when} (revision ${latest.revision}) after you opened them. Reload to see the current settings, then make your changes again.`,
    `A project settings save lost a compare-and-set to revision ${latest.revision} by ${latest.updatedBy ?? 'unknown'}.`,
  );
}

export interface SettingsStore {
  /** For rule executions: exactly one KVS read; anything unreadable means the defaults, with the reason. */
  readForExecution(projectKey: string): Promise<{ settings: ProjectSettings; problem?: string }>;
  /** For the settings page: the latest revision, finishing any save that was interrupted. */
  load(projectKey: string): Promise<SettingsState>;
  /** Compare-and-set on the revision: throws a CONFLICT AccessFailure naming who saved in between, and when. */
  save(projectKey: string, request: SaveRequest): Promise<SettingsState>;
}

export function createSettingsStore(store: KeyValueStore, now: () => number = Date.now): SettingsStore {
  const currentKey = storageKeys.projectSettings;
  const revisionKey = storageKeys.projectSettingsRevision;

  async function rollForward(projectKey: string, state: SettingsState): Promise<SettingsState> {
    let latest = state;
    for (let step = 0; step < MAX_ROLL_FORWARD; step += 1) {
      const next = decode(await store.get(revisionKey(projectKey, latest.revision + 1)));
      if (!next.ok) return latest;
      await store.set(currentKey(projectKey), next.stored);
      latest = stateOf(next.stored);
    }
    return latest;
  }

  async function load(projectKey: string): Promise<SettingsState> {
    const raw = await store.get(currentKey(projectKey));
    if (raw === undefined) return rollForward(projectKey, NEVER_SAVED);
    const decoded = decode(raw);
    if (!decoded.ok) throw new Error(`Project ${projectKey}: ${decoded.reason}`);
    return rollForward(projectKey, stateOf(decoded.stored));
  }

  return {
    async readForExecution(projectKey) {
      try {
        const raw = await store.get(currentKey(projectKey));
        if (raw === undefined) return { settings: DEFAULT_PROJECT_SETTINGS };
        const decoded = decode(raw);
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

    async save(projectKey, request) {
      const latest = await load(projectKey);
      if (latest.revision !== request.expectedRevision) throw conflict(latest, request.accountId);
      const next: StoredSettings = {
        schemaVersion: CURRENT_SCHEMA_VERSION,
        revision: latest.revision + 1,
        projectId: request.projectId,
        updatedAt: new Date(now()).toISOString(),
        updatedBy: request.accountId,
        settings: request.settings,
      };
      // KVS has no conditional update, but it can create a key only if absent: one claim per revision means two
      // concurrent saves of the same revision cannot both win.
      const claimed = await store.setIfAbsent(revisionKey(projectKey, next.revision), next, {
        ttlDays: REVISION_RETENTION_DAYS,
      });
      if (!claimed) throw conflict(await load(projectKey), request.accountId);
      await store.set(currentKey(projectKey), next);
      return rollForward(projectKey, stateOf(next));
    },
  };
}
