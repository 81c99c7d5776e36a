import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { CspRegion } from '../partner-center/csp-region';
import { AgreementOutcome } from '../partner-center/outcome/outcome';
import type { AppUserTokenProvider } from '../partner-center/auth/app-user-token-provider';
import type { CircuitStateName } from '../partner-center/resilience/upstream-path';
import type { DirectoryState } from '../relationship-directory/directory-snapshot';
import type { PorBatchEvent } from '../partner-center/partner-of-record/por-checker';
import { createPartnerOfRecordMetrics } from './partner-of-record-metrics';
import { AccountBudgetReading, registerAccountBudgetMetrics } from './account-budget-metrics';

export interface GatewayMetricsSources {
  /** Read at scrape time. */
  readonly circuitStates: () => ReadonlyMap<CspRegion, CircuitStateName>;
  /** Read at scrape time: each account's queue. */
  readonly capacities?: () => ReadonlyMap<
    CspRegion,
    { inFlight: number; waiting: number; limit: number; callsPerSecondCap: number | null } & Partial<AccountBudgetReading>
  >;
  readonly tokenProviders: readonly AppUserTokenProvider[];
  /** Responses answered from the response micro-cache. */
  readonly responseCacheHits?: () => number;
  /** Read at scrape time: each account's reseller list. */
  readonly directories?: () => ReadonlyMap<CspRegion, DirectoryState>;
}

/** Everything `/metrics` exposes, with the hooks that feed it. */
export interface GatewayMetrics {
  readonly registry: Registry;
  upstreamCall(region: CspRegion, outcome: AgreementOutcome, seconds: number): void;
  cacheLookup(hit: boolean): void;
  operation(type: string, result: 'ok' | 'error' | 'refused'): void;
  /** A refresh of a region's reseller list this replica fetched from Partner Center. */
  directoryRefresh(region: CspRegion, ok: boolean): void;
  /** A validateresellers batch: its size and each partner ID's result. */
  partnerOfRecordBatch(batch: PorBatchEvent): void;
  /** A shared Redis entry ignored because its signature did not match (`answer`, `list`, `result`). */
  cacheEntryRejected(kind: string): void;
}

const CIRCUIT_VALUES: Record<CircuitStateName, number> = { closed: 0, halfOpen: 1, open: 2 };

/**
 * The labelled child for a key, made once: prom-client hashes and sorts the label object on
 * every unbound `inc` or `observe`, which the upstream path does for each call.
 */
function boundChildren<T>(make: (key: string) => T): (key: string) => T {
  const children = new Map<string, T>();
  return (key) => {
    let child = children.get(key);
    if (child === undefined) {
      child = make(key);
      children.set(key, child);
    }
    return child;
  };
}

export function createGatewayMetrics(sources: GatewayMetricsSources): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'mpa_' });
  const operations = new Counter({
    name: 'mpa_graphql_operations_total',
    help: 'GraphQL operations by type and result.',
    labelNames: ['type', 'result'],
    registers: [registry],
  });
  const upstreamCalls = new Counter({
    name: 'mpa_upstream_calls_total',
    help: 'Partner Center agreementstatus calls by region and outcome kind (every attempt counts).',
    labelNames: ['region', 'outcome'],
    registers: [registry],
  });
  const upstreamLatency = new Histogram({
    name: 'mpa_upstream_latency_seconds',
    help: 'Duration of Partner Center agreementstatus calls.',
    labelNames: ['region'],
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const cacheLookups = new Counter({
    name: 'mpa_cache_lookups_total',
    help: 'Shared status cache lookups by result (hit or miss).',
    labelNames: ['result'],
    registers: [registry],
  });
  const rejectedEntries = new Counter({
    name: 'mpa_cache_rejected_entries_total',
    help: 'Shared Redis entries ignored because their signature (cache.redisSigningKey) did not match, by kind.',
    labelNames: ['kind'],
    registers: [registry],
  });
  new Gauge({
    name: 'mpa_circuit_state',
    help: 'Circuit breaker state per region: 0 closed, 1 half-open, 2 open.',
    labelNames: ['region'],
    registers: [registry],
    collect() {
      for (const [region, state] of sources.circuitStates()) this.set({ region }, CIRCUIT_VALUES[state]);
    },
  });
  /** A gauge per region read at scrape time from `states`; a null reading removes the region's series. */
  const regionGauge =
    <S>(states: () => Iterable<[CspRegion, S]>) =>
    (name: string, help: string, read: (state: S) => number | null) =>
      new Gauge({
        name,
        help,
        labelNames: ['region'],
        registers: [registry],
        collect() {
          for (const [region, state] of states()) {
            const value = read(state);
            if (value === null) this.remove({ region });
            else this.set({ region }, value);
          }
        },
      });
  const capacityGauge = regionGauge(() => sources.capacities?.() ?? []);
  capacityGauge('mpa_upstream_concurrency_limit', 'Calls each region account may have in flight now (adaptive).', (c) => c.limit);
  capacityGauge('mpa_upstream_in_flight', 'Calls in flight per region account.', (c) => c.inFlight);
  capacityGauge('mpa_upstream_waiting', 'Questions waiting for a slot per region account.', (c) => c.waiting);
  capacityGauge(
    'mpa_upstream_rate_cap',
    'Calls per second a region account is paced at after Partner Center throttled it; absent while uncapped.',
    (c) => c.callsPerSecondCap,
  );
  registerAccountBudgetMetrics(registry, () => sources.capacities?.() ?? new Map());
  const refreshed = new Map<CspRegion, number>();
  new Counter({
    name: 'mpa_token_refreshes_total',
    help: 'App+User access tokens obtained from the authority, per region.',
    labelNames: ['region'],
    registers: [registry],
    collect() {
      for (const provider of sources.tokenProviders) {
        const total = provider.refreshes();
        const delta = total - (refreshed.get(provider.region) ?? 0);
        if (delta > 0) this.inc({ region: provider.region }, delta);
        else this.inc({ region: provider.region }, 0);
        refreshed.set(provider.region, total);
      }
    },
  });
  new Gauge({
    name: 'mpa_token_ready',
    help: 'Whether an App+User token can be had for the region (1) or not (0).',
    labelNames: ['region'],
    registers: [registry],
    collect() {
      for (const provider of sources.tokenProviders) this.set({ region: provider.region }, provider.health().state === 'ready' ? 1 : 0);
    },
  });

  const directoryGauge = regionGauge<DirectoryState>(() => sources.directories?.() ?? []);
  directoryGauge(
    'mpa_reseller_directory_size',
    "Relationships in each region account's reseller list; absent while there is none.",
    (d) => d.resellers,
  );
  directoryGauge(
    'mpa_reseller_directory_age_seconds',
    "Age of each region account's reseller list; absent while there is none.",
    (d) => d.ageSeconds,
  );
  directoryGauge(
    'mpa_reseller_directory_usable',
    "Whether each region account's reseller list is used for the relationship check (1) or not (0: loading, unavailable, too old).",
    (d) => (d.status === 'ready' || d.status === 'stale' ? 1 : 0),
  );
  const directoryRefreshes = new Counter({
    name: 'mpa_reseller_directory_refreshes_total',
    help: 'Reseller list refreshes this replica fetched from Partner Center, per region and result (ok or failed).',
    labelNames: ['region', 'result'],
    registers: [registry],
  });

  let countedHits = 0;
  new Counter({
    name: 'mpa_response_cache_hits_total',
    help: 'Requests answered from the response micro-cache (identical query within http.responseCacheMs).',
    registers: [registry],
    collect() {
      const total = sources.responseCacheHits?.() ?? 0;
      this.inc(Math.max(0, total - countedHits));
      countedHits = total;
    },
  });

  const callsBy = boundChildren((key) => {
    const [region, outcome] = key.split(' ');
    return upstreamCalls.labels({ region, outcome });
  });
  const latencyBy = boundChildren((region) => upstreamLatency.labels({ region }));
  const lookupsBy = boundChildren((result) => cacheLookups.labels({ result }));
  const operationsBy = boundChildren((key) => {
    const [type, result] = key.split(' ');
    return operations.labels({ type, result });
  });

  return {
    registry,
    upstreamCall(region, outcome, seconds) {
      callsBy(`${region} ${outcome.kind}`).inc();
      latencyBy(region).observe(seconds);
    },
    cacheLookup(hit) {
      lookupsBy(hit ? 'hit' : 'miss').inc();
    },
    operation(type, result) {
      operationsBy(`${type} ${result}`).inc();
    },
    directoryRefresh(region, ok) {
      directoryRefreshes.inc({ region, result: ok ? 'ok' : 'failed' });
    },
    partnerOfRecordBatch: createPartnerOfRecordMetrics(registry),
    cacheEntryRejected(kind) {
      rejectedEntries.inc({ kind });
    },
  };
}
