/**
 * The cached-throughput section of `npm run bench` (`--only=throughput`): one repeated
 * eligibility question answered by five servers, each in its own process, loaded in turns
 * round after round so that whatever else the machine does falls on all of them alike; each
 * server's figure is the median of its rounds, and each ratio is a ratio of medians.
 *
 * - the gateway as deployed (API-key auth, limits, metrics; response micro-cache on), log level
 *   warn: no line per request, as stock Apollo writes none;
 * - the same at log level info, the default: one JSON line per request, to a pipe read and dropped;
 * - the same gateway with the response micro-cache off (every request through Apollo's pipeline, a status-cache hit);
 * - stock Apollo Server 5 (its standalone server) over a resolver returning the same answer;
 * - that Apollo Server on Fastify 5 through `@as-integrations/fastify`, as the gateway serves it;
 * - bare node:http writing the same bytes.
 */
import { CpuLoadRun, loadWithServerCpu } from './server-cpu-load';
import { request } from 'undici';
import type { EnvServerStarter } from './tracing';

const QUERY =
  '{ orderEligibility(order: {mpnId: "1000001", region: UNITED_STATES}) { canSubmit verified retryable mpaStatus { __typename ... on MpaStatusOutcome { message } } } }';
const CONNECTIONS = 32;

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export const SERVERS = ['gateway', 'gatewayLogInfo', 'gatewayPipeline', 'stockApollo', 'stockApolloOnFastify', 'bareNodeHttp'] as const;
type ServerName = (typeof SERVERS)[number];

type Run = CpuLoadRun;

async function post(url: string, apiKey: string): Promise<string> {
  const response = await request(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify({ query: QUERY }),
  });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}: ${text}`);
  return text;
}

const loadOnce = (url: string, pid: number, apiKey: string, seconds: number): Promise<Run> =>
  loadWithServerCpu(url, pid, { connections: CONNECTIONS, seconds, apiKey, body: JSON.stringify({ query: QUERY }) });

const summary = (runs: Run[]) => ({
  runs: runs.map((run) => run.requestsPerSecond),
  requestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
  p50Ms: median(runs.map((run) => run.p50Ms)),
  p99Ms: median(runs.map((run) => run.p99Ms)),
  cpuMicrosecondsPerRequest: runs.some((run) => run.cpuMicrosecondsPerRequest === undefined)
    ? undefined
    : median(runs.map((run) => run.cpuMicrosecondsPerRequest!)),
  errors: runs.reduce((sum, run) => sum + run.errors, 0),
});
export type ThroughputFigures = ReturnType<typeof summary>;

export async function runThroughput(
  start: EnvServerStarter,
  emulatorUrl: string,
  apiKeySha256: string,
  apiKey: string,
  options: { rounds: number; seconds: number },
) {
  const gatewayArg = (responseCacheMs: number) => JSON.stringify({ emulatorUrl, concurrency: 16, apiKeySha256, responseCacheMs });
  const gateway = await start('gateway', gatewayArg(1_000), {});
  const gatewayLogInfo = await start('gateway', gatewayArg(1_000), { BENCH_LOG_LEVEL: 'info' });
  const pipeline = await start('gateway', gatewayArg(0), {});
  const servers: Partial<Record<ServerName, Awaited<ReturnType<EnvServerStarter>>>> = {
    gateway,
    gatewayLogInfo,
    gatewayPipeline: pipeline,
  };
  try {
    // The gateway's bytes, which the three others answer too (checked).
    const answer = await post(gateway.info.url, apiKey);
    if (!answer.includes('"MpaSigned"')) throw new Error(`gateway warm-up failed: ${answer}`);
    servers.stockApollo = await start('apollo', '', { BENCH_BODY: answer });
    servers.stockApolloOnFastify = await start('apollo-fastify', '', { BENCH_BODY: answer });
    servers.bareNodeHttp = await start('bare', '', { BENCH_BODY: answer });
    for (const name of SERVERS) {
      const text = await post(servers[name]!.info.url, apiKey);
      if (text !== answer) throw new Error(`${name} answers different bytes: ${text}`);
      // Warm: code paths compiled before the first timed round.
      await loadOnce(servers[name]!.info.url, servers[name]!.pid, apiKey, 1);
    }
    const runs = Object.fromEntries(SERVERS.map((name) => [name, [] as Run[]])) as Record<ServerName, Run[]>;
    for (let turn = 0; turn < options.rounds; turn += 1) {
      for (const name of SERVERS) {
        runs[name].push(await loadOnce(servers[name]!.info.url, servers[name]!.pid, apiKey, options.seconds));
      }
    }
    const figures = Object.fromEntries(SERVERS.map((name) => [name, summary(runs[name])])) as Record<ServerName, ThroughputFigures>;
    const ratio = (a: ServerName, b: ServerName) => round(figures[a].requestsPerSecond / figures[b].requestsPerSecond, 2);
    return {
      connections: CONNECTIONS,
      seconds: options.seconds,
      rounds: options.rounds,
      query: QUERY,
      ...figures,
      gatewayVsStockApollo: ratio('gateway', 'stockApollo'),
      gatewayLogInfoVsStockApollo: ratio('gatewayLogInfo', 'stockApollo'),
      pipelineVsStockApollo: ratio('gatewayPipeline', 'stockApollo'),
      pipelineVsStockApolloOnFastify: ratio('gatewayPipeline', 'stockApolloOnFastify'),
      stockApolloOnFastifyVsStockApollo: ratio('stockApolloOnFastify', 'stockApollo'),
      gatewayVsBare: ratio('gateway', 'bareNodeHttp'),
      stockApolloVsBare: ratio('stockApollo', 'bareNodeHttp'),
    };
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
  }
}

export type ThroughputResult = Awaited<ReturnType<typeof runThroughput>>;

export function renderThroughput(t: ThroughputResult): string[] {
  const cpu = (f: ThroughputFigures) => f.cpuMicrosecondsPerRequest ?? 'n/a';
  const row = (label: string, f: ThroughputFigures) =>
    `| ${label} | ${f.runs.join(' / ')} | ${f.requestsPerSecond} | ${f.p50Ms} | ${f.p99Ms} | ${cpu(f)} | ${f.errors} |`;
  return [
    `## Cached eligibility throughput (${t.connections} connections, ${t.rounds} rounds of ${t.seconds} s, servers in turns)`,
    '',
    "One repeated question. Each round loads the six servers one after another; the figures are the medians of the rounds. CPU is the server process's own (user + system) per request answered. The gateway runs at log level warn unless the row says info (the default, one JSON line per request).",
    '',
    '| server | req/s by round | req/s (median) | p50 ms | p99 ms | CPU µs per request | errors |',
    '|---|---|---|---|---|---|---|',
    row('gateway as deployed (API-key auth, limits, metrics; response micro-cache on), log level warn', t.gateway),
    row('the same, log level info (the default: one log line per request)', t.gatewayLogInfo),
    row('gateway, response micro-cache off (every request through Apollo, status-cache hit)', t.gatewayPipeline),
    row('stock Apollo Server 5 (standalone), hard-coded resolver', t.stockApollo),
    row('the same stock Apollo Server on Fastify 5 (`@as-integrations/fastify`)', t.stockApolloOnFastify),
    row('bare node:http, same bytes', t.bareNodeHttp),
    '',
    `Ratios of medians: gateway / stock Apollo = **${t.gatewayVsStockApollo}** (target ≥ 3), ${t.gatewayLogInfoVsStockApollo} with a log line per request; without the micro-cache **${t.pipelineVsStockApollo}** (stated, no target; about 0.7–0.9 expected), and ${t.pipelineVsStockApolloOnFastify} of stock Apollo on the same Fastify integration; stock Apollo on Fastify / standalone = ${t.stockApolloOnFastifyVsStockApollo}; gateway / bare node:http = ${t.gatewayVsBare}; stock Apollo / bare = ${t.stockApolloVsBare}.`,
    '',
    "Where the difference goes without the micro-cache: part of it is the server underneath (the row for stock Apollo on Fastify shows what Fastify and its Apollo integration cost against the standalone server). The rest is the gateway's own work on every request: the API-key check (a SHA-256 of the key), the per-client rate limit, the query-size and cost limits, the scope check, the metrics, then the resolvers, which read the status cache and the partner-of-record and relationship answers and build the typed answer with its message. Stock Apollo runs the same pipeline over a resolver that returns a constant. The micro-cache answers a repeated question from the bytes it sent before, keyed by everything that can change them, without entering the pipeline.",
    '',
  ];
}
