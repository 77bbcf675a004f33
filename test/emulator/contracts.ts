import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { JsonSchema, LoadedSpec, Operation } from './spec';

/**
 * Request/response bodies checked against the spec's component schemas with ajv 8.
 * OpenAPI 3.0 specifics: `nullable` is an ajv keyword already; `$ref: '#/components/schemas/X'` is rebased onto
 * one registered document; `discriminator`/`example`/`x-*` are ignored (strict: false).
 * Lenient on purpose, where the spec itself is loose or Jira ignores input:
 *  - `readOnly` properties sent in a request are accepted (Jira ignores them);
 *  - error bodies (non-2xx) are not validated: the spec leaves most of them undeclared;
 *  - schema-less bodies (`{}` or none declared) accept anything.
 * Validators compile lazily, one per (operation, direction, status), and are cached per loaded spec.
 */
export class Contracts {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(spec: LoadedSpec) {
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'jira', components: { schemas: spec.schemas } });
  }

  /** Returns readable errors, empty when the body conforms (or nothing is declared). */
  checkRequest(op: Operation, body: unknown): string[] {
    if (!op.requestSchema) return [];
    return this.check(`${op.operationId} request`, op.requestSchema, body);
  }

  checkResponse(op: Operation, status: number, body: unknown): string[] {
    if (status < 200 || status >= 300) return [];
    const schema = op.responseSchemas[String(status)];
    if (!schema) return [];
    return this.check(`${op.operationId} ${status}`, schema, body);
  }

  private check(key: string, schema: JsonSchema, value: unknown): string[] {
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(rebase(schema));
      this.compiled.set(key, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'invalid'}`);
  }
}

function rebase(schema: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"jira#/components/')) as JsonSchema;
}

const contracts = new WeakMap<LoadedSpec, Contracts>();
export function contractsFor(spec: LoadedSpec): Contracts {
  let c = contracts.get(spec);
  if (!c) {
    c = new Contracts(spec);
    contracts.set(spec, c);
  }
  return c;
}
