/**
 * The tracing section of `npm run bench` (`--only=tracing`): what OpenTelemetry tracing costs.
 * Three gateways against one emulator: tracing off, one exporting to a local OTLP/HTTP
 * receiver (its own process), and one writing the decision log to a file; loaded in turns in the same run: the cached path (a
 * status-cache hit, response micro-cache off, every request through Apollo's pipeline) and an
 * uncached path (every request a reseller never asked before: an agreementstatus and a
 * validateresellers call each). Each gateway's CPU time per request is read beside its
 * throughput: on a shared machine throughput moves with whatever else runs, CPU much less.
 */
import { cpuMicroseconds } from './process-cpu';
import { CpuLoadRun, loadWithServerCpu } from './server-cpu-load';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool, request } from 'undici';

/** Starts a bench server (`bench-servers.js <mode> <arg>`) with more environment; `pid` is its process's. */
export type EnvServerStarter = (
  mode: string,
  arg: string,
  env: Record<string, string>,
) => Promise<{ info: { url: string; operatorUrl?: string }; pid: number; stop(): Promise<void> }>;

const ROUNDS = 5;
/**
 * The tracing gateway's batch exporter: its defaults (a 2,048-span queue exported every 5 s)
 * drop most spans at these rates, which would make tracing look cheaper than it is. A queue
 * that never fills, exported twice a second, so every span is made and sent.
 */
const EXPORT_ENV = { OTEL_BSP_SCHEDULE_DELAY: '500', OTEL_BSP_MAX_QUEUE_SIZE: '65536', OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '2048' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const CACHED_SECONDS = 5;
const CONNECTIONS = 8;
const UNCACHED_REQUESTS = 1_500;
const UNCACHED_CONCURRENCY = 8;
const UPSTREAM_LATENCY_MS = 0;
const CACHED_QUERY = '{ orderEligibility(order: {mpnId: "1000001", region: UNITED_STATES}) { canSubmit verified } }';
const UNCACHED_QUERY = 'query ($id: ID) { orderEligibility(order: {mpnId: $id, region: UNITED_STATES}) { canSubmit verified } }';

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

type Run = CpuLoadRun;

const cachedRun = (url: string, pid: number, apiKey: string): Promise<Run> =>
  loadWithServerCpu(url, pid, { connections: CONNECTIONS, seconds: CACHED_SECONDS, apiKey, body: JSON.stringify({ query: CACHED_QUERY }) });

let nextId = 30_000_000;

/** `UNCACHED_REQUESTS` operations, each about a reseller never asked before, `UNCACHED_CONCURRENCY` at a time. */
async function uncachedRun(url: string, pid: number, apiKey: string): Promise<Run> {
  const pool = new Pool(url, { connections: UNCACHED_CONCURRENCY });
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const before = cpuMicroseconds(pid);
  const begin = performance.now();
  await Promise.all(
    Array.from({ length: UNCACHED_CONCURRENCY }, async () => {
      while (sent < UNCACHED_REQUESTS) {
        sent += 1;
        const started = performance.now();
        const response = await pool.request({
          path: '/graphql',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
          body: JSON.stringify({ query: UNCACHED_QUERY, variables: { id: String(nextId++) } }),
        });
        const text = await response.body.text();
        latencies.push(performance.now() - started);
        if (response.statusCode !== 200 || text.includes('"errors"')) errors += 1;
      }
    }),
  );
  const seconds = (performance.now() - begin) / 1000;
  const after = cpuMicroseconds(pid);
  await pool.close();
  return {
    requestsPerSecond: round(latencies.length / seconds, 0),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    cpuMicrosecondsPerRequest: before === undefined || after === undefined ? undefined : round((after - before) / latencies.length),
    errors,
    answered: latencies.length,
  };
}

/** Spans the receiver has been sent so far. */
async function spansReceived(receiverUrl: string): Promise<number> {
  const response = await request(`${receiverUrl}/count`);
  return ((await response.body.json()) as { spans: number }).spans;
}

const summary = (runs: Run[]) => ({
  runs: runs.map((run) => run.requestsPerSecond),
  medianRequestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
  medianP50Ms: median(runs.map((run) => run.p50Ms)),
  medianP99Ms: median(runs.map((run) => run.p99Ms)),
  medianCpuMicrosecondsPerRequest: runs.some((run) => run.cpuMicrosecondsPerRequest === undefined)
    ? undefined
    : median(runs.map((run) => run.cpuMicrosecondsPerRequest!)),
  errors: runs.reduce((sum, run) => sum + run.errors, 0),
  answered: runs.reduce((sum, run) => sum + run.answered, 0),
});

export async function runTracing(start: EnvServerStarter, apiKeySha256: string, apiKey: string) {
  const emulator = await start('emulator', JSON.stringify({ latencyMs: UPSTREAM_LATENCY_MS, callLogLimit: 100 }), {});
  const receiver = await start('otlp-receiver', '', {});
  const gatewayArg = JSON.stringify({ emulatorUrl: emulator.info.url, apiKeySha256, responseCacheMs: 0, concurrency: 16 });
  const off = await start('gateway', gatewayArg, {});
  const on = await start('gateway', gatewayArg, { MPA_TRACING_ENDPOINT: `${receiver.info.url}/v1/traces`, ...EXPORT_ENV });
  // The decision log on its own (tracing off), appending to a file as an operator would set it.
  const logFolder = mkdtempSync(path.join(os.tmpdir(), 'mpa-bench-decisions-'));
  const log = await start('gateway', gatewayArg, { MPA_DECISION_LOG: path.join(logFolder, 'decisions.jsonl') });
  const gateways = { off, on, log };
  try {
    for (const gateway of [off, on, log]) {
      // Warm: the cached answer in, and the code paths compiled.
      await uncachedRun(gateway.info.url, gateway.pid, apiKey);
      await cachedRun(gateway.info.url, gateway.pid, apiKey);
    }
    const cached: Record<'off' | 'on' | 'log', Run[]> = { off: [], on: [], log: [] };
    const uncached: Record<'off' | 'on' | 'log', Run[]> = { off: [], on: [], log: [] };
    const spans = { cached: 0, uncached: 0 };
    /** Spans that arrive after `run`, once the exporter has sent what it held (untimed). */
    const counted = async <T>(run: () => Promise<T>, path: 'cached' | 'uncached'): Promise<T> => {
      await sleep(1_500);
      const before = await spansReceived(receiver.info.url);
      const result = await run();
      await sleep(1_500);
      spans[path] += (await spansReceived(receiver.info.url)) - before;
      return result;
    };
    // In turns, so that whatever else the machine does falls on both alike.
    for (let turn = 0; turn < ROUNDS; turn += 1) {
      for (const name of ['off', 'on', 'log'] as const) {
        const gateway = gateways[name];
        const cachedOne = () => cachedRun(gateway.info.url, gateway.pid, apiKey);
        const uncachedOne = () => uncachedRun(gateway.info.url, gateway.pid, apiKey);
        cached[name].push(name === 'on' ? await counted(cachedOne, 'cached') : await cachedOne());
        uncached[name].push(name === 'on' ? await counted(uncachedOne, 'uncached') : await uncachedOne());
      }
    }
    const answered = (runs: Run[]) => runs.reduce((sum, run) => sum + run.answered, 0);
    return {
      rounds: ROUNDS,
      cachedSeconds: CACHED_SECONDS,
      connections: CONNECTIONS,
      uncachedRequests: UNCACHED_REQUESTS,
      uncachedConcurrency: UNCACHED_CONCURRENCY,
      upstreamLatencyMs: UPSTREAM_LATENCY_MS,
      cpus: os.cpus().length,
      cached: { off: summary(cached.off), on: summary(cached.on), log: summary(cached.log) },
      uncached: { off: summary(uncached.off), on: summary(uncached.on), log: summary(uncached.log) },
      // Every span made should arrive (see EXPORT_ENV); this says how many did.
      spansPerRequest: { cached: round(spans.cached / answered(cached.on), 2), uncached: round(spans.uncached / answered(uncached.on), 2) },
    };
  } finally {
    await Promise.all([off.stop(), on.stop(), log.stop()]);
    rmSync(logFolder, { recursive: true, force: true });
    await receiver.stop();
    await emulator.stop();
  }
}

export function renderTracing(result: Awaited<ReturnType<typeof runTracing>>): string[] {
  const row = (path: string, tracing: string, s: ReturnType<typeof summary>) =>
    `| ${path} | ${tracing} | ${s.runs.join(' / ')} | ${s.medianRequestsPerSecond} | ${s.medianP50Ms} | ${s.medianP99Ms} | ${s.medianCpuMicrosecondsPerRequest ?? 'n/a'} | ${s.errors} |`;
  const ratio = (a: number, b: number) => `${Math.round((a / b - 1) * 100)} %`;
  return [
    '## Tracing overhead',
    '',
    `Three gateways against one emulator (upstream latency ${result.upstreamLatencyMs} ms), tracing off, tracing on ` +
      `(exporting over OTLP/HTTP to a receiver in its own process) and the decision log on (to a file), loaded in turns, ${result.rounds} rounds, ${result.cpus} CPUs. ` +
      `Cached: one orderEligibility answered from the status cache, response micro-cache off, ${result.connections} connections, ` +
      `${result.cachedSeconds} s per run. Uncached: ${result.uncachedRequests} operations per run, ${result.uncachedConcurrency} at a time, ` +
      'each about a reseller never asked before (an agreementstatus and a validateresellers call each).',
    '',
    '| Path | Tracing | Requests/s (runs) | Median req/s | p50 ms | p99 ms | Gateway CPU µs/request | Errors |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    row('cached', 'off', result.cached.off),
    row('cached', 'on', result.cached.on),
    row('cached', 'decision log on (file), tracing off', result.cached.log),
    row('uncached', 'off', result.uncached.off),
    row('uncached', 'on', result.uncached.on),
    row('uncached', 'decision log on (file), tracing off', result.uncached.log),
    '',
    `Tracing on vs off: cached throughput ${ratio(result.cached.on.medianRequestsPerSecond, result.cached.off.medianRequestsPerSecond)}, ` +
      `CPU per request ${ratio(result.cached.on.medianCpuMicrosecondsPerRequest ?? NaN, result.cached.off.medianCpuMicrosecondsPerRequest ?? NaN)}; ` +
      `uncached throughput ${ratio(result.uncached.on.medianRequestsPerSecond, result.uncached.off.medianRequestsPerSecond)}, ` +
      `CPU per request ${ratio(result.uncached.on.medianCpuMicrosecondsPerRequest ?? NaN, result.uncached.off.medianCpuMicrosecondsPerRequest ?? NaN)}. ` +
      `Decision log on vs off: cached CPU per request ${ratio(result.cached.log.medianCpuMicrosecondsPerRequest ?? NaN, result.cached.off.medianCpuMicrosecondsPerRequest ?? NaN)}, ` +
      `uncached ${ratio(result.uncached.log.medianCpuMicrosecondsPerRequest ?? NaN, result.uncached.off.medianCpuMicrosecondsPerRequest ?? NaN)} (one record per order line decided). ` +
      `Spans the receiver got per request with tracing on: cached ${result.spansPerRequest.cached}, uncached ${result.spansPerRequest.uncached} ` +
      '(batch exporter every 500 ms, queue never full).',
    '',
  ];
}
