import { getAppContext } from '@forge/api';

/**
 * Milliseconds left before Forge ends this invocation (25 s for functions and resolvers,
 * https://developer.atlassian.com/platform/forge/limits-invocation/).
 */
export const remainingMs = (): number => getAppContext().invocationRemainingTimeInMillis();
