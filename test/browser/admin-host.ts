import { callResolver, type ResolverHandler, type RunOptions } from '../harness';
import { adminContext } from '../pages/admin/admin-site';
import { adminResolver } from '../../src/pages/admin';
import type { FakeForgeHost } from './forge-page';

/**
 * The Forge host of the admin page in a browser test: Jira's context for the signed-in Jira admin `admin` (plus
 * `context`, e.g. a licence), and every `invoke` through the real resolver as that admin, one invocation at a time
 * (the harness's runtime globals hold one invocation). `onAnswer` sees each answer as the bridge carried it.
 */
export function adminPageHost(
  run: RunOptions,
  options: {
    resolver?: ResolverHandler;
    context?: Record<string, unknown>;
    onAnswer?: (answer: unknown) => void;
  } = {},
): FakeForgeHost {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    getContext: () =>
      Promise.resolve({
        accountId: 'admin',
        moduleKey: 'admin-page',
        extension: { type: 'jira:adminPage' },
        localId: 'admin-1',
        locale: 'en-US',
        ...options.context,
      }),
    invoke: (functionKey, payload) => {
      const answer = queue.then(async () => {
        const result = await callResolver(
          options.resolver ?? adminResolver,
          functionKey,
          payload,
          adminContext('admin'),
          run,
        );
        options.onAnswer?.(result);
        return result;
      });
      queue = answer.catch(() => undefined);
      return answer;
    },
  };
}
