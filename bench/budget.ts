/**
 * The shared-budget section of `npm run bench` (`--only=budget` runs it alone): one Partner
 * Center account (the emulator, its own process, 50 ms latency, limited to 100 calls a second
 * with a burst of 10) spent by several processes sharing one redis-server. Three replicas under
 * cold load (16 connections each); then order forms (5 fresh questions a second) alone and
 * beside a 3,000-line audit in its own process.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { request } from 'undici';
import { sandboxToken } from '../src/emulator/partner-center/emulated-world';
import { ServerStarter } from './stress';

const LATENCY_MS = 50;
const RATE_LIMIT = { perSecond: 100, burst: 10 };
const REPLICAS = 3;
const CONNECTIONS = 16;
const AUDIT_LINES = 3_000;
const ORDER_FORMS_PER_SECOND = 5;
const AUDIT = path.join(__dirname, '..', 'src', 'cli', 'audit.js');
const QUERY =
  'query ($id: ID) { orderEligibility(order: {mpnId: $id, region: UNITED_STATES}) { canSubmit mpaStatus { __typename ... on MpaPartnerCenterUnavailable { reason } } } }';

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function startRedis(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i += 1) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (up) return { url, child };
    await sleep(50);
  }
  throw new Error('redis-server did not start');
}

/** Calls the emulator took from the account, of every kind (agreement status, relationships, partner of record), and how many it answered 429. */
async function emulatorCounts(url: string): Promise<{ calls: number; throttled: number }> {
  const seen = (await (await request(`${url}/_emulator/calls`)).body.json()) as {
    count: number;
    throttled: number;
    relationships: { count: number };
    validateResellers: { count: number };
  };
  return { calls: seen.count + seen.relationships.count + seen.validateResellers.count, throttled: seen.throttled };
}

let nextId = 60_000_000;

/** Cold load on one replica for `seconds`: answers that were Partner Center's own, and all answers. */
async function coldLoad(url: string, apiKey: string, seconds: number) {
  let real = 0;
  const result = await autocannon({
    url: `${url}/graphql`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        setupRequest: (req: any) => ({ ...req, body: JSON.stringify({ query: QUERY, variables: { id: String(nextId++) } }) }),
        onResponse: (_status: number, body: string) => {
          if (!body.includes('MpaPartnerCenterUnavailable') && body.includes('"mpaStatus"')) real += 1;
        },
      },
    ],
  } as any);
  return { real, answers: result.requests.total };
}

/** Order forms: one fresh question every 1/5 s for `seconds`; their latencies and how many were real answers. */
async function orderForms(
  url: string,
  apiKey: string,
  seconds: number,
): Promise<{ p50Ms: number; p99Ms: number; n: number; real: number }> {
  const latencies: number[] = [];
  let real = 0;
  const asks: Promise<void>[] = [];
  const total = seconds * ORDER_FORMS_PER_SECOND;
  const begin = performance.now();
  for (let i = 0; i < total; i += 1) {
    const due = begin + (i * 1000) / ORDER_FORMS_PER_SECOND;
    await sleep(Math.max(0, due - performance.now()));
    asks.push(
      (async () => {
        const sent = performance.now();
        const response = await request(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
          body: JSON.stringify({ query: QUERY, variables: { id: String(nextId++) } }),
        });
        const text = await response.body.text();
        latencies.push(performance.now() - sent);
        if (!text.includes('MpaPartnerCenterUnavailable')) real += 1;
      })(),
    );
  }
  await Promise.all(asks);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]);
  return { p50Ms: at(0.5), p99Ms: at(0.99), n: latencies.length, real };
}

/** A 3,000-line audit in its own process on the same account and Redis; its lines per second. */
function runAudit(folder: string, config: string): { done: Promise<{ linesPerSecond: number; exitCode: number | null }> } {
  const input = path.join(folder, 'audit-list.csv');
  writeFileSync(input, `mpnId\n${Array.from({ length: AUDIT_LINES }, (_, i) => 80_000_000 + i).join('\n')}\n`);
  const child = spawn(process.execPath, [AUDIT, '--input', input, '--regions', 'UNITED_STATES', '--out', path.join(folder, 'report.csv')], {
    env: { PATH: process.env.PATH ?? '', MPA_CONFIG_FILE: config },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  let startedAt = 0;
  let finishedAt = 0;
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (!startedAt && stderr.includes('audit: checking ')) startedAt = performance.now();
    if (!finishedAt && / lines checked in /.test(stderr)) finishedAt = performance.now();
  });
  const done = new Promise<{ linesPerSecond: number; exitCode: number | null }>((resolve, reject) => {
    child.once('exit', (code) => {
      if (!startedAt || !finishedAt) return reject(new Error(`audit did not run through (exit ${code}):\n${stderr}`));
      resolve({ linesPerSecond: round((AUDIT_LINES * 1000) / (finishedAt - startedAt)), exitCode: code });
    });
  });
  return { done };
}

export async function runBudget(start: ServerStarter, apiKeySha256: string, apiKey: string, full: boolean) {
  const seconds = full ? 20 : 10;
  const redis = await startRedis();
  const folder = mkdtempSync(path.join(tmpdir(), 'mpa-budget-bench-'));
  const emulator = await start('emulator', JSON.stringify({ latencyMs: LATENCY_MS, callLogLimit: 100 }));
  const emulatorUrl = emulator.info.url;
  const stops: Array<() => Promise<void>> = [() => emulator.stop()];
  try {
    await request(`${emulatorUrl}/_emulator/rate-limit`, { method: 'PUT', body: JSON.stringify(RATE_LIMIT) });
    const replicas = [];
    for (let i = 0; i < REPLICAS; i += 1) {
      const replica = await start('gateway', JSON.stringify({ emulatorUrl, apiKeySha256, defaults: true, redisUrl: redis.url }));
      stops.push(() => replica.stop());
      replicas.push(replica.info.url);
    }
    // Learning, then measured: the same load.
    await Promise.all(replicas.map((url) => coldLoad(url, apiKey, seconds)));
    const before = await emulatorCounts(emulatorUrl);
    const began = performance.now();
    const measured = await Promise.all(replicas.map((url) => coldLoad(url, apiKey, seconds)));
    const after = await emulatorCounts(emulatorUrl);
    // The calls are counted from before the load starts to after its last answer, which takes
    // longer than the load's own seconds: the rate is over that whole span.
    const span = (performance.now() - began) / 1000;
    const real = measured.reduce((sum, run) => sum + run.real, 0);
    const calls = after.calls - before.calls;
    // The limit counts calls, and a fresh question costs more than one (its agreement status and its partner-of-record verdict).
    const spent = calls - (after.throttled - before.throttled);
    const replicasRow = {
      realAnswersPerSecond: round(real / seconds),
      callsPerSecond: round(spent / span),
      callsPerAnswer: round(spent / Math.max(1, real), 2),
      fractionOfLimit: round(spent / span / RATE_LIMIT.perSecond, 2),
      throttledPercent: round(((after.throttled - before.throttled) * 100) / Math.max(1, calls), 2),
      calls,
    };

    // Order forms alone, then beside the audit; the replicas' cold load has stopped.
    await sleep(2_000);
    const alone = await orderForms(replicas[0], apiKey, seconds);
    const config = path.join(folder, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        partnerCenter: { baseUrl: emulatorUrl },
        accounts: [{ region: 'UNITED_STATES', staticToken: sandboxToken('UNITED_STATES') }],
        cache: { redisUrl: redis.url },
      }),
    );
    const audit = runAudit(folder, config);
    const beside = await orderForms(replicas[0], apiKey, seconds);
    const auditRun = await audit.done;
    return {
      rateLimit: RATE_LIMIT,
      latencyMs: LATENCY_MS,
      seconds,
      replicas: replicasRow,
      orderFormsAlone: alone,
      orderFormsBesideAudit: beside,
      p99Ratio: round(beside.p99Ms / alone.p99Ms, 2),
      audit: { lines: AUDIT_LINES, ...auditRun },
    };
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    redis.child.kill();
    rmSync(folder, { recursive: true, force: true });
  }
}

export function renderBudget(result: Awaited<ReturnType<typeof runBudget>>): string[] {
  const { replicas, orderFormsAlone: alone, orderFormsBesideAudit: beside, audit } = result;
  return [
    `## Shared account budget (emulator limited to ${result.rateLimit.perSecond} calls/s, burst ${result.rateLimit.burst}, ${result.latencyMs} ms latency; one Redis)`,
    '',
    '| scenario | figure |',
    '|---|---|',
    `| ${REPLICAS} replicas, ${CONNECTIONS} connections of fresh resellers each, ${result.seconds} s after ${result.seconds} s of learning | ${replicas.callsPerSecond} calls/s answered (${replicas.fractionOfLimit} of the limit), ${replicas.throttledPercent} % of ${replicas.calls} calls answered 429; ${replicas.realAnswersPerSecond} real answers/s (${replicas.callsPerAnswer} calls each) |`,
    `| order forms alone, ${ORDER_FORMS_PER_SECOND} fresh questions/s for ${result.seconds} s | p50 ${alone.p50Ms} ms, p99 ${alone.p99Ms} ms (${alone.real} of ${alone.n} real answers) |`,
    `| the same order forms while a ${audit.lines.toLocaleString('en')}-line audit runs in its own process | p50 ${beside.p50Ms} ms, p99 ${beside.p99Ms} ms (${result.p99Ratio} × alone; ${beside.real} of ${beside.n} real answers) |`,
    `| the audit's own throughput beside them | ${audit.linesPerSecond} lines/s (exit ${String(audit.exitCode)}) |`,
    '',
  ];
}
