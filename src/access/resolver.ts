import Resolver from '@forge/resolver';

/** What a resolver function receives from @forge/resolver: the page's payload and the invocation context. */
export interface ResolverCall {
  payload: unknown;
  context: Record<string, unknown> | undefined;
}

/**
 * Builds a Forge resolver from a table of functions. Only the table's own keys are functions: @forge/resolver 2.0.1
 * looks a key up with `in` on a plain object, so without the check `constructor`, `toString` or `__proto__` would
 * reach Object.prototype and answer any caller.
 */
export function forgeResolver(functions: Record<string, (call: ResolverCall) => Promise<unknown>>) {
  const resolver = new Resolver();
  for (const [key, handle] of Object.entries(functions)) {
    resolver.define(key, ({ payload, context }) => handle({ payload, context }));
  }
  const definitions = resolver.getDefinitions();
  return (...args: Parameters<typeof definitions>): ReturnType<typeof definitions> => {
    const key: unknown = args[0]?.call?.functionKey;
    if (typeof key !== 'string' || !Object.hasOwn(functions, key)) {
      // The library's own answer to an unknown function.
      return Promise.reject(new Error(`Resolver has no definition for '${String(key)}'.`));
    }
    return definitions(...args);
  };
}
