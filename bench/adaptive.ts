/**
 * The adaptive-concurrency section of `npm run bench`: cold load (every request a new
 * reseller) against a gateway with the shipped defaults, beside an unbounded direct client
 * of the same emulator; then the same load while the emulator limits each account's rate.
 */
import autocannon from 'autocannon';
import { request } from 'undici';
import { ServerStarter } from './stress';

const LATENCY_MS = 50;
const CONNECTIONS = 32;
const COLD_QUERY =
  'query ($id: ID) { orderEligibility(order: {mpnId: $id, region: UNITED_STATES}) { canSubmit mpaStatus { __typename ... on MpaPartnerCenterUnavailable { reason } } } }';

async function admin(emulatorUrl: string, method: 'GET' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<any> {
  const response = await request(`${emulatorUrl}/_emulator${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.body.json();
}

/** Cold load: each request names an MPN ID never asked before; tallies what the answers said. */
async function coldLoad(url: string, headers: Record<string, string>, seconds: number, firstId: number, asGraphQL: boolean) {
  let next = firstId;
  const tally: Record<string, number> = {};
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      asGraphQL
        ? {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...headers },
            setupRequest: (req: any) => ({ ...req, body: JSON.stringify({ query: COLD_QUERY, variables: { id: String(next++) } }) }),
            onResponse: (_status: number, body: string) => {
              const reason = /"reason":"([A-Z_]+)"/.exec(body)?.[1] ?? /"__typename":"(Mpa\w+)"/.exec(body)?.[1] ?? 'other';
              tally[reason] = (tally[reason] ?? 0) + 1;
            },
          }
        : {
            method: 'GET',
            headers,
            setupRequest: (req: any) => ({ ...req, path: `/v1/compliance/csp/agreementstatus?mpnId=${next++}` }),
          },
    ],
  } as any);
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    tally,
  };
}

export async function runAdaptive(start: ServerStarter, apiKeySha256: string, apiKey: string, full: boolean) {
  const seconds = full ? 15 : 10;
  const emulator = await start('emulator', JSON.stringify({ latencyMs: LATENCY_MS, callLogLimit: 100 }));
  const gateway = await start('gateway', JSON.stringify({ emulatorUrl: emulator.info.url, apiKeySha256, defaults: true }));
  const graphqlUrl = `${gateway.info.url}/graphql`;
  const headers = { 'x-api-key': apiKey };

  // Healthy upstream: the gateway starts at 8 calls per account and adapts.
  await coldLoad(graphqlUrl, headers, 3, 50_000_000, true); // untimed: the limit grows, V8 warms up
  const healthyGateway = await coldLoad(graphqlUrl, headers, seconds, 51_000_000, true);
  const limitReached = ((await (await request(`${gateway.info.operatorUrl}/readyz`)).body.json()) as any).regions.UNITED_STATES.upstream
    .limit as number;
  const direct = await coldLoad(emulator.info.url, { authorization: 'Bearer sandbox-united-states' }, seconds, 52_000_000, false);

  // Throttled upstream: 100 calls a second per account, Retry-After in whole seconds.
  await admin(emulator.info.url, 'PUT', '/rate-limit', { perSecond: 100 });
  const before = await admin(emulator.info.url, 'GET', '/calls');
  const learning = await coldLoad(graphqlUrl, headers, 10, 53_000_000, true);
  const middle = await admin(emulator.info.url, 'GET', '/calls');
  const steady = await coldLoad(graphqlUrl, headers, seconds, 54_000_000, true);
  const after = await admin(emulator.info.url, 'GET', '/calls');
  const readiness = ((await (await request(`${gateway.info.operatorUrl}/readyz`)).body.json()) as any).regions.UNITED_STATES.upstream;
  await admin(emulator.info.url, 'DELETE', '/rate-limit');
  await gateway.stop();
  await emulator.stop();

  const successes = (tally: Record<string, number>) => tally.MpaMpnIdNotRecognized ?? 0;
  // Every kind of call spends the account's limit: a fresh question asks its agreement status and its partner-of-record verdict.
  const allCalls = (seen: any) => seen.count + (seen.relationships?.count ?? 0) + (seen.validateResellers?.count ?? 0);
  const throttledShare = (from: any, to: any) => (to.throttled - from.throttled) / Math.max(1, allCalls(to) - allCalls(from));
  const callsPerSecond = (from: any, to: any, span: number) =>
    Math.round((allCalls(to) - allCalls(from) - (to.throttled - from.throttled)) / span);
  return {
    latencyMs: LATENCY_MS,
    connections: CONNECTIONS,
    seconds,
    healthy: {
      gateway: healthyGateway,
      direct,
      ratio: Math.round((healthyGateway.requestsPerSecond / direct.requestsPerSecond) * 100) / 100,
      limitReached,
    },
    throttled: {
      perSecond: 100,
      learning: {
        seconds: 10,
        answersPerSecond: Math.round(successes(learning.tally) / 10),
        callsPerSecond: callsPerSecond(before, middle, 10),
        upstream429Share: throttledShare(before, middle),
        tally: learning.tally,
      },
      steady: {
        seconds,
        answersPerSecond: Math.round(successes(steady.tally) / seconds),
        callsPerSecond: callsPerSecond(middle, after, seconds),
        upstream429Share: throttledShare(middle, after),
        tally: steady.tally,
      },
      paceLearnt: readiness.callsPerSecondCap as number | null,
    },
  };
}

export function renderAdaptive(a: Awaited<ReturnType<typeof runAdaptive>>): string[] {
  const pct = (share: number) => `${Math.round(share * 1000) / 10} %`;
  const tallyText = (counts: Record<string, number>) =>
    Object.entries(counts)
      .sort((x, y) => y[1] - x[1])
      .map(([key, count]) => `${key} ${count}`)
      .join(', ');
  const h = a.healthy;
  const t = a.throttled;
  return [
    `## Adaptive upstream concurrency (cold load: every request a new reseller; ${a.connections} connections, ${a.latencyMs} ms upstream latency, shipped defaults)`,
    '',
    '| workload | req/s | p50 ms | p99 ms | note |',
    '|---|---|---|---|---|',
    `| gateway, healthy upstream | ${h.gateway.requestsPerSecond} | ${h.gateway.p50Ms} | ${h.gateway.p99Ms} | limit reached: ${h.limitReached} calls in flight (started at 8) |`,
    `| unbounded direct client of the same emulator | ${h.direct.requestsPerSecond} | ${h.direct.p50Ms} | ${h.direct.p99Ms} | |`,
    '',
    `Gateway / direct client: **${h.ratio}** (target ≥ 0.9).`,
    '',
    `**Throttled upstream** (${t.perSecond} calls a second per account, 429 with Retry-After past it):`,
    '',
    '| phase | successful answers per second | Partner Center calls answered per second (all kinds) | upstream calls answered 429 | answers |',
    '|---|---|---|---|---|',
    `| first ${t.learning.seconds} s (learning the pace) | ${t.learning.answersPerSecond} | ${t.learning.callsPerSecond} | ${pct(t.learning.upstream429Share)} | ${tallyText(t.learning.tally)} |`,
    `| next ${t.steady.seconds} s | **${t.steady.answersPerSecond}** | **${t.steady.callsPerSecond}** (target ≥ 90) | **${pct(t.steady.upstream429Share)}** (target ≤ 2 %) | ${tallyText(t.steady.tally)} |`,
    '',
    `Pace learnt: ${t.paceLearnt ?? 'none'} calls a second. Each fresh question costs an agreement status call and a partner-of-record call, so answers per second sit well under the calls the limit allows. THROTTLED answers count lines whose 10 s deadline ended inside a throttle window; with Retry-After of one second none should appear.`,
    '',
  ];
}
