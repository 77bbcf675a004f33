/**
 * What every resolver function answers: data, or a stable code with a message for people. Shared with the
 * Custom UI (static/app imports this file), so both sides agree on the shape.
 */
export type ResolverEnvelope<T> =
  { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
