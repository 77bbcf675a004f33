/**
 * Rules build Jira paths with `route` (it escapes every interpolated value) but do not import @forge/api: the
 * access core is the only door to the platform. Call sites keep the literal `route` template, which is what
 * @forge/lint and the endpoint table read to find the scopes the code needs.
 */
export { route, type Route } from '@forge/api';
