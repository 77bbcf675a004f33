import { groupIdOf } from '../state';
import { errorReply } from '../types';
import { groupJson, listParam, userDetailsJson, userJson } from '../views';
import { can, type Handler } from './context';

const getCurrentUser: Handler = (ctx) => ({
  status: 200,
  body: userJson(ctx.site, ctx.caller, listParam(ctx.query, 'expand')),
});

/**
 * GET /rest/api/3/mypreferences/locale (getLocale): "If the user has no language preference set … the browser locale
 * detected by Jira is returned … if this doesn't match a locale available Jira, the site default locale is returned"
 * (spec). The emulator's callers send no Accept-Language, so: the caller's preference, else the site's default.
 */
const getLocale: Handler = (ctx) => ({
  status: 200,
  body: { locale: ctx.caller.locale ?? ctx.site.defaultLocale },
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

/**
 * GET /rest/api/3/user/bulk (bulkGetUsers): "a paginated list of the users specified by one or more account IDs";
 * permission: "Permission to access Jira" (spec). Unknown ids are left out; `accountId` is required (400).
 */
const bulkGetUsers: Handler = (ctx) => {
  const ids = ctx.query.getAll('accountId');
  if (!ids.length) return errorReply(400, 'The accountId query parameter needs to be provided.');
  const startAt = Number(ctx.query.get('startAt') ?? 0);
  const maxResults = Number(ctx.query.get('maxResults') ?? 10);
  const users = [...new Set(ids)].flatMap((id) => {
    const user = ctx.site.users.get(id);
    return user ? [userDetailsJson(ctx.site, user)] : [];
  });
  const values = users.slice(startAt, startAt + maxResults);
  return {
    status: 200,
    body: {
      startAt,
      maxResults,
      total: users.length,
      isLast: startAt + values.length >= users.length,
      values,
    },
  };
};

/**
 * GET /rest/api/3/group/bulk (bulkGetGroups): "a paginated list of groups" named by `groupName` (or `groupId`),
 * permission "Browse users and groups" (spec). Unknown names are left out.
 */
const bulkGetGroups: Handler = (ctx) => {
  if (!can(ctx, 'USER_PICKER')) return errorReply(403, 'You do not have the permission to browse groups.');
  const names = [...new Set(ctx.query.getAll('groupName'))].filter((name) => ctx.site.groups.has(name));
  const startAt = Number(ctx.query.get('startAt') ?? 0);
  const maxResults = Number(ctx.query.get('maxResults') ?? 50);
  const values = names
    .slice(startAt, startAt + maxResults)
    .map((name) => ({ name, groupId: groupIdOf(name) }));
  return {
    status: 200,
    body: {
      startAt,
      maxResults,
      total: names.length,
      isLast: startAt + values.length >= names.length,
      values,
    },
  };
};

export const userHandlers: Record<string, Handler> = {
  getCurrentUser,
  getLocale,
  getUser,
  getUserGroups,
  bulkGetUsers,
  bulkGetGroups,
};
