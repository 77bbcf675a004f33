import { EgressFilteringService, EgressType } from '@forge/egress';
import type { JiraSite } from '../emulator';

/**
 * Customer-managed egress of one installation: the run-time state behind `permissions.egress.*` of @forge/bridge
 * (https://developer.atlassian.com/platform/forge/apis-reference/customer-managed-egress-and-remotes-api/). The
 * bridge stand-ins (test/browser, sandbox) change it only after the admin approved in their consent dialog; the
 * harness's fetch lets a request out when the manifest declares its host or this state approves it for backend
 * fetch. Everything the docs leave open is in test/emulator/FIDELITY.md ("Customer-managed egress").
 */
export interface EgressEntry {
  domain: string;
  type: string[];
}
export interface EgressGroupState {
  key: string;
  description: string;
  configured: EgressEntry[];
}

/** Limits from customer-managed-egress-and-remotes ("Limitations and considerations"). */
export const MAX_GROUPS = 10;
export const MAX_DOMAINS_PER_GROUP = 10;
const TYPES = new Set<string>(Object.values(EgressType));

/** What the bridge rejects with: the docs give only the HTTP status each failure maps to. */
export class EgressBridgeError extends Error {
  constructor(
    readonly status: 400 | 403 | 422,
    message: string,
  ) {
    super(message);
    this.name = 'EgressBridgeError';
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A URL with a scheme, or a `*` wildcard ("This may be a wildcard `*` for permissive egress"). */
function validDomain(domain: unknown): domain is string {
  if (typeof domain !== 'string' || !domain) return false;
  if (domain === '*') return true;
  try {
    const url = new URL(domain.replace('://*.', '://wildcard.'));
    return url.hostname.length > 0;
  } catch {
    return false;
  }
}

export class EgressApprovals {
  private readonly groups = new Map<string, EgressGroupState>();
  /** Every change, in order, for assertions. */
  readonly changes: { op: 'set' | 'deleteDomain' | 'deleteGroup'; key: string; domains: string[] }[] = [];

  /** `permissions.egress.get`: every group, or those of `keys` (the docs' request shape). */
  get(payload: unknown = {}): { results: EgressGroupState[] } {
    const keys = isObject(payload) && Array.isArray(payload.keys) ? payload.keys.map(String) : undefined;
    const results = [...this.groups.values()]
      .filter((group) => !keys || keys.includes(group.key))
      .map((group) => structuredClone(group));
    return { results };
  }

  /**
   * `permissions.egress.set`, after the admin approved. 400 for a malformed request or a limit passed; 422 for a
   * duplicate key or domain or an invalid URL (the docs' response table). Nothing changes unless all of it is valid.
   */
  set(payload: unknown): { results: EgressGroupState[] } {
    const egresses = isObject(payload) && Array.isArray(payload.egresses) ? payload.egresses : undefined;
    if (!egresses?.length) throw new EgressBridgeError(400, 'egress.set needs { egresses: [...] }');
    const added: EgressGroupState[] = [];
    for (const item of egresses) {
      const key = isObject(item) && typeof item.key === 'string' ? item.key : '';
      if (!isObject(item) || !key || typeof item.description !== 'string')
        throw new EgressBridgeError(400, 'each egress group needs a key and a description');
      if (!Array.isArray(item.configured) || item.configured.length === 0)
        throw new EgressBridgeError(400, `egress group ${key} configures no domain`);
      if (item.configured.length > MAX_DOMAINS_PER_GROUP)
        throw new EgressBridgeError(
          400,
          `egress group ${key} has more than ${MAX_DOMAINS_PER_GROUP} domains`,
        );
      const configured = item.configured.map((entry): EgressEntry => {
        if (!isObject(entry) || !Array.isArray(entry.type) || entry.type.length === 0)
          throw new EgressBridgeError(400, `egress group ${key}: each entry needs a domain and types`);
        if (!validDomain(entry.domain))
          throw new EgressBridgeError(422, `egress group ${key}: invalid domain ${String(entry.domain)}`);
        const types = entry.type.map(String);
        const unknown = types.find((t) => !TYPES.has(t));
        if (unknown) throw new EgressBridgeError(400, `egress group ${key}: unknown egress type ${unknown}`);
        return { domain: entry.domain, type: types };
      });
      if (this.groups.has(key) || added.some((g) => g.key === key))
        throw new EgressBridgeError(422, `egress group ${key} exists already`);
      added.push({ key, description: item.description, configured });
    }
    const pairs = new Set(
      [...this.groups.values()].flatMap((g) =>
        g.configured.flatMap((e) => e.type.map((t) => `${e.domain} ${t}`)),
      ),
    );
    for (const entry of added.flatMap((g) => g.configured))
      for (const type of entry.type) {
        if (pairs.has(`${entry.domain} ${type}`))
          throw new EgressBridgeError(422, `${entry.domain} is configured for ${type} already`);
        pairs.add(`${entry.domain} ${type}`);
      }
    if (this.groups.size + added.length > MAX_GROUPS)
      throw new EgressBridgeError(400, `at most ${MAX_GROUPS} egress groups per installation`);
    for (const group of added) {
      this.groups.set(group.key, group);
      this.changes.push({ op: 'set', key: group.key, domains: group.configured.map((e) => e.domain) });
    }
    return { results: added.map((group) => structuredClone(group)) };
  }

  /** `permissions.egress.deleteDomain`: succeeds also when the pair did not exist (204 in the docs). */
  deleteDomain(payload: unknown): void {
    if (!isObject(payload) || typeof payload.key !== 'string' || typeof payload.domain !== 'string')
      throw new EgressBridgeError(400, 'egress.deleteDomain needs { key, domain, type }');
    if (typeof payload.type !== 'string' || !TYPES.has(payload.type))
      throw new EgressBridgeError(400, `unknown egress type ${String(payload.type)}`);
    const group = this.groups.get(payload.key);
    if (!group) return;
    const { domain, type } = payload;
    group.configured = group.configured
      .map((entry) =>
        entry.domain === domain ? { ...entry, type: entry.type.filter((t) => t !== type) } : entry,
      )
      .filter((entry) => entry.type.length > 0);
    this.changes.push({ op: 'deleteDomain', key: group.key, domains: [domain] });
  }

  /** `permissions.egress.deleteGroup`: succeeds also when the group did not exist (204 in the docs). */
  deleteGroup(payload: unknown): void {
    if (!isObject(payload) || typeof payload.key !== 'string' || !payload.key)
      throw new EgressBridgeError(400, 'egress.deleteGroup needs { key }');
    const group = this.groups.get(payload.key);
    this.groups.delete(payload.key);
    if (group)
      this.changes.push({
        op: 'deleteGroup',
        key: group.key,
        domains: group.configured.map((e) => e.domain),
      });
  }

  /** A `permissions.egress.*` call of @forge/bridge 7.2.0, by its bridge name (out/permissions/permissions.js). */
  bridgeCall(name: string, payload: unknown): unknown {
    switch (name) {
      case '__permission__egressGet':
        return this.get(payload);
      case '__permission__egressSet':
        return this.set(payload);
      case '__permission__egressDeleteDomain':
        return this.deleteDomain(payload);
      case '__permission__egressDeleteGroup':
        return this.deleteGroup(payload);
      default:
        throw new Error(`Forge bridge stand-in: "${name}" is not an egress call`);
    }
  }

  /** Whether Forge lets a backend fetch to `url` out because of this state (matched as @forge/egress matches). */
  allowsBackendFetch(url: string): boolean {
    const domains = [...this.groups.values()].flatMap((group) =>
      group.configured
        .filter((entry) => entry.type.includes(EgressType.FetchBackendSide))
        .map((e) => e.domain),
    );
    return domains.length > 0 && new EgressFilteringService(domains).isValidUrl(url);
  }
}

const byInstallation = new WeakMap<JiraSite, EgressApprovals>();

/** The customer-managed egress of the installation on `site`: one per site, shared by every invocation on it. */
export function egressApprovalsOf(site: JiraSite): EgressApprovals {
  let state = byInstallation.get(site);
  if (!state) {
    state = new EgressApprovals();
    byInstallation.set(site, state);
  }
  return state;
}
