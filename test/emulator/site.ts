import { contractsFor, type Contracts } from './contracts';
import { manifestIndexedIssueProperties } from './entity-properties';
import { Faults } from './faults';
import { HANDLERS } from './handlers';
import { pointsFor } from './ledger';
import { routerFor, type RouteResult, type Router } from './routing';
import { checkBody, checkQuery, type Finding } from './request-usage';
import { missingScopeReply, scopeAllows, type ScopeErrorShape } from './scopes';
import { loadSpec, type JsonSchema, type Operation } from './spec';
import { SiteState, type UserRecord } from './state';
import { errorReply, type CallRecord, type ContractViolation, type Identity, type Reply } from './types';
import { recordUndocumentedUse } from './undocumented';

export interface JiraSiteOptions {
  spec?: string; // path to the Jira platform OpenAPI spec; default: see defaultSpecPath()
  baseUrl?: string;
  scopeErrorShape?: ScopeErrorShape;
}

/** The scopes the installed app holds. asUser(accountId) (impersonation) is checked against the second list. */
export interface ScopeGrants {
  scopes: readonly string[];
  impersonationScopes: readonly string[];
}

/**
 * An in-memory Jira Cloud site answering REST calls the way the Forge proxy delivers them. Per request:
 * route by the spec (404 unknown path, 405 unknown method) -> undocumented use recorded (undocumented.ts: unknown
 * or deprecated operation, query parameters and values, body properties; the unknown ones are then ignored, as
 * Jira ignores them) -> scripted faults -> identity -> scopes -> 501 for operations without a handler -> request
 * contract (400) -> handler (Jira permissions inside) -> the answer's status must be one the spec lists for the
 * operation and its body must match the spec's schema (else throws: an emulator bug) -> call log + points ledger.
 */
export class JiraSite extends SiteState {
  readonly calls: CallRecord[] = [];
  readonly contractViolations: ContractViolation[] = [];
  readonly faults = new Faults();
  /** Missing-scope answer: '401' (default) or '403', the two shapes seen from Jira Cloud. */
  scopeErrorShape: ScopeErrorShape;
  /** Granted scopes; undefined = scopes not enforced. startInvocation() installs the manifest's. */
  scopeGrants?: ScopeGrants;
  private readonly router: Router;
  private readonly contracts: Contracts;
  private readonly schemas: Record<string, JsonSchema>;

  constructor(opts: JiraSiteOptions = {}) {
    super(opts.baseUrl);
    const spec = loadSpec(opts.spec);
    this.router = routerFor(spec);
    this.contracts = contractsFor(spec);
    this.schemas = spec.schemas;
    this.scopeErrorShape = opts.scopeErrorShape ?? '401';
    this.indexedIssueProperties.push(...manifestIndexedIssueProperties());
  }

  /** Quota points spent so far (see ledger.ts for the model). */
  get points(): number {
    return this.calls.reduce((n, c) => n + c.points, 0);
  }

  resetCalls(): void {
    this.calls.length = 0;
  }

  async handle(identity: Identity, path: string, init: RequestInit = {}): Promise<Response> {
    const method = (init.method ?? 'GET').toUpperCase();
    const at = Date.now();
    const route = this.router.match(method, path);
    const op = route.kind === 'match' ? route.operation : undefined;
    const record = (status: number, points: number) =>
      this.calls.push({
        identity,
        method,
        path,
        operationId: op?.operationId,
        pathTemplate: op?.template,
        status,
        points,
        at,
      });
    const { body, query, invalidQuery } = this.inspect(method, path, route, init.body);
    const request = { method, operationId: op?.operationId, pathTemplate: op?.template, identity };
    let loseAnswer = false;
    let answerAfterApplying: Reply | undefined;
    for (const effect of this.faults.take(request, at)) {
      if (effect.kind === 'rejectAfterApplying') {
        loseAnswer = true;
      } else if (effect.kind === 'replyAfterApplying') {
        answerAfterApplying = effect.reply;
      } else if (effect.kind === 'delay') {
        if (await delayUnlessAborted(effect.ms, init.signal ?? undefined)) {
          record(0, 0);
          throw new DOMException('This operation was aborted', 'AbortError'); // as fetch rejects on abort
        }
      } else if (effect.kind === 'reject') {
        record(0, 0);
        throw new TypeError('fetch failed'); // what undici's fetch rejects with on a network error
      } else {
        record(effect.reply.status, 1);
        return toResponse(effect.reply);
      }
    }
    const reply = this.dispatch(identity, method, path, { body, query, invalidQuery }, route);
    record(answerAfterApplying?.status ?? reply.status, pointsFor(op, reply.status, reply.body));
    if (loseAnswer) throw new TypeError('fetch failed'); // applied by Jira, answer lost on the way back
    if (answerAfterApplying) return toResponse(answerAfterApplying); // applied by Jira, answered 5xx anyway
    return toResponse(reply);
  }

  private dispatch(
    identity: Identity,
    method: string,
    path: string,
    request: Inspected,
    route: RouteResult,
  ): Reply {
    const { body, query } = request;
    if (route.kind === 'notFound')
      return errorReply(404, `No operation of the Jira platform v3 spec matches ${method} ${path}.`);
    if (route.kind === 'methodNotAllowed')
      return errorReply(405, `${method} is not allowed on ${route.template}.`);
    const op = route.operation;
    const caller = this.callerOf(identity);
    if (!caller) return errorReply(401, 'Client must be authenticated to access this resource.');
    if (this.scopeGrants) {
      const granted =
        identity.kind === 'impersonated' ? this.scopeGrants.impersonationScopes : this.scopeGrants.scopes;
      if (!scopeAllows(op, granted)) return missingScopeReply(op, granted, this.scopeErrorShape);
    }
    const handler = HANDLERS[op.operationId];
    if (!handler) {
      return errorReply(
        501,
        `Jira emulator does not implement ${op.operationId} (${op.method} ${op.template}).`,
      );
    }
    const violation = (direction: ContractViolation['direction'], errors: string[], status?: number) => {
      this.contractViolations.push({ direction, operationId: op.operationId, method, path, status, errors });
      // An undefined property of a closed schema is already recorded as such by inspect().
      const breaks = errors.filter((e) => !e.includes('must NOT have additional properties'));
      if (direction === 'request' && breaks.length > 0) {
        recordUndocumentedUse({
          kind: 'body-schema',
          method,
          path,
          operationId: op.operationId,
          detail: `the request body breaks the ${op.operationId} schema: ${breaks.join('; ')}`,
        });
      }
    };
    if (body.kind === 'invalid') {
      violation('request', [body.error]);
      return errorReply(400, `Invalid JSON in request body: ${body.error}`);
    }
    if (body.kind === 'json') {
      const errors = this.contracts.checkRequest(op, body.value);
      if (errors.length > 0) {
        violation('request', errors);
        return errorReply(
          400,
          `Request body does not match the ${op.operationId} schema: ${errors.join('; ')}`,
        );
      }
    }
    if (request.invalidQuery && '400' in op.responseSchemas) {
      return errorReply(400, `A query parameter of ${op.operationId} has a value outside the spec.`);
    }
    const reply = handler({
      site: this,
      caller,
      params: route.params,
      query,
      body: body.kind === 'json' ? body.value : undefined,
    });
    const bug = (detail: string): Error => {
      recordUndocumentedUse({ kind: 'emulator-bug', method, path, operationId: op.operationId, detail });
      return new Error(`Jira emulator bug: ${detail}`);
    };
    if (!answersWith(op, reply.status)) {
      throw bug(
        `${op.operationId} answered ${reply.status}, a status its spec entry does not list ` +
          `(${Object.keys(op.responseSchemas).join(', ')}).`,
      );
    }
    const errors = this.contracts.checkResponse(op, reply.status, reply.body);
    if (errors.length > 0) {
      violation('response', errors, reply.status);
      throw bug(`${op.operationId} ${reply.status} breaks the spec: ${errors.join('; ')}`);
    }
    return reply;
  }

  /**
   * Records what the request uses that the spec does not define for the operation, and returns what Jira acts on:
   * undefined query parameters, `expand` values and open-schema body properties dropped, read-only properties
   * dropped, and whether a defined query parameter has a value outside its schema (FIDELITY.md).
   */
  private inspect(method: string, path: string, route: RouteResult, raw: RequestInit['body']): Inspected {
    const body = parseBody(raw);
    const query = new URLSearchParams(path.split('?')[1] ?? '');
    if (route.kind !== 'match') {
      recordUndocumentedUse({
        kind: 'unknown-operation',
        method,
        path,
        detail:
          route.kind === 'notFound'
            ? 'no operation of the Jira platform v3 spec has this path'
            : `the spec defines no ${method} on ${route.template}`,
      });
      return { body, query, invalidQuery: false };
    }
    const op = route.operation;
    const record = (f: Finding) => recordUndocumentedUse({ method, path, operationId: op.operationId, ...f });
    if (op.deprecated) {
      record({
        kind: 'deprecated-operation',
        name: op.operationId,
        detail: `${op.method} ${op.template} is deprecated in the spec; use the operation that replaces it`,
      });
    }
    const checkedQuery = checkQuery(op, query);
    checkedQuery.findings.forEach(record);
    const inspected = { body, query: checkedQuery.query, invalidQuery: checkedQuery.invalid };
    if (body.kind !== 'json' || !op.requestSchema) return inspected;
    const checked = checkBody(op.requestSchema, body.value, this.schemas);
    checked.findings.forEach(record);
    return { ...inspected, body: { kind: 'json', value: checked.body } };
  }

  private callerOf(identity: Identity): UserRecord | undefined {
    return identity.kind === 'app' ? this.appBot : this.users.get(identity.accountId);
  }
}

/**
 * Whether the spec lists `status` for the operation (`default` covers any). 501 is the emulator's own answer for
 * what it does not model (never a Jira answer; tests that meet it fail to prove anything about the app).
 */
function answersWith(op: Operation, status: number): boolean {
  return status === 501 || String(status) in op.responseSchemas || 'default' in op.responseSchemas;
}

interface Inspected {
  body: ParsedBody;
  query: URLSearchParams;
  invalidQuery: boolean;
}

type ParsedBody = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'invalid'; error: string };

function parseBody(raw: RequestInit['body']): ParsedBody {
  if (raw === undefined || raw === null) return { kind: 'none' };
  let text: string;
  if (typeof raw === 'string') text = raw;
  else if (raw instanceof Uint8Array) text = new TextDecoder().decode(raw);
  else throw new Error('Jira emulator: only string or byte request bodies are supported');
  if (text === '') return { kind: 'none' };
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch (e) {
    return { kind: 'invalid', error: e instanceof Error ? e.message : String(e) };
  }
}

function toResponse(reply: Reply): Response {
  const noBody = reply.body === undefined || reply.status === 204 || reply.status === 304;
  return new Response(noBody ? null : JSON.stringify(reply.body), {
    status: reply.status,
    headers: { ...(noBody ? {} : { 'content-type': 'application/json;charset=UTF-8' }), ...reply.headers },
  });
}

/** Waits `ms` like a slow network; resolves true instead when the caller aborts the request first. */
function delayUnlessAborted(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(true);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(false);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(true);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
