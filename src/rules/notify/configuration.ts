import { z } from 'zod';
import { ConnectionId } from '../../connections/model';
import { PostFunctionSettings } from '../../shared/post-function-settings';

/**
 * Notify: posts the issue and the transition as JSON to a connection an admin set up (src/connections). How it
 * authenticates is the connection's auth mode; `actor` decides whose view of the issue is sent and, for
 * `user-account` connections, whose account sends it.
 */
export const NotifyConfig = PostFunctionSettings.extend({
  connectionId: ConnectionId,
  /** The connection's name when the rule was saved: what the workflow editor's summary shows (the id stays the key). */
  connectionName: z.string().max(255).optional(),
});
export type NotifyConfig = z.infer<typeof NotifyConfig>;
