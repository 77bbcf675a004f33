import { z } from 'zod';
import { isConsentRequest } from '../access/external-fetch';
import { forgeResolver, type ResolverCall } from '../access/resolver';
import { openSession, type AccessSession } from '../access/session';
import type { ResolverEnvelope } from '../shared/envelope';
import { inEnglish, text, type Text } from '../access/texts';
import { issuesText } from '../shared/issue-texts';
import { explain } from './explain';
import { unsafeInput } from './input-safety';
import { noteShape } from './platform-shape';

/**
 * The parts of a resolver's context Forge guarantees: only `accountId`, `accountType`, `license` and
 * `installContext` are "secure, unalterable, and valid to be used for authorization"
 * (https://developer.atlassian.com/platform/forge/app-context-security/). Everything else, `extension` included,
 * can be changed in the browser and is treated as a hint.
 */
export interface TrustedContext {
  accountId?: string;
  accountType?: string;
  installContext?: string;
}

export interface ResolverFunction<I, P, O> {
  input: z.ZodType<I>;
  /** Runs before the input is read: callers who may not use the page learn nothing from it. */
  authorize(session: AccessSession, context: TrustedContext, untrustedExtension: unknown): Promise<P>;
  handle(input: I, principal: P, session: AccessSession): Promise<O>;
}

/** The request context as the app reads it (`trusted` below), for comparing with what arrives (src/health/shapes.ts). */
export const ResolverContext = z.object({
  accountId: z.string().optional(),
  accountType: z.string().optional(),
  installContext: z.string().optional(),
  extension: z.unknown().optional(),
});

const trusted = (context: Record<string, unknown> | undefined): TrustedContext => ({
  ...(typeof context?.accountId === 'string' ? { accountId: context.accountId } : {}),
  ...(typeof context?.accountType === 'string' ? { accountType: context.accountType } : {}),
  ...(typeof context?.installContext === 'string' ? { installContext: context.installContext } : {}),
});

/** A request the page should not have sent: said in English, and as a text for the viewer's language. */
function invalidRequest(issues: Text): ResolverEnvelope<never> {
  const said = text('errors.invalidRequest', { issues });
  return { ok: false, error: { code: 'INVALID_INPUT', message: inEnglish(said), text: said } };
}

async function run<I, P, O>(
  definition: ResolverFunction<I, P, O>,
  feature: string,
  payload: unknown,
  context: Record<string, unknown> | undefined,
): Promise<ResolverEnvelope<O>> {
  const session = openSession(feature);
  try {
    const principal = await definition.authorize(session, trusted(context), context?.extension);
    const input = definition.input.safeParse(payload ?? {});
    if (!input.success) return invalidRequest(issuesText(input.error, 'payload'));
    // What a schema let through may still hold a prototype key (anywhere in what was sent) or a control character;
    // lengths are each function's to judge (the bridge caps the payload).
    const unsafe =
      unsafeInput(payload, () => true) ?? unsafeInput(input.data, () => false, Number.POSITIVE_INFINITY);
    if (unsafe) return invalidRequest({ verbatim: unsafe });
    return { ok: true, data: await definition.handle(input.data, principal, session) };
  } catch (error) {
    // Forge turns this platform request into its consent screen (external auth); it must not become an envelope.
    if (isConsentRequest(error)) throw error;
    const failure = explain(error);
    if (failure.code === 'INTERNAL') console.error(`${feature}: ${failure.adminMessage}`);
    return {
      ok: false,
      error: {
        code: failure.code,
        message: failure.userMessage,
        text: failure.userText,
        ...(failure.fields ? { fields: failure.fields } : {}),
        ...(failure.fieldTexts ? { fieldTexts: failure.fieldTexts } : {}),
      },
    };
  }
}

/**
 * A resolver's functions by function key. Each entry keeps its own input and principal types; methods are compared
 * bivariantly, so they fit `unknown`.
 */
export type ResolverFunctions = Record<string, ResolverFunction<unknown, unknown, unknown>>;

/** Builds a Forge resolver whose every function authorizes, validates its input and answers an envelope. */
export function buildResolver(feature: string, functions: ResolverFunctions) {
  return forgeResolver(
    Object.fromEntries(
      Object.entries(functions).map(([key, definition]) => [
        key,
        ({ payload, context }: ResolverCall) => {
          // The request context is the platform's (the payload is the app's own page): its shape is what is learnt.
          const note = noteShape('resolver', context);
          return run(definition, feature, payload, context).finally(() => note);
        },
      ]),
    ),
  );
}
