import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { processCached } from './process-cache';
import type { JsonSchema, LoadedSpec, Operation } from './spec';

/**
 * Request/response bodies checked against the spec's component schemas with ajv 8.
 * OpenAPI 3.0 specifics: `nullable` is an ajv keyword already; `$ref: '#/components/schemas/X'` is rebased onto
 * one registered document; `discriminator`/`example`/`x-*` are ignored (strict: false).
 * Read-only and undefined request properties are found and recorded before this check (request-usage.ts);
 * error bodies are validated where the spec declares a schema for the status; schema-less bodies (`{}` or none
 * declared) accept anything.
 * Validators compile lazily, one per (operation, direction, status), and are cached per worker process.
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
    const schema = op.responseSchemas[String(status)];
    if (!schema || Object.keys(schema).length === 0) return [];
    return this.check(`${op.operationId} ${status}`, schema, body);
  }

  private check(key: string, schema: JsonSchema, value: unknown): string[] {
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(rebase(schema));
      this.compiled.set(key, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => {
      const extra = (e.params as { additionalProperty?: unknown }).additionalProperty;
      return `${e.instancePath || '/'} ${e.message ?? 'invalid'}${typeof extra === 'string' ? ` (${extra})` : ''}`;
    });
  }
}

function rebase(schema: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"jira#/components/')) as JsonSchema;
}

/** One ajv instance per spec file and worker process: validators compile lazily and stay for later test files. */
export function contractsFor(spec: LoadedSpec): Contracts {
  return processCached(`contracts:${spec.file}`, () => new Contracts(spec));
}
