/** Who a request runs as: asApp(), asUser() (the invocation's user) or asUser(accountId) (offline impersonation). */
export type Identity =
  { kind: 'app' } | { kind: 'user'; accountId: string } | { kind: 'impersonated'; accountId: string };

/** A handler's answer before it becomes a WHATWG Response. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface CallRecord {
  identity: Identity;
  method: string;
  path: string;
  operationId?: string;
  pathTemplate?: string;
  status: number; // 0 when a networkError fault made fetch reject
  points: number;
  at: number; // Date.now() when the request arrived
}

export interface ContractViolation {
  direction: 'request' | 'response';
  operationId: string;
  method: string;
  path: string;
  status?: number;
  errors: string[];
}

export const errorReply = (status: number, ...errorMessages: string[]): Reply => ({
  status,
  body: { errorMessages, errors: {} },
});
