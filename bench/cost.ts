import { kvsRoundTrips, type Metered } from './meter';
import { round } from './stats';

/**
 * Overage prices, USD, from https://developer.atlassian.com/platform/forge/forge-platform-pricing/ ("Billable
 * capabilities and pricing"; read 2026-11-30 in the docs mirror minhhai2209/forge-docs-snapshot, commit
 * 26edf994, the same table as https://developer.atlassian.com/platform/forge/optimise-forge-costs/). The free
 * monthly allowance is left out: these are the prices of executions beyond it.
 */
export const PRICES = {
  gbSecond: 0.000025,
  kvsReadGb: 0.055,
  kvsWriteGb: 1.09,
  logWriteGb: 1.005,
} as const;
export const PRICES_SOURCE = 'forge-platform-pricing (docs mirror commit 26edf994, read 2026-11-30)';

/**
 * "Currently, for all Lambda functions, the memory allocation by default is 0.5 GB";
 * "Compute in GB-sec = (Lambda Execution Time in seconds * 0.5)"
 * (https://developer.atlassian.com/platform/forge/monitor-usage-metrics/).
 */
export const FUNCTION_GB = 0.5;

/**
 * The latency model (an assumption: Atlassian publishes no latencies): every remote call is awaited one after
 * another and takes a fixed time. The function is billed for the whole wait.
 */
export const LATENCY_MS = { jira: 150, kvs: 25, external: 150 } as const;

/** The pricing page works in binary units (its example divides MB by 1,024): a GB is 2^30 bytes. */
const GB = 1024 ** 3;

/** A type alias, not an interface, so that printTable accepts it as a record. */
export type Billing = {
  'KVS B read': number;
  'KVS B written': number;
  'B stored after': number;
  'of which kept <= 7 days': number;
  'log B': number;
  'modelled s': number;
  'GB-s': number;
  'USD per 1M executions': number;
};

/**
 * One execution's billing units: `metered` divided by `runs`, the function's own time (`ownMs`, p50) plus the
 * modelled waits for its calls.
 */
export function billing(metered: Metered, runs: number, ownMs: number): Billing {
  const per = (n: number) => n / runs;
  const waitMs =
    per(metered.jiraCalls) * LATENCY_MS.jira +
    per(kvsRoundTrips(metered)) * LATENCY_MS.kvs +
    per(metered.externalCalls) * LATENCY_MS.external;
  const seconds = (ownMs + waitMs) / 1000;
  const gbSeconds = seconds * FUNCTION_GB;
  const usd =
    gbSeconds * PRICES.gbSecond +
    (per(metered.kvsBytesRead) / GB) * PRICES.kvsReadGb +
    (per(metered.kvsBytesWritten) / GB) * PRICES.kvsWriteGb +
    (per(metered.logBytes) / GB) * PRICES.logWriteGb;
  return {
    'KVS B read': Math.round(per(metered.kvsBytesRead)),
    'KVS B written': Math.round(per(metered.kvsBytesWritten)),
    'B stored after': Math.round(per(metered.bytesStored)),
    'of which kept <= 7 days': Math.round(per(metered.bytesStoredShortLived)),
    'log B': Math.round(per(metered.logBytes)),
    'modelled s': round(seconds, 3),
    'GB-s': round(gbSeconds, 4),
    'USD per 1M executions': round(usd * 1_000_000, 2),
  };
}
