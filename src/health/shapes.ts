import { z } from 'zod';
import { readAppIdentity } from '../access/app-permissions';
import { forgeStore, KVS_MAX_PAGE } from '../access/kv-store';
import { storageKeys } from '../access/storage-keys';
import type { Shape, ShapeRecord } from '../execution/platform-shape';
import { PostFunctionEvent } from '../execution/post-function-event';
import { ResolverContext } from '../execution/resolver-runner';
import { InvocationContext, ValidatorPayload } from '../execution/validator-runner';
import type { ShapeDifferenceView, ShapeReportView } from '../shared/health';
import { ExpressionFailed } from '../triggers/expression-failed';
import { fixAt } from './links';
import { said, type Finding } from './model';
import { ScheduledEvent } from './scheduled-event';

/**
 * What the app reads from each module kind's input, as the zod schemas that parse it (their JSON Schema, input
 * side): the recorded shapes (src/execution/platform-shape.ts) are compared with these.
 */
export const EXPECTED: Readonly<Record<string, { payload: z.ZodType; context?: z.ZodType }>> = {
  'jira:workflowValidator': { payload: ValidatorPayload, context: InvocationContext },
  'jira:workflowPostFunction': { payload: PostFunctionEvent },
  'trigger:avi:jira:failed:expression': { payload: ExpressionFailed },
  scheduledTrigger: { payload: ScheduledEvent },
  // A resolver's payload is the app's own page's; what is learnt is the request context the platform adds.
  resolver: { payload: ResolverContext },
};

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};

const shapeType = (shape: Shape): string =>
  typeof shape === 'string' ? shape : 'object' in shape ? 'object' : 'array';

const typesOf = (schema: JsonSchema): string[] | undefined => {
  if (schema.type === undefined) return undefined;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.map((t) => (t === 'integer' ? 'number' : t));
};

/** Differences between what arrived and what the schema reads, at `path`; `not-read` ones are information only. */
export function compareShape(shape: Shape, schema: JsonSchema, path: string): ShapeDifferenceView[] {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    const tries = branches.map((branch) => compareShape(shape, branch, path));
    const problems = (d: ShapeDifferenceView[]) => d.filter((x) => x.kind !== 'not-read').length;
    return tries.sort((a, b) => problems(a) - problems(b) || a.length - b.length)[0] ?? [];
  }
  const types = typesOf(schema);
  const received = shapeType(shape);
  if (types && !types.includes(received)) {
    // An optional field sent as null reads as absent.
    if (received === 'null') return [];
    return [{ path, kind: 'unexpected-type', expected: types.join(' or '), received }];
  }
  if (typeof shape === 'string') return [];
  if ('array' in shape)
    return shape.array === 'empty' || !schema.items
      ? []
      : compareShape(shape.array, schema.items, `${path}[]`);
  const differences: ShapeDifferenceView[] = [];
  const at = (key: string) => (path ? `${path}.${key}` : key);
  for (const [key, child] of Object.entries(shape.object)) {
    const property = key === '*' ? undefined : schema.properties?.[key];
    const extra = schema.additionalProperties;
    if (property) differences.push(...compareShape(child, property, at(key)));
    else if (extra && typeof extra === 'object') differences.push(...compareShape(child, extra, at(key)));
    else if (schema.properties)
      differences.push({ path: at(key), kind: 'not-read', received: shapeType(child) });
  }
  for (const key of schema.required ?? [])
    if (!(key in shape.object)) differences.push({ path: at(key), kind: 'missing', expected: 'present' });
  return differences;
}

const Stored = z.object({
  schemaVersion: z.literal(1),
  module: z.string(),
  appVersion: z.string(),
  recordedAt: z.string(),
  payload: z.custom<Shape>((v) => v !== undefined),
  context: z.custom<Shape>((v) => v !== undefined).optional(),
});

const MAX_PAGES = 5;
const schemaOf = (schema: z.ZodType): JsonSchema =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

/** The shapes recorded for the running version, each compared with what the app reads (no Jira call). */
export async function readShapeReports(): Promise<ShapeReportView[]> {
  const { appVersion } = readAppIdentity();
  const records: ShapeRecord[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const found = await forgeStore.list(storageKeys.platformShapePrefix, {
      limit: KVS_MAX_PAGE,
      ...(cursor ? { cursor } : {}),
    });
    for (const item of found.items) {
      const parsed = Stored.safeParse(item.value);
      if (parsed.success && parsed.data.appVersion === appVersion) records.push(parsed.data);
    }
    cursor = found.cursor;
    if (!cursor) break;
  }
  return records
    .flatMap((record) => {
      const expected = EXPECTED[record.module];
      if (!expected) return [];
      const differences = [
        ...compareShape(record.payload, schemaOf(expected.payload), ''),
        ...(record.context && expected.context
          ? compareShape(record.context, schemaOf(expected.context), '(context)')
          : []),
      ];
      return [{ module: record.module, appVersion, recordedAt: record.recordedAt, differences }];
    })
    .sort((a, b) => a.module.localeCompare(b.module) || a.recordedAt.localeCompare(b.recordedAt));
}

/** A field the app reads that did not arrive, or arrived with another type, is a problem; unread extras are not. */
export function shapeFindings(reports: readonly ShapeReportView[]): Finding[] {
  return reports.flatMap((report) =>
    report.differences
      .filter((d) => d.kind !== 'not-read')
      .map((d) => ({
        kind: 'platform-shape' as const,
        subject: `${report.module}:${d.path}:${d.kind}`,
        problem:
          d.kind === 'missing'
            ? said('shape.missing', { module: report.module, path: d.path })
            : said('shape.type', {
                module: report.module,
                path: d.path,
                received: d.received ?? said('shape.somethingElse'),
                expected: d.expected ?? said('shape.anotherType'),
              }),
        fix: said('shape.fix', { version: report.appVersion }),
        fixAt: fixAt.manageApps,
      })),
  );
}
