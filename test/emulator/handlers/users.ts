import { groupIdOf } from '../state';
import { errorReply } from '../types';
import { groupJson, listParam, userJson } from '../views';
import { can, type Handler } from './context';

const getCurrentUser: Handler = (ctx) => ({
  status: 200,
  body: userJson(ctx.site, ctx.caller, listParam(ctx.query, 'expand')),
});

/** GET /user and /user/groups need the global "Browse users and groups" permission (403 otherwise). */
const lookup = (ctx: Parameters<Handler>[0]) => {
  if (!can(ctx, 'USER_PICKER')) {
    return errorReply(403, 'You do not have the permission to see the specified user.');
  }
  const accountId = ctx.query.get('accountId');
  if (!accountId) return errorReply(400, 'The accountId query parameter needs to be provided.');
  const user = ctx.site.users.get(accountId);
  if (!user) return errorReply(404, `Specified user does not exist or you do not have required permissions`);
  return user;
};

const getUser: Handler = (ctx) => {
  const user = lookup(ctx);
  if ('status' in user) return user;
  return { status: 200, body: userJson(ctx.site, user, listParam(ctx.query, 'expand')) };
};

const getUserGroups: Handler = (ctx) => {
  const user = lookup(ctx);
  if ('status' in user) return user;
  return {
    status: 200,
    body: [...user.groups].map((name) => ({ ...groupJson(ctx.site, name), groupId: groupIdOf(name) })),
  };
};

export const userHandlers: Record<string, Handler> = { getCurrentUser, getUser, getUserGroups };
