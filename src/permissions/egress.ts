import type { EgressRule } from '../shared/admin-page';

/**
 * Flattens `permissions.external` (as the manifest declares it and the runtime reports it) into one rule per
 * address. Entries are a URL, `{ address, category?, inScopeEUD? }` or `{ remote }`
 * (https://developer.atlassian.com/platform/forge/manifest-reference/permissions/).
 */
export function flattenEgress(external: Record<string, unknown>): EgressRule[] {
  const lists = Object.entries(external).flatMap(([kind, value]): [string, unknown][] => {
    if (kind === 'configurable') return [];
    if (kind === 'fetch' && value && typeof value === 'object') {
      return Object.entries(value as Record<string, unknown>).map(([type, list]) => [`fetch.${type}`, list]);
    }
    return [[kind, value]];
  });
  return lists.flatMap(([kind, list]) =>
    (Array.isArray(list) ? (list as unknown[]) : []).map((item): EgressRule => {
      if (typeof item === 'string') return { kind, address: item };
      const entry = (item ?? {}) as {
        address?: string;
        remote?: string;
        category?: string;
        inScopeEUD?: boolean;
      };
      return {
        kind,
        address: entry.address ?? `remote:${entry.remote ?? ''}`,
        ...(entry.category ? { category: entry.category } : {}),
        ...(entry.inScopeEUD !== undefined ? { inScopeEUD: entry.inScopeEUD } : {}),
      };
    }),
  );
}
