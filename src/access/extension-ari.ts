import type { AppIdentity } from './app-permissions';

/**
 * A Forge module's extension ARI, `ari:cloud:ecosystem::extension/{appId}/{environmentId}/static/{moduleKey}`: how
 * Jira's workflow APIs name a Forge rule (`parameters.key`, the "Forge rules" section of the workflow capabilities
 * operation in the Jira OpenAPI description) and the `extensionId` of `avi:jira:failed:expression`
 * (https://developer.atlassian.com/platform/forge/events-reference/jira/#expression-evaluation-failed).
 */
const EXTENSION_ARI = /^ari:cloud:ecosystem::extension\/([^/]+)\/([^/]+)\/static\/([^/]+)$/;

/** The module key an extension ARI names, when it is a module of this app installation (app and environment). */
export function ownModuleKey(ari: string | undefined, app: AppIdentity): string | undefined {
  const match = EXTENSION_ARI.exec(ari?.trim() ?? '');
  if (!match || match[1] !== app.appId || match[2] !== app.environmentId) return undefined;
  return match[3];
}
