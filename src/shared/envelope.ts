/**
 * What every resolver function answers: data, or a stable code with a message for people. Shared with the
 * Custom UI (static/app imports this file), so both sides agree on the shape.
 */
export type ResolverEnvelope<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      /** `fields`: for a configuration screen, what is wrong with each field by its path (shown beside it). */
      error: { code: string; message: string; fields?: Record<string, string> };
    };
