// Import this module before anything that imports @forge/api: it installs the egress shim @forge/api's fetch()
// captures at import time (see runtime.ts).
export {
  startInvocation,
  withInvocation,
  CLOUD_ID,
  APP_ID,
  ENVIRONMENT_ID,
  APP_INSTALLATION,
  type Invocation,
  type InvocationOptions,
  type FetchTarget,
  type ExternalAuthProvider,
} from './runtime';
export {
  MemoryKvs,
  type KvsSnapshot,
  type KvsFault,
  MAX_VALUE_BYTES,
  MAX_QUERY_LIMIT,
  MAX_TRANSACTION_OPS,
} from './kvs';
export { egressApprovalsOf, EgressApprovals, EgressBridgeError, type EgressGroupState } from './egress';
export { AsyncEventQueue, type QueuedEvent, MAX_EVENTS_PER_PUSH, MAX_PUSH_KB } from './queue';
export { readManifestPermissions, MANIFEST_PATH, type ManifestPermissions } from './manifest';
export {
  runValidator,
  runPostFunction,
  runTrigger,
  runPlatformRetry,
  runQueue,
  DEFAULT_CONSUMER_TIMEOUT_SECONDS,
  type ConsumerDelivery,
  callResolver,
  buildPostFunctionEvent,
  isInvocationError,
  MAX_RETRIES,
  MAX_RETRY_AFTER_SECONDS,
  MAX_INVOKE_PAYLOAD_BYTES,
  type RunOptions,
  type ValidatorPayload,
  type ValidatorResult,
  type PostFunctionEvent,
  type PostFunctionTransition,
  type TransitionShape,
  type RetryContext,
  type RetryReport,
  type Delivery,
  type InvocationErrorShape,
  type ResolverHandler,
  type BridgeContext,
} from './invoke';
