import { performance } from 'node:perf_hooks';

/**
 * The time spent inside the emulated services (Jira, the in-memory KVS, the loopback third party): it stands for
 * network time, which the benchmarks subtract from a run's wall time to leave the code's own work. Each service
 * is timed by wrapping the function that answers its requests; requests in flight together count once (the
 * union of the intervals).
 */
export interface EmulatorClock {
  /** Wraps a request handler so that the time until its answer counts as time inside the emulators. */
  timed<A extends unknown[], R>(handle: (...args: A) => Promise<R>): (...args: A) => Promise<R>;
  /** Milliseconds inside the emulators so far, a request still in flight included. */
  elapsed(): number;
  /** Runs `run`; its wall time, and its own time: the wall time minus the time inside the emulators meanwhile. */
  time<T>(run: () => Promise<T>): Promise<{ result: T; wallMs: number; ownMs: number }>;
}

export function emulatorClock(): EmulatorClock {
  let inside = 0;
  let inFlight = 0;
  let since = 0;
  const elapsed = () => inside + (inFlight ? performance.now() - since : 0);
  return {
    timed:
      (handle) =>
      async (...args) => {
        if (inFlight++ === 0) since = performance.now();
        try {
          return await handle(...args);
        } finally {
          if (--inFlight === 0) inside += performance.now() - since;
        }
      },
    elapsed,
    async time(run) {
      const emulatorBefore = elapsed();
      const start = performance.now();
      const result = await run();
      const wallMs = performance.now() - start;
      return { result, wallMs, ownMs: wallMs - (elapsed() - emulatorBefore) };
    },
  };
}
