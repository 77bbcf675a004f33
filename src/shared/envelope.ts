import { z } from 'zod';
import type { Text } from './text-format';

/**
 * What every resolver function answers: data, or a stable code with a message for people. Shared with the
 * Custom UI (static/app imports this file), so both sides agree on the shape.
 */
export type ResolverEnvelope<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: {
        code: string;
        /** In English, for logs, tests and callers that have no catalogue; a page says `text` instead. */
        message: string;
        /** `message` as a catalogue text (src/shared/text-format.ts), said in the viewer's language. */
        text: Text;
        /** For a configuration screen: what is wrong with each field by its path (shown beside it), in English. */
        fields?: Record<string, string>;
        /** `fields` as catalogue texts, by the same paths. */
        fieldTexts?: Record<string, Text>;
      };
    };

const MAX_DEPTH = 8;

/** A text as it crosses the iframe boundary: checked, and no deeper than any the app writes. */
const textSchema = (depth: number): z.ZodType<Text> => {
  const value: z.ZodType<string | number | Text | Text[]> =
    depth >= MAX_DEPTH
      ? z.union([z.string(), z.number()])
      : z.union([
          z.string(),
          z.number(),
          z.lazy(() => textSchema(depth + 1)),
          z.array(z.lazy(() => textSchema(depth + 1))),
        ]);
  return z.union([
    z.object({ verbatim: z.string() }),
    z.object({ key: z.string(), values: z.record(z.string(), value).optional() }),
  ]);
};
export const TextSchema: z.ZodType<Text> = textSchema(0);

/** The failure half of an envelope as a page reads it; `text` may be missing from an answer not built by the runner. */
export const EnvelopeError = z.object({
  code: z.string(),
  message: z.string(),
  text: TextSchema.optional(),
  fields: z.record(z.string(), z.string()).optional(),
  fieldTexts: z.record(z.string(), TextSchema).optional(),
});
export type EnvelopeError = z.infer<typeof EnvelopeError>;

/** An envelope as a page reads it (the data is each function's own to check). */
export const Envelope = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: EnvelopeError }),
]);
