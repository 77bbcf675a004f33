import { z } from 'zod';
import { forgeStore } from '../access/kv-store';
import { storageKeys } from '../access/storage-keys';
import { recordExecution } from '../execution/audit-sink';
import { recordingShape } from '../execution/platform-shape';

/**
 * `avi:forge:installed:app` and `avi:forge:upgraded:app` (the second only for a new major version): payload per
 * https://developer.atlassian.com/platform/forge/events-reference/life-cycle/: the installation `id`,
 * `installerAccountId?` / `upgraderAccountId?`, `app: { id, version, name?, ownerAccountId? }`, `environment?`.
 * The platform sends no event when the app is uninstalled: Forge keeps the app's storage for 28 days, then deletes
 * it (docs/privacy.md). Each field falls back on its own, so an unexpected shape still leaves a record.
 */
const text = z.string().max(128).optional().catch(undefined);
const Lifecycle = z.object({
  installerAccountId: text,
  upgraderAccountId: text,
  app: z.object({ version: text }).optional().catch(undefined),
});

const ACCOUNT_ID = /^[\w:-]{1,128}$/;
const VERSION = /^[\w.+-]{1,40}$/;

/** A record in the audit log, so that the admin sees when the app (or its version) began on the site. */
async function recordLifecycle(kind: 'installed' | 'upgraded', event: unknown): Promise<void> {
  const parsed = Lifecycle.safeParse(event);
  const payload = parsed.success ? parsed.data : {};
  const by = kind === 'installed' ? payload.installerAccountId : payload.upgraderAccountId;
  const version = payload.app?.version;
  const shown = version && VERSION.test(version) ? ` ${version}` : '';
  // Storage is emptied 28 days after an uninstall and not restored on a reinstall unless Atlassian recovers it
  // (docs/privacy.md): data already there at installation is worth saying.
  const kept =
    kind === 'installed' && (await forgeStore.list(storageKeys.auditPrefix, { limit: 1 })).items.length > 0;
  await recordExecution({
    module: 'lifecycle',
    rule: 'lifecycle',
    ...(by && ACCOUNT_ID.test(by) ? { triggeredBy: by } : {}),
    actor: { kind: 'none' },
    calls: [],
    outcome: 'changed',
    summary:
      kind === 'installed'
        ? `Workflow Guard${shown} installed on this site${kept ? ': data from an earlier installation is present and in use again' : ''}`
        : `Workflow Guard upgraded to version${shown || ' (not given)'}`,
  });
}

/** The trigger module `app-installed` (manifest.yml). */
export const appInstalledTrigger = recordingShape('trigger:avi:forge:installed:app', (event: unknown) =>
  recordLifecycle('installed', event),
);

/** The trigger module `app-upgraded` (manifest.yml). */
export const appUpgradedTrigger = recordingShape('trigger:avi:forge:upgraded:app', (event: unknown) =>
  recordLifecycle('upgraded', event),
);
