/** The host (Jira's iframe loader) defines `__bridge`; @forge/bridge throws at import time without it. */
export function hasForgeBridge(): boolean {
  const candidate = (globalThis as { __bridge?: { callBridge?: unknown } }).__bridge;
  return typeof candidate?.callBridge === 'function';
}
