import { expandValues, type JsonSchema, type Operation, type QueryParameter } from './spec';
import type { UndocumentedKind } from './undocumented';

/** One use of something the operation's spec entry does not define. */
export interface Finding {
  kind: UndocumentedKind;
  name: string;
  detail: string;
}

/**
 * The query parameters of a request checked against the operation's: names, `enum` values (of the parameter or of
 * its array items), `integer`/`boolean` types, deprecated parameters and, for `expand`, the values its description
 * lists. Array parameters take a comma-separated list or repeated parameters, as the spec describes them.
 * Returns the query Jira acts on: undefined parameters, `expand` values and values outside the schema dropped
 * (ignored), and `invalid` when a defined parameter had a value outside its schema (FIDELITY.md: answered 400
 * where the operation lists 400).
 */
export function checkQuery(
  op: Operation,
  query: URLSearchParams,
): { findings: Finding[]; query: URLSearchParams; invalid: boolean } {
  const findings: Finding[] = [];
  const kept = new URLSearchParams();
  let invalid = false;
  const defined = [...op.query.keys()];
  for (const [name, raw] of query) {
    const param = op.query.get(name);
    if (!param) {
      findings.push({
        kind: 'query-parameter',
        name,
        detail: `query parameter "${name}" is not defined; ${op.operationId} takes ${defined.join(', ') || 'none'}`,
      });
      continue;
    }
    if (param.deprecated)
      findings.push({ kind: 'query-parameter', name, detail: `query parameter "${name}" is deprecated` });
    if (param.expandValues) {
      const expand = checkExpand(name, raw, param.expandValues);
      findings.push(...expand.findings);
      kept.append(name, expand.kept.join(','));
      continue;
    }
    const problems = checkValue(op, name, param, raw);
    findings.push(...problems);
    if (problems.length > 0) invalid = true;
    else kept.append(name, raw);
  }
  return { findings, query: kept, invalid };
}

function checkValue(op: Operation, name: string, param: QueryParameter, raw: string): Finding[] {
  const { schema } = param;
  const items = schema.type === 'array' ? ((schema.items as JsonSchema | undefined) ?? {}) : undefined;
  const values = items ? raw.split(',').map((v) => v.trim()) : [raw];
  const valueSchema = items ?? schema;
  const findings: Finding[] = [];
  for (const value of values) {
    const problem = valueProblem(valueSchema, value);
    if (problem)
      findings.push({
        kind: 'query-value',
        name,
        detail: `${name}=${value} is not a documented value of ${op.operationId}: ${problem}`,
      });
  }
  return findings;
}

function valueProblem(schema: JsonSchema, value: string): string | undefined {
  const allowed = schema.enum as unknown[] | undefined;
  if (allowed && !allowed.includes(value)) return `expected one of ${allowed.join(', ')}`;
  if (schema.type === 'integer' && !/^-?\d+$/.test(value)) return 'expected an integer';
  if (schema.type === 'boolean' && !/^(true|false)$/i.test(value)) return 'expected true or false';
  return undefined;
}

function checkExpand(
  name: string,
  raw: string,
  documented: ReadonlySet<string>,
): { findings: Finding[]; kept: string[] } {
  const values = raw
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  return {
    kept: values.filter((v) => documented.has(v)),
    findings: values
      .filter((v) => !documented.has(v))
      .map((v) => ({
        kind: 'expand-value' as const,
        name: v,
        detail: `${name}=${v} is not documented here; the spec lists ${[...documented].join(', ')}`,
      })),
  };
}

/**
 * Walks a request body along its schema and returns the body Jira acts on plus a finding for each property the
 * schema does not define or marks read-only. Read-only properties and undefined properties of an open schema are
 * dropped (Jira ignores them); an undefined property of a schema with `additionalProperties: false` stays, so the
 * request contract refuses it with 400 (FIDELITY.md, "Undocumented use"). An object
 * whose schema lists no `properties` and no `additionalProperties` schema is free-form (e.g. a comment's ADF
 * `body`, an issue's `fields` values) and is not looked into. `anyOf`/`oneOf` branches are merged: a property any
 * branch defines is documented. A string property named `expand` is checked like the query parameter.
 */
export function checkBody(
  schema: JsonSchema,
  body: unknown,
  schemas: Record<string, JsonSchema>,
): { body: unknown; findings: Finding[] } {
  const findings: Finding[] = [];
  const cleaned = walk([schema], body, '', schemas, findings);
  return { body: cleaned, findings };
}

interface Shape {
  properties: Map<string, JsonSchema[]>;
  additional: JsonSchema[]; // schemas that additionalProperties points to
  items: JsonSchema[];
  closed: boolean; // lists properties and has no additionalProperties schema
  refuses: boolean; // closed, and the schema says additionalProperties: false
}

function walk(
  candidates: JsonSchema[],
  value: unknown,
  at: string,
  schemas: Record<string, JsonSchema>,
  findings: Finding[],
): unknown {
  const shape = shapeOf(candidates, schemas);
  if (Array.isArray(value)) {
    if (shape.items.length === 0) return value;
    return value.map((v, i) => walk(shape.items, v, `${at}/${i}`, schemas, findings));
  }
  if (value === null || typeof value !== 'object') return value;
  if (shape.properties.size === 0 && shape.additional.length === 0) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const path = `${at}/${key}`;
    const own = shape.properties.get(key);
    if (own) {
      const resolved = own.map((s) => resolve(s, schemas));
      if (resolved.every((s) => s.readOnly === true)) {
        findings.push({
          kind: 'read-only-property',
          name: path,
          detail: `body property ${path} is read-only: Jira ignores it in a request`,
        });
        continue;
      }
      if (key === 'expand' && typeof v === 'string') {
        const documented = resolved.map((s) => expandValues(s.description as string | undefined));
        const listed = documented.find((d) => d !== undefined);
        if (listed) {
          const expand = checkExpand(`body ${path}`, v, listed);
          findings.push(...expand.findings);
          out[key] = expand.kept.join(',');
          continue;
        }
      }
      out[key] = walk(own, v, path, schemas, findings);
    } else if (shape.additional.length > 0) {
      out[key] = walk(shape.additional, v, path, schemas, findings);
    } else if (shape.closed) {
      findings.push({
        kind: 'body-property',
        name: path,
        detail: `body property ${path} is not defined by the schema; it takes ${[...shape.properties.keys()].join(', ')}`,
      });
      // A bean the spec closes (additionalProperties: false) is refused with 400 by the request contract; others
      // ignore the property.
      if (shape.refuses) out[key] = v;
    } else {
      out[key] = v;
    }
  }
  return out;
}

function resolve(schema: JsonSchema, schemas: Record<string, JsonSchema>): JsonSchema {
  let s = schema;
  for (let depth = 0; typeof s.$ref === 'string' && depth < 20; depth++) {
    const name = s.$ref.replace('#/components/schemas/', '');
    const target = schemas[name];
    if (!target) throw new Error(`Jira emulator: the spec has no schema ${s.$ref}`);
    s = target;
  }
  return s;
}

function shapeOf(candidates: JsonSchema[], schemas: Record<string, JsonSchema>): Shape {
  const shape: Shape = { properties: new Map(), additional: [], items: [], closed: false, refuses: false };
  const visit = (raw: JsonSchema) => {
    const s = resolve(raw, schemas);
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
      const parts = s[key] as JsonSchema[] | undefined;
      parts?.forEach(visit);
    }
    const properties = s.properties as Record<string, JsonSchema> | undefined;
    for (const [name, p] of Object.entries(properties ?? {})) {
      shape.properties.set(name, [...(shape.properties.get(name) ?? []), p]);
    }
    const additional = s.additionalProperties;
    if (additional !== null && typeof additional === 'object')
      shape.additional.push(additional as JsonSchema);
    if (additional === false && s.properties) shape.refuses = true;
    if (s.items && typeof s.items === 'object') shape.items.push(s.items as JsonSchema);
  };
  candidates.forEach(visit);
  shape.closed = shape.properties.size > 0 && shape.additional.length === 0;
  return shape;
}
