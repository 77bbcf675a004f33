export { startThirdParty, type ThirdParty } from './server';
export { DEFAULT_CLIENT, DEFAULT_USERS, type ThirdPartyState } from './state';
export type * from './types';
export { loopbackFetch } from './loopback-fetch';
