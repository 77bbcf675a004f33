import { processCached } from './process-cache';
import type { HttpMethod, LoadedSpec, Operation } from './spec';

export type RouteResult =
  | { kind: 'match'; operation: Operation; params: Record<string, string> }
  | { kind: 'notFound' }
  | { kind: 'methodNotAllowed'; template: string };

interface Route {
  template: string;
  segments: string[];
  byMethod: Map<HttpMethod, Operation>;
}

/** Matches a request path (query string dropped) to a spec operation; literal segments beat `{param}`. */
export class Router {
  private readonly bySegmentCount = new Map<number, Route[]>();

  constructor(spec: LoadedSpec) {
    const routes = new Map<string, Route>();
    for (const op of spec.operations) {
      let route = routes.get(op.template);
      if (!route) {
        route = { template: op.template, segments: split(op.template), byMethod: new Map() };
        routes.set(op.template, route);
      }
      route.byMethod.set(op.method, op);
    }
    for (const route of routes.values()) {
      const list = this.bySegmentCount.get(route.segments.length) ?? [];
      list.push(route);
      this.bySegmentCount.set(route.segments.length, list);
    }
    // Earlier literal segments win: `/issue/picker` before `/issue/{issueIdOrKey}`.
    for (const list of this.bySegmentCount.values())
      list.sort((a, b) => specificity(b).localeCompare(specificity(a)));
  }

  match(method: string, rawPath: string): RouteResult {
    const pathOnly = rawPath.split('?')[0] ?? '';
    const segments = split(pathOnly);
    for (const route of this.bySegmentCount.get(segments.length) ?? []) {
      const params = bind(route.segments, segments);
      if (!params) continue;
      const operation = route.byMethod.get(method.toUpperCase() as HttpMethod);
      if (!operation) return { kind: 'methodNotAllowed', template: route.template };
      return { kind: 'match', operation, params };
    }
    return { kind: 'notFound' };
  }
}

export function routerFor(spec: LoadedSpec): Router {
  return processCached(`router:${spec.file}`, () => new Router(spec));
}

function split(p: string): string[] {
  return p.split('/').filter((s) => s.length > 0);
}

const isParam = (s: string): boolean => s.startsWith('{') && s.endsWith('}');

function specificity(route: Route): string {
  return route.segments.map((s) => (isParam(s) ? '0' : '1')).join('');
}

function bind(template: string[], actual: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const t = template[i] ?? '';
    const a = actual[i] ?? '';
    if (isParam(t)) params[t.slice(1, -1)] = decodeURIComponent(a);
    else if (t !== a) return undefined;
  }
  return params;
}
