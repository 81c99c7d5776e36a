/**
 * `npm run bench` (quick, under two minutes) and `npm run bench:full`: measures DESIGN §5's
 * targets side by side in one run and writes bench/RESULTS.md and bench/results.json.
 */
import { renderBudget, runBudget } from './budget';
import { ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadWithServerCpu } from './server-cpu-load';
import { Pool, request } from 'undici';
import { renderAdaptive, runAdaptive } from './adaptive';
import { renderFullSpeed, runFullSpeed } from './full-speed';
import { renderAuditBench, runAuditBench } from './audit-bench';
import { renderStress, runStress } from './stress';
import { renderRelationships, runRelationships } from './relationships';
import { renderPartnerOfRecord, runPartnerOfRecord } from './partner-of-record';
import { renderTracing, runTracing } from './tracing';
import { renderThroughput, runThroughput } from './throughput';

const FULL = process.argv.includes('--full');
/** `--only=<section>` (throughput, stress, adaptive, fullSpeed, audit, relationships, partnerOfRecord, tracing, budget) runs that section alone and prints it, leaving the committed results as they are. */
const ONLY = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
/**
 * `--baseline <checkout>`: another checkout, built (`npm run build` there), whose gateway is
 * loaded in turns with this one for cached throughput, to compare two builds in one run.
 */
const BASELINE = ((at) => (at === -1 ? undefined : process.argv[at + 1]))(process.argv.indexOf('--baseline'));
const BASELINE_ROUNDS = FULL ? 6 : 4;
/** Old-space limit of the gateways in the memory-by-query-text section, as a small container would set. */
const QUERY_TEXT_HEAP_MIB = 512;
/** Distinct padded query texts sent in the memory-by-query-text section, and their size. */
const PADDED_QUERIES = 5_000;
const PADDED_QUERY_BYTES = 99_000;
const ROOT = path.resolve(__dirname, '..', '..');
// At least 24 characters: shorter API keys are refused before they are looked up.
const API_KEY = 'bench-client-key-0f3a9c71d2e4b8';
const LATENCY_MS = 50;
const CONCURRENCY = 16;
const THROUGHPUT_SECONDS = FULL ? 10 : 5;
/** Rounds of the cached-throughput section, its six servers loaded in turns in each. */
const THROUGHPUT_ROUNDS = FULL ? 5 : 3;
const CONNECTIONS = 32;
const COLD_SAMPLES = FULL ? 200 : 50;
const WARM_UP_SIZES = [...Array<number>(20).fill(100), 1_000];
// Runs per size: the 100-ID figure moves by a few per cent between runs on a small VM, so it gets more.
const FAN_OUT_RUNS: Readonly<Record<number, number>> = FULL ? { 100: 21, 1_000: 7 } : { 100: 7, 1_000: 3 };

const COLD_QUERY =
  'query ($id: ID) { orderEligibility(order: {mpnId: $id, region: UNITED_STATES}) { canSubmit mpaStatus { __typename } } }';
const ELIGIBILITY_QUERY =
  '{ orderEligibility(order: {mpnId: "1000001", region: UNITED_STATES}) { canSubmit verified retryable mpaStatus { __typename ... on MpaStatusOutcome { message } } } }';

interface Started {
  readonly child: ChildProcess;
  /** `operatorUrl`: the gateway's operator port (`/metrics`, the detailed `/readyz`). */
  readonly info: { url: string; operatorUrl?: string };
}

function startServer(
  mode: string,
  arg = '',
  env: Record<string, string> = {},
  script = path.join(__dirname, 'bench-servers.js'),
): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, mode, arg], {
      // Production mode for every server, as deployed: graphql-js skips its development checks.
      env: { ...process.env, ...env, NODE_ENV: 'production', APOLLO_TELEMETRY_DISABLED: 'true' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffer: string | undefined = '';
    child.stdout.on('data', (chunk: Buffer) => {
      // After READY the output (a gateway's log lines) is read and dropped, as a log shipper would take it.
      if (buffer === undefined) return;
      buffer += chunk.toString();
      const line = /READY (.*)\n/.exec(buffer);
      if (!line) return;
      buffer = undefined;
      resolve({ child, info: JSON.parse(line[1]) });
    });
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

function stop(started: Started): Promise<void> {
  return new Promise((resolve) => {
    if (started.child.exitCode !== null || started.child.signalCode !== null) return resolve();
    started.child.removeAllListeners('exit');
    started.child.once('exit', () => resolve());
    started.child.kill('SIGTERM');
    setTimeout(() => started.child.kill('SIGKILL'), 5_000).unref();
  });
}

/** A bench server with more environment, and its process id (the sections that read its CPU). */
async function envStarter(mode: string, arg: string, env: Record<string, string>) {
  const server = await startServer(mode, arg, env);
  return { info: server.info, pid: server.child.pid!, stop: () => stop(server) };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** One operation over keep-alive HTTP, with the same client as the direct REST columns. */
async function graphql(url: string, query: string, variables?: unknown): Promise<{ status: number; text: string }> {
  const response = await request(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.statusCode, text: await response.body.text() };
}

async function emulatorCalls(emulatorUrl: string): Promise<number> {
  return ((await (await request(`${emulatorUrl}/_emulator/calls`)).body.json()) as { count: number }).count;
}

/**
 * The same N calls made straight to the emulator with C at a time and nothing else to do:
 * the floor the transport and the emulator allow, beside the ideal.
 */
async function directFanOut(pool: Pool, ids: string[]): Promise<number> {
  let next = 0;
  const begin = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < ids.length) {
        const id = ids[next++];
        const response = await pool.request({
          path: `/v1/compliance/csp/agreementstatus?mpnId=${id}`,
          method: 'GET',
          headers: { authorization: 'Bearer sandbox-united-states' },
        });
        await response.body.text();
      }
    }),
  );
  return performance.now() - begin;
}

/** Resident memory and heap of a gateway process, read from its /metrics. */
async function processMemory(url: string): Promise<{ rssBytes: number; heapUsedBytes: number }> {
  const text = await (await request(`${url}/metrics`)).body.text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  return { rssBytes: value('mpa_process_resident_memory_bytes'), heapUsedBytes: value('mpa_nodejs_heap_size_used_bytes') };
}

/**
 * Memory bounded by query text: distinct valid queries padded with a comment (comments are
 * not tokens, so only the size limit could refuse them; it is raised to let every one through
 * parsing, validation, costing and execution), 8 at a time, RSS read every 1,000, in a
 * gateway whose heap is limited as a small container's would be. `script` picks the build.
 */
async function queryTextMemory(emulatorUrl: string, apiKeySha256: string, script?: string) {
  const maxQueryBytes = 102_400;
  const gateway = await startServer(
    'gateway',
    JSON.stringify({ emulatorUrl, concurrency: CONCURRENCY, apiKeySha256, maxQueryBytes }),
    { NODE_OPTIONS: `--max-old-space-size=${QUERY_TEXT_HEAP_MIB}` },
    script,
  );
  const { url, operatorUrl } = gateway.info;
  const padding = 'x'.repeat(PADDED_QUERY_BYTES - 200);
  const readings = [{ queries: 0, ...(await processMemory(operatorUrl!)) }];
  let refused = 0;
  let next = 0;
  let crashedAfter: number | undefined;
  const begin = performance.now();
  while (next < PADDED_QUERIES && crashedAfter === undefined) {
    const batchEnd = Math.min(PADDED_QUERIES, next + 1_000);
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < batchEnd && crashedAfter === undefined) {
          const i = next++;
          try {
            const answer = await graphql(
              url,
              `query Padded${i} { orderEligibility(order: {mpnId: "1000001", region: UNITED_STATES}) { canSubmit } } # ${padding}`,
            );
            if (answer.status !== 200) refused += 1;
          } catch {
            crashedAfter ??= i;
          }
        }
      }),
    );
    if (crashedAfter === undefined) readings.push({ queries: next, ...(await processMemory(operatorUrl!)) });
  }
  const seconds = (performance.now() - begin) / 1000;
  await stop(gateway);
  const peakRssBytes = Math.max(...readings.map((reading) => reading.rssBytes));
  return {
    queries: PADDED_QUERIES,
    queryBytes: PADDED_QUERY_BYTES,
    maxQueryBytes,
    heapLimitMiB: QUERY_TEXT_HEAP_MIB,
    refused,
    crashedAfter,
    seconds: round(seconds),
    peakRssBytes,
    readings,
  };
}

/** A load on one server, with the server's CPU time per answered request. */
const loadWithCpu = (started: Started, body: string) =>
  loadWithServerCpu(started.info.url, started.child.pid!, { connections: CONNECTIONS, seconds: THROUGHPUT_SECONDS, apiKey: API_KEY, body });

/**
 * Cached throughput of another build's gateway and this one's, loaded in turns, with each
 * server's CPU time per request: on a shared machine throughput moves with whatever else
 * runs, CPU per request much less.
 */
async function baselineComparison(baselineDir: string, emulatorUrl: string, apiKeySha256: string, current: Started, body: string) {
  const script = path.join(path.resolve(baselineDir), 'dist', 'bench', 'bench-servers.js');
  const baseline = await startServer('gateway', JSON.stringify({ emulatorUrl, concurrency: CONCURRENCY, apiKeySha256 }), {}, script);
  await graphql(baseline.info.url, ELIGIBILITY_QUERY);
  const baselineRuns = [];
  const currentRuns = [];
  for (let round = 0; round < BASELINE_ROUNDS; round += 1) {
    baselineRuns.push(await loadWithCpu(baseline, body));
    currentRuns.push(await loadWithCpu(current, body));
  }
  await stop(baseline);
  const median = (
    runs: Array<{ requestsPerSecond: number; cpuMicrosecondsPerRequest?: number }>,
    field: 'requestsPerSecond' | 'cpuMicrosecondsPerRequest',
  ) =>
    percentile(
      runs.map((run) => run[field] ?? NaN),
      50,
    );
  const baselineMedian = median(baselineRuns, 'requestsPerSecond');
  const currentMedian = median(currentRuns, 'requestsPerSecond');
  const baselineCpu = median(baselineRuns, 'cpuMicrosecondsPerRequest');
  const currentCpu = median(currentRuns, 'cpuMicrosecondsPerRequest');
  const memory = await queryTextMemory(emulatorUrl, apiKeySha256, script);
  return {
    baseline: path.resolve(baselineDir),
    rounds: BASELINE_ROUNDS,
    baselineRuns: baselineRuns.map((run) => run.requestsPerSecond),
    currentRuns: currentRuns.map((run) => run.requestsPerSecond),
    baselineMedian,
    currentMedian,
    ratio: round(currentMedian / baselineMedian, 3),
    baselineCpuMicrosecondsPerRequest: baselineCpu,
    currentCpuMicrosecondsPerRequest: currentCpu,
    memory,
  };
}

let nextId = 20_000_000;
const coldIds = (n: number) => Array.from({ length: n }, () => String(nextId++));

const starter = async (mode: string, arg = '') => {
  const started = await startServer(mode, arg);
  return { info: started.info, stop: () => stop(started) };
};

async function main(): Promise<void> {
  const started = Date.now();
  const apiKeySha256 = createHash('sha256').update(API_KEY).digest('hex');
  if (ONLY === 'throughput') {
    const emulator = await startServer('emulator', JSON.stringify({ latencyMs: LATENCY_MS }));
    const rounds = { rounds: THROUGHPUT_ROUNDS, seconds: THROUGHPUT_SECONDS };
    process.stdout.write(renderThroughput(await runThroughput(envStarter, emulator.info.url, apiKeySha256, API_KEY, rounds)).join('\n'));
    await stop(emulator);
    return;
  }
  if (ONLY === 'stress') {
    process.stdout.write(renderStress(await runStress(starter, apiKeySha256, API_KEY, FULL)).join('\n'));
    return;
  }
  if (ONLY === 'adaptive') {
    process.stdout.write(renderAdaptive(await runAdaptive(starter, apiKeySha256, API_KEY, FULL)).join('\n'));
    return;
  }
  if (ONLY === 'fullSpeed') {
    process.stdout.write(renderFullSpeed(await runFullSpeed(starter, apiKeySha256, API_KEY)).join('\n'));
    return;
  }
  if (ONLY === 'audit') {
    process.stdout.write(renderAuditBench(await runAuditBench(starter)).join('\n'));
    return;
  }
  if (ONLY === 'partnerOfRecord') {
    process.stdout.write(renderPartnerOfRecord(await runPartnerOfRecord(starter, apiKeySha256, API_KEY)).join('\n'));
    return;
  }
  if (ONLY === 'tracing') {
    process.stdout.write(renderTracing(await runTracing(envStarter, apiKeySha256, API_KEY)).join('\n'));
    return;
  }
  if (ONLY === 'budget') {
    process.stdout.write(renderBudget(await runBudget(starter, apiKeySha256, API_KEY, FULL)).join('\n'));
    return;
  }
  if (ONLY === 'relationships') {
    process.stdout.write(renderRelationships(await runRelationships(starter, apiKeySha256, API_KEY)).join('\n'));
    return;
  }
  const emulator = await startServer('emulator', JSON.stringify({ latencyMs: LATENCY_MS }));
  const emulatorUrl = emulator.info.url;
  const gateway = await startServer('gateway', JSON.stringify({ emulatorUrl, concurrency: CONCURRENCY, apiKeySha256 }));
  const { url } = gateway.info;

  const throughput = await runThroughput(envStarter, emulatorUrl, apiKeySha256, API_KEY, {
    rounds: THROUGHPUT_ROUNDS,
    seconds: THROUGHPUT_SECONDS,
  });
  const warm = await graphql(url, ELIGIBILITY_QUERY);
  if (warm.status !== 200 || !warm.text.includes('"MpaSigned"')) throw new Error(`gateway warm-up failed: ${warm.text}`);
  const body = JSON.stringify({ query: ELIGIBILITY_QUERY });
  const comparison = BASELINE ? await baselineComparison(BASELINE, emulatorUrl, apiKeySha256, gateway, body) : undefined;

  // Cold fan-out: N distinct IDs in one operation. Untimed runs first, for the gateway and the
  // direct client alike: V8 keeps compiling the upstream path on background threads for about
  // twenty 100-ID operations, and on two cores that work competes with the operation timed.
  const fanOutQuery = 'query ($ids: [ID!]) { resellers(mpnIds: $ids) { mpaStatus(region: UNITED_STATES) { __typename } } }';
  const directPool = new Pool(emulatorUrl, { connections: CONCURRENCY });
  for (const n of WARM_UP_SIZES) {
    await graphql(url, fanOutQuery, { ids: coldIds(n) });
    await directFanOut(directPool, coldIds(n));
  }
  const fanOut = [];
  for (const n of [100, 1_000]) {
    const walls: number[] = [];
    const directWalls: number[] = [];
    const calls: number[] = [];
    for (let run = 0; run < FAN_OUT_RUNS[n]; run += 1) {
      const before = await emulatorCalls(emulatorUrl);
      const begin = performance.now();
      const answer = await graphql(url, fanOutQuery, { ids: coldIds(n) });
      walls.push(performance.now() - begin);
      if (answer.status !== 200 || answer.text.includes('"errors"')) throw new Error(`fan-out failed: ${answer.text.slice(0, 300)}`);
      calls.push((await emulatorCalls(emulatorUrl)) - before);
      directWalls.push(await directFanOut(directPool, coldIds(n)));
    }
    const ideal = Math.ceil(n / CONCURRENCY) * LATENCY_MS;
    const wall = percentile(walls, 50);
    const direct = percentile(directWalls, 50);
    fanOut.push({
      ids: n,
      concurrency: CONCURRENCY,
      latencyMs: LATENCY_MS,
      runs: FAN_OUT_RUNS[n],
      wallMs: round(wall),
      minWallMs: round(Math.min(...walls)),
      maxWallMs: round(Math.max(...walls)),
      idealMs: ideal,
      ratio: round(wall / ideal, 3),
      target: 1.1,
      directRestMs: round(direct),
      directRestRatio: round(direct / ideal, 3),
      gatewayOverDirect: round(wall / direct, 3),
      upstreamCallsPerRun: calls,
    });
  }

  await directPool.close();

  // Duplicate storm: many concurrent operations over a few cold IDs.
  const stormIds = coldIds(5);
  const stormOps = FULL ? 2_000 : 500;
  const beforeStorm = await emulatorCalls(emulatorUrl);
  const stormBegin = performance.now();
  await Promise.all(
    Array.from({ length: stormOps }, (_, i) =>
      graphql(url, 'query ($id: ID) { reseller(mpnId: $id) { mpaStatus(region: UNITED_STATES) { __typename } } }', {
        id: stormIds[i % stormIds.length],
      }),
    ),
  );
  const storm = {
    operations: stormOps,
    distinctIds: stormIds.length,
    upstreamCalls: (await emulatorCalls(emulatorUrl)) - beforeStorm,
    wallMs: round(performance.now() - stormBegin),
  };

  // Cold-path overhead: one uncached eligibility query against a direct REST call, same latency.
  // The ID goes in a variable, as typed clients send it, so the document itself is cached.
  const gatewayCold: number[] = [];
  const directCold: number[] = [];
  // The first 50 pairs are untimed: the eligibility path warms up as the fan-out path did.
  for (let i = -50; i < COLD_SAMPLES; i += 1) {
    const [id] = coldIds(1);
    let begin = performance.now();
    await graphql(url, COLD_QUERY, { id });
    const gatewayMs = performance.now() - begin;
    begin = performance.now();
    await (
      await request(`${emulatorUrl}/v1/compliance/csp/agreementstatus?mpnId=${coldIds(1)[0]}`, {
        headers: { authorization: `Bearer sandbox-united-states` },
      })
    ).body.text();
    const directMs = performance.now() - begin;
    if (i < 0) continue;
    gatewayCold.push(gatewayMs);
    directCold.push(directMs);
  }
  const coldPath = {
    samples: COLD_SAMPLES,
    latencyMs: LATENCY_MS,
    gateway: { p50Ms: round(percentile(gatewayCold, 50)), p99Ms: round(percentile(gatewayCold, 99)) },
    directRest: { p50Ms: round(percentile(directCold, 50)), p99Ms: round(percentile(directCold, 99)) },
  };
  await stop(gateway);
  const queryText = await queryTextMemory(emulatorUrl, apiKeySha256);
  await stop(emulator);

  const stress = await runStress(starter, apiKeySha256, API_KEY, FULL);
  const adaptive = await runAdaptive(starter, apiKeySha256, API_KEY, FULL);
  const fullSpeed = await runFullSpeed(starter, apiKeySha256, API_KEY);
  const audit = await runAuditBench(starter);
  const relationships = await runRelationships(starter, apiKeySha256, API_KEY);
  const partnerOfRecord = await runPartnerOfRecord(starter, apiKeySha256, API_KEY);
  const budget = await runBudget(starter, apiKeySha256, API_KEY, FULL);
  const tracing = await runTracing(
    async (mode: string, arg: string, env: Record<string, string>) => {
      const server = await startServer(mode, arg, env);
      return { info: server.info, pid: server.child.pid!, stop: () => stop(server) };
    },
    apiKeySha256,
    API_KEY,
  );

  // Memory: RSS as distinct entries pour into a cache bounded at 100,000.
  const memory = await new Promise<{
    maxEntries: number;
    baselineRssBytes: number;
    readings: Array<{ entries: number; rssBytes: number; heapUsedBytes: number; held: number }>;
  }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', path.join(__dirname, 'memory-probe.js'), '100000', '100000,1000000'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`memory probe exited ${code}`))));
  });

  const pkg = (name: string) =>
    (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    versions: {
      '@apollo/server': pkg('@apollo/server'),
      graphql: pkg('graphql'),
      'type-graphql': pkg('type-graphql'),
      autocannon: pkg('autocannon'),
    },
  };
  const command = FULL ? 'npm run bench:full' : 'npm run bench';
  const results = {
    command,
    mode: FULL ? 'full' : 'quick',
    date: new Date().toISOString(),
    machine,
    throughput,
    baselineComparison: comparison,
    fanOut,
    duplicateStorm: storm,
    coldPath,
    memory,
    stress,
    adaptive,
    fullSpeed,
    audit,
    relationships,
    partnerOfRecord,
    budget,
    tracing,
    queryTextMemory: queryText,
    benchSeconds: round((Date.now() - started) / 1000),
  };
  writeFileSync(path.join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(ROOT, 'bench', 'RESULTS.md'), renderMarkdown(results));
  process.stdout.write(renderMarkdown(results));
}

const mib = (bytes: number) => `${round(bytes / 2 ** 20, 0)} MiB`;

function baselineLines(c: any): string[] {
  const cpu =
    c.baselineCpuMicrosecondsPerRequest === undefined || Number.isNaN(c.baselineCpuMicrosecondsPerRequest)
      ? ''
      : ` Server CPU per request (median): baseline ${c.baselineCpuMicrosecondsPerRequest} µs, this build ${c.currentCpuMicrosecondsPerRequest} µs.`;
  return [
    `Against the build in \`${c.baseline}\`, loaded in turns with this one (${c.rounds} rounds each, same load): baseline ${c.baselineRuns.join(', ')} req/s (median ${c.baselineMedian}), this build ${c.currentRuns.join(', ')} req/s (median ${c.currentMedian}): **${c.ratio}** of the baseline.${cpu}`,
    '',
  ];
}

function queryTextTable(current: any, baseline: any): string[] {
  if (!baseline) {
    return [
      '| queries sent | RSS | heap used |',
      '|---|---|---|',
      ...current.readings.map((m: any) => `| ${m.queries} | ${mib(m.rssBytes)} | ${mib(m.heapUsedBytes)} |`),
    ];
  }
  const rows = current.readings.map((m: any) => {
    const old = baseline.readings.find((b: any) => b.queries === m.queries);
    const oldCells = old
      ? `${mib(old.rssBytes)} | ${mib(old.heapUsedBytes)}`
      : baseline.crashedAfter !== undefined && m.queries > baseline.crashedAfter
        ? 'died | died'
        : '- | -';
    return `| ${m.queries} | ${mib(m.rssBytes)} | ${mib(m.heapUsedBytes)} | ${oldCells} |`;
  });
  return ['| queries sent | RSS | heap used | baseline RSS | baseline heap used |', '|---|---|---|---|---|', ...rows];
}

function renderMarkdown(r: any): string {
  const mb = (bytes: number) => `${round(bytes / 2 ** 20, 0)} MiB`;
  const t = r.throughput;
  const lines = [
    `# Benchmark results (${r.mode})`,
    '',
    `Produced by \`${r.command}\` on ${r.date.slice(0, 10)}: ${r.machine.cpus} cores (${r.machine.cpuModel}), ${r.machine.memoryGiB} GiB, Node ${r.machine.node}, @apollo/server ${r.machine.versions['@apollo/server']}, graphql ${r.machine.versions.graphql}, type-graphql ${r.machine.versions['type-graphql']}, autocannon ${r.machine.versions.autocannon}. The load generator, the servers and the emulator share the machine, each in its own process.`,
    '',
    ...renderThroughput(t),
    ...(r.baselineComparison ? baselineLines(r.baselineComparison) : []),
    `## Cold fan-out (upstream latency ${LATENCY_MS} ms, concurrency limit ${CONCURRENCY})`,
    '',
    `Median of ${r.fanOut.map((f: any) => `${f.runs} runs (${f.ids} IDs)`).join(' and ')}, fresh IDs each time, after untimed warm-up runs (20 × 100 IDs, 1 × 1,000, for the gateway and the direct client alike). "Direct REST" makes the same N calls straight to the emulator, ${CONCURRENCY} at a time, with nothing else to do, right after each gateway run: the floor the transport allows on this machine.`,
    '',
    '| distinct IDs | gateway wall ms (min–max) | ideal ceil(N/C)×L ms | gateway / ideal (target ≤ 1.1) | direct REST ms | direct / ideal | gateway / direct | upstream calls per run |',
    '|---|---|---|---|---|---|---|---|',
    ...r.fanOut.map(
      (f: any) =>
        `| ${f.ids} | ${f.wallMs} (${f.minWallMs}–${f.maxWallMs}) | ${f.idealMs} | **${f.ratio}** | ${f.directRestMs} | ${f.directRestRatio} | ${f.gatewayOverDirect} | ${[...new Set(f.upstreamCallsPerRun)].join(', ')} |`,
    ),
    '',
    '## Duplicate storm',
    '',
    `${r.duplicateStorm.operations} concurrent operations over ${r.duplicateStorm.distinctIds} cold IDs: **${r.duplicateStorm.upstreamCalls} upstream calls** (target: ${r.duplicateStorm.distinctIds}), ${r.duplicateStorm.wallMs} ms in all.`,
    '',
    `## Cold-path overhead (${r.coldPath.samples} sequential uncached queries, the ID in a variable; upstream latency ${r.coldPath.latencyMs} ms)`,
    '',
    '| path | p50 ms | p99 ms |',
    '|---|---|---|',
    `| gateway orderEligibility, uncached | ${r.coldPath.gateway.p50Ms} | ${r.coldPath.gateway.p99Ms} |`,
    `| direct REST call to the emulator | ${r.coldPath.directRest.p50Ms} | ${r.coldPath.directRest.p99Ms} |`,
    '',
    `## Memory (in-memory cache bounded at ${r.memory.maxEntries} entries)`,
    '',
    '| distinct entries written | entries held | RSS | heap used |',
    '|---|---|---|---|',
    `| 0 | 0 | ${mb(r.memory.baselineRssBytes)} | |`,
    ...r.memory.readings.map((m: any) => `| ${m.entries} | ${m.held} | ${mb(m.rssBytes)} | ${mb(m.heapUsedBytes)} |`),
    '',
    `## Memory by query text (${r.queryTextMemory.queries} distinct ${r.queryTextMemory.queryBytes / 1000} KB queries, gateway as deployed, http.maxQueryBytes raised to ${r.queryTextMemory.maxQueryBytes}, heap limited to ${r.queryTextMemory.heapLimitMiB} MiB)`,
    '',
    `Each query is a valid eligibility query padded with a comment, so no token or shape limit refuses it; 8 at a time, ${r.queryTextMemory.seconds} s in all, ${r.queryTextMemory.refused} refused. Peak RSS **${mb(r.queryTextMemory.peakRssBytes)}**${r.queryTextMemory.crashedAfter === undefined ? '' : `; the gateway died after ${r.queryTextMemory.crashedAfter} queries`}. Heap readings include garbage not yet collected.`,
    '',
    ...queryTextTable(r.queryTextMemory, r.baselineComparison?.memory),
    '',
    ...(r.baselineComparison?.memory.crashedAfter === undefined
      ? []
      : [`The baseline build stopped answering after ${r.baselineComparison.memory.crashedAfter} queries (its heap ran out).`, '']),
    ...renderStress(r.stress),
    ...renderAdaptive(r.adaptive),
    ...(r.fullSpeed ? renderFullSpeed(r.fullSpeed) : []),
    ...renderAuditBench(r.audit),
    ...(r.relationships ? renderRelationships(r.relationships) : []),
    ...(r.partnerOfRecord ? renderPartnerOfRecord(r.partnerOfRecord) : []),
    ...(r.budget ? renderBudget(r.budget) : []),
    ...(r.tracing ? renderTracing(r.tracing) : []),
    `Whole run: ${r.benchSeconds} s.`,
    '',
  ];
  return lines.join('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
