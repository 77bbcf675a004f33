import { getAppContext } from '@forge/api';

/**
 * What the Forge runtime says this installation may do: the OAuth scopes and egress an admin approved
 * (`getAppContext().permissions`, https://developer.atlassian.com/platform/forge/rolling-releases/). With
 * `permissions.enforcement: app-managed` this can lag behind the deployed code until an admin approves the update.
 */
export interface GrantedPermissions {
  /** Undefined when the runtime reported no scopes (@forge/api then hands out an empty list). */
  scopes?: string[];
  external: Record<string, unknown>;
}

export interface AppIdentity {
  appId: string;
  environmentId: string;
  appVersion: string;
}

/** Runtime scopes come as the manifest declares them: a list, or a map of scope to options. */
function scopeNames(scopes: unknown): string[] {
  if (Array.isArray(scopes)) return scopes.map(String);
  return scopes && typeof scopes === 'object' ? Object.keys(scopes) : [];
}

export function readGrantedPermissions(): GrantedPermissions {
  const permissions = getAppContext().permissions;
  const scopes = scopeNames(permissions?.scopes);
  return {
    ...(scopes.length ? { scopes } : {}),
    external: (permissions?.external ?? {}) as Record<string, unknown>,
  };
}

export function readAppIdentity(): AppIdentity {
  const context = getAppContext();
  return {
    appId: context.appAri.appId,
    environmentId: context.environmentAri.environmentId,
    appVersion: context.appVersion,
  };
}
