/**
 * The full-speed section of `npm run bench` (issue 29, "healthy means full speed"): cold load
 * (every request a reseller never asked before) with no rate limit at Partner Center, 32
 * connections, over 10 s and over 30 s, against a fresh gateway with the shipped defaults (its
 * limit starts at 8 and must learn the rest), beside an unbounded client calling the emulator
 * directly with the same connections. Gateway and direct client take turns on the same
 * emulator, so both see the same machine.
 */
import os from 'node:os';
import autocannon from 'autocannon';
import { request } from 'undici';
import { ServerStarter } from './stress';

const LATENCY_MS = 50;
const CONNECTIONS = 32;
const WINDOWS_SECONDS = [10, 30] as const;
/** Requests sent before timing, 4 at a time: V8 compiles the cold path, and the limit (8) is never full, so it learns nothing yet. */
const WARM_UP_REQUESTS = 300;
const WARM_UP_CALLERS = 4;
/** The control: the same gateway with its limit fixed this high, above what 32 connections ask. */
const FIXED_CONTROL = 64;
/** How often the gateway's limit is read while it is loaded, in ms. */
const LIMIT_SAMPLE_MS = 500;
const COLD_QUERY =
  'query ($id: ID) { orderEligibility(order: {mpnId: $id, region: UNITED_STATES}) { canSubmit mpaStatus { __typename } } }';
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

interface Loaded {
  readonly answersPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Transport errors and timeouts, and for the gateway non-2xx answers (the emulator answers unknown IDs 400, which is its real answer). */
  readonly errors: number;
  /** Gateway answers that are not Partner Center's real answer (MpaMpnIdNotRecognized for a never-seen ID). */
  readonly notReal: number;
}

let nextId = 80_000_000;

async function coldLoad(url: string, headers: Record<string, string>, seconds: number, asGraphQL: boolean): Promise<Loaded> {
  let notReal = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      asGraphQL
        ? {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...headers },
            setupRequest: (req: any) => ({ ...req, body: JSON.stringify({ query: COLD_QUERY, variables: { id: String(nextId++) } }) }),
            onResponse: (_status: number, body: string) => {
              if (!body.includes('"MpaMpnIdNotRecognized"')) notReal += 1;
            },
          }
        : {
            method: 'GET',
            headers,
            setupRequest: (req: any) => ({ ...req, path: `/v1/compliance/csp/agreementstatus?mpnId=${nextId++}` }),
          },
    ],
  } as any);
  return {
    answersPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + (asGraphQL ? result.non2xx : 0),
    notReal,
  };
}

/** The account's limit and the calls waiting for it, from the detailed /readyz. */
async function upstream(operatorUrl: string): Promise<{ limit: number; waiting: number }> {
  const readiness = (await (await request(`${operatorUrl}/readyz`)).body.json()) as any;
  const { limit, waiting } = readiness.regions.UNITED_STATES.upstream;
  return { limit, waiting };
}

async function warmUp(url: string, apiKey: string): Promise<void> {
  let sent = 0;
  await Promise.all(
    Array.from({ length: WARM_UP_CALLERS }, async () => {
      while (sent < WARM_UP_REQUESTS) {
        sent += 1;
        const response = await request(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
          body: JSON.stringify({ query: COLD_QUERY, variables: { id: String(nextId++) } }),
        });
        await response.body.text();
      }
    }),
  );
}

/**
 * A fresh gateway (its limit starts at 8, or fixed at `fixedConcurrency`), warmed up, under
 * cold load for `seconds`, its limit and its queue read meanwhile.
 */
async function loadGateway(
  start: ServerStarter,
  emulatorUrl: string,
  apiKeySha256: string,
  apiKey: string,
  seconds: number,
  fixedConcurrency?: number,
) {
  const gateway = await start('gateway', JSON.stringify({ emulatorUrl, apiKeySha256, defaults: true, fixedConcurrency }));
  await warmUp(gateway.info.url, apiKey);
  const limitAtStart = (await upstream(gateway.info.operatorUrl!)).limit;
  const readings: Array<{ limit: number; waiting: number }> = [];
  const sampler = setInterval(() => {
    upstream(gateway.info.operatorUrl!).then(
      (reading) => readings.push(reading),
      () => undefined,
    );
  }, LIMIT_SAMPLE_MS);
  const loaded = await coldLoad(`${gateway.info.url}/graphql`, { 'x-api-key': apiKey }, seconds, true);
  clearInterval(sampler);
  await gateway.stop();
  const half = readings.slice(Math.floor(readings.length / 2));
  const secondHalf =
    half.length === 0
      ? undefined
      : {
          min: Math.min(...half.map((r) => r.limit)),
          max: Math.max(...half.map((r) => r.limit)),
          meanWaiting: round(half.reduce((sum, r) => sum + r.waiting, 0) / half.length, 1),
        };
  return { loaded, limitAtStart, secondHalf };
}

export async function runFullSpeed(start: ServerStarter, apiKeySha256: string, apiKey: string) {
  const emulator = await start('emulator', JSON.stringify({ latencyMs: LATENCY_MS, callLogLimit: 100 }));
  const windows = [];
  for (const seconds of WINDOWS_SECONDS) {
    const loadBefore = os.loadavg()[0];
    const adaptive = await loadGateway(start, emulator.info.url, apiKeySha256, apiKey, seconds);
    const direct = await coldLoad(emulator.info.url, { authorization: 'Bearer sandbox-united-states' }, seconds, false);
    const fixed = await loadGateway(start, emulator.info.url, apiKeySha256, apiKey, seconds, FIXED_CONTROL);
    windows.push({
      seconds,
      gateway: adaptive.loaded,
      direct,
      fixed: fixed.loaded,
      throughputRatio: round(adaptive.loaded.answersPerSecond / direct.answersPerSecond),
      p50Ratio: round(adaptive.loaded.p50Ms / direct.p50Ms),
      fixedThroughputRatio: round(fixed.loaded.answersPerSecond / direct.answersPerSecond),
      limitAtStart: adaptive.limitAtStart,
      limitSecondHalf: adaptive.secondHalf,
      loadAverage: round(loadBefore, 1),
    });
  }
  await emulator.stop();
  return { latencyMs: LATENCY_MS, connections: CONNECTIONS, cpus: os.cpus().length, windows };
}

export function renderFullSpeed(f: Awaited<ReturnType<typeof runFullSpeed>>): string[] {
  const limitText = (w: (typeof f.windows)[number]) =>
    w.limitSecondHalf
      ? `${w.limitAtStart} → ${w.limitSecondHalf.min}–${w.limitSecondHalf.max}, ${w.limitSecondHalf.meanWaiting} waiting`
      : `${w.limitAtStart} → ?`;
  return [
    `## Full speed on a healthy upstream (cold load: every request a new reseller; ${f.connections} connections, ${f.latencyMs} ms upstream latency, no rate limit, shipped defaults)`,
    '',
    `For each window: a fresh gateway (its limit starts at 8; a warm-up of ${WARM_UP_REQUESTS} requests, ${WARM_UP_CALLERS} at a time, compiles the cold path without filling the limit), then an unbounded client calling the emulator directly with the same connections, then a fresh gateway with its limit fixed at ${FIXED_CONTROL} (the control: what the gateway does when the limit holds nothing back). The machine is shared: the load average before each window is given; with other work running, the ratios move by tens of per cent.`,
    '',
    `| window | gateway answers/s | direct answers/s | gateway / direct (target ≥ 0.9) | gateway p50 / p99 ms | direct p50 / p99 ms | p50 gateway / direct | limit: start → second half (min–max), mean calls waiting | fixed ${FIXED_CONTROL}: answers/s, p50 ms, / direct | errors; gateway answers not real | load average |`,
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...f.windows.map(
      (w) =>
        `| ${w.seconds} s | ${w.gateway.answersPerSecond} | ${w.direct.answersPerSecond} | **${w.throughputRatio}** | ${w.gateway.p50Ms} / ${w.gateway.p99Ms} | ${w.direct.p50Ms} / ${w.direct.p99Ms} | ${w.p50Ratio} | ${limitText(w)} | ${w.fixed.answersPerSecond}, ${w.fixed.p50Ms}, ${w.fixedThroughputRatio} | ${w.gateway.errors + w.direct.errors + w.fixed.errors}; ${w.gateway.notReal + w.fixed.notReal} | ${w.loadAverage} on ${f.cpus} cores |`,
    ),
    '',
  ];
}
