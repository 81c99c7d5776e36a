/**
 * The stress section of `npm run bench`: the upstream path on a bad day, against a gateway
 * with the shipped defaults (concurrency 8, 3 attempts, 10 s deadline, 5 s timeout).
 */
import { request } from 'undici';

/** Starts one of bench-servers' modes in its own process and says where it listens. */
export type ServerStarter = (mode: string, arg?: string) => Promise<{ info: { url: string; operatorUrl?: string }; stop(): Promise<void> }>;

interface EmulatedCall {
  readonly receivedAt: number;
  readonly status: number;
}

const DEADLINE_MS = 10_000;
const MAX_ATTEMPTS = 3;
const CART = `query ($orders: [MpaOrderLineInput!]!) { orderEligibilities(orders: $orders) {
  canSubmit mpaStatus { __typename ... on MpaPartnerCenterUnavailable { reason } } } }`;

async function post(url: string, apiKey: string, query: string, variables: unknown): Promise<any> {
  const response = await request(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify({ query, variables }),
    bodyTimeout: 60_000,
    headersTimeout: 60_000,
  });
  return response.body.json();
}

async function admin(emulatorUrl: string, method: 'GET' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<any> {
  const response = await request(`${emulatorUrl}/_emulator${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.body.json();
}

/** What a line's status says: a real answer, or why Partner Center gave none. */
const tally = (lines: Array<{ mpaStatus: { __typename: string; reason?: string } }>) => {
  const counts: Record<string, number> = {};
  for (const line of lines) {
    const key = line.mpaStatus.reason ?? line.mpaStatus.__typename;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};

export async function runStress(start: ServerStarter, apiKeySha256: string, apiKey: string, full: boolean) {
  const emulator = await start('emulator', JSON.stringify({ latencyMs: 20, callLogLimit: 50_000 }));
  const gateway = await start('gateway', JSON.stringify({ emulatorUrl: emulator.info.url, apiKeySha256, defaults: true }));
  const url = gateway.info.url;
  let nextId = 40_000_000;
  const cart = (n: number) => Array.from({ length: n }, () => ({ mpnId: String(nextId++), region: 'UNITED_STATES' }));

  /** Carts of 200 lines, two at a time, while 30 % of calls fail in mixed ways. */
  async function faultRun(throttleRetryAfterSeconds: number, rounds: number) {
    const mix = [
      { type: 'throttle', retryAfterSeconds: throttleRetryAfterSeconds },
      { type: 'status', status: 503 },
      { type: 'reset' },
      { type: 'malformedBody', style: 'truncatedJson' },
    ];
    await admin(emulator.info.url, 'PUT', '/faults/global', { latencyMs: 20, probability: 0.3, failure: mix });
    await admin(emulator.info.url, 'DELETE', '/calls');
    const lines: any[] = [];
    const walls: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      await Promise.all(
        [0, 1].map(async () => {
          const begin = Date.now();
          const result = await post(url, apiKey, CART, { orders: cart(200) });
          walls.push(Date.now() - begin);
          lines.push(...result.data.orderEligibilities);
        }),
      );
    }
    const upstreamCalls = (await admin(emulator.info.url, 'GET', '/calls')).count as number;
    const real = lines.filter((line) => line.mpaStatus.__typename !== 'MpaPartnerCenterUnavailable').length;
    await admin(emulator.info.url, 'DELETE', '/faults');
    return {
      faultRate: 0.3,
      mix: mix.map((failure) => failure.type),
      throttleRetryAfterSeconds,
      lines: lines.length,
      realAnswerShare: Math.round((real / lines.length) * 1000) / 1000,
      tally: tally(lines),
      upstreamCalls,
      retryBudget: lines.length * MAX_ATTEMPTS,
      slowestOperationMs: Math.max(...walls),
      deadlineMs: DEADLINE_MS,
    };
  }
  const faults = await faultRun(0, full ? 6 : 3);
  // The same faults, but every 429 asks for a one-second wait, which holds the whole account.
  const heldFaults = await faultRun(1, 1);

  // 2. A 400-line cart while Partner Center takes 300 ms: it cannot all fit in 10 s at 8 at a time.
  await admin(emulator.info.url, 'DELETE', '/faults');
  await admin(emulator.info.url, 'PUT', '/faults/global', { latencyMs: 300 });
  await admin(emulator.info.url, 'DELETE', '/calls');
  const begin = Date.now();
  const slow = await post(url, apiKey, CART, { orders: cart(400) });
  const wallMs = Date.now() - begin;
  const calls = (await admin(emulator.info.url, 'GET', '/calls')).calls as EmulatedCall[];
  const readiness = await (await request(`${gateway.info.operatorUrl}/readyz`)).body.json();
  const slowCart = {
    lines: 400,
    latencyMs: 300,
    wallMs,
    deadlineMs: DEADLINE_MS,
    tally: tally(slow.data.orderEligibilities),
    upstreamCalls: calls.length,
    callsSentAfterDeadline: calls.filter((call) => call.receivedAt > begin + DEADLINE_MS).length,
    circuitAfter: (readiness as { regions: Record<string, { circuit: string }> }).regions.UNITED_STATES.circuit,
  };

  await gateway.stop();
  await emulator.stop();
  return { faults, heldFaults, slowCart };
}

export function renderStress(s: Awaited<ReturnType<typeof runStress>>): string[] {
  const tallyText = (counts: Record<string, number>) =>
    Object.entries(counts)
      .sort((a, b) => b[1] - a[1])
      .map(([key, count]) => `${key} ${count}`)
      .join(', ');
  const f = s.faults;
  const h = s.heldFaults;
  const c = s.slowCart;
  return [
    '## Stress: the upstream path on a bad day (shipped defaults: concurrency 8, 3 attempts, 10 s deadline)',
    '',
    `**${f.faultRate * 100} % random faults** (${f.mix.join(', ')}; 429s carry Retry-After: ${f.throttleRetryAfterSeconds}), ${f.lines} cart lines in carts of 200, two at a time, 20 ms latency:`,
    '',
    '| figure | value | target |',
    '|---|---|---|',
    `| lines with a real answer | **${Math.round(f.realAnswerShare * 1000) / 10} %** | ≥ 90 % |`,
    `| upstream calls / retry budget (lines × ${MAX_ATTEMPTS} attempts) | ${f.upstreamCalls} / ${f.retryBudget} | ≤ budget |`,
    `| slowest operation / deadline | ${f.slowestOperationMs} ms / ${f.deadlineMs} ms | ≤ deadline + 250 ms |`,
    `| answers | ${tallyText(f.tally)} | |`,
    '',
    `The same mix with **Retry-After: ${h.throttleRetryAfterSeconds}** on every 429 (${h.lines} lines): ${Math.round(h.realAnswerShare * 1000) / 10} % real answers, slowest operation ${h.slowestOperationMs} ms, ${h.upstreamCalls} calls; ${tallyText(h.tally)}. A 429 means the partner tenant is over its limit, so the gateway holds every call of the account for Retry-After, as Microsoft asks; random 429s on 7.5 % of calls therefore keep the account held most of the time, and lines whose deadline ends inside a window answer THROTTLED instead of adding to the overload.`,
    '',
    `**A ${c.lines}-line cart at ${c.latencyMs} ms latency** (more than 8 calls at a time can finish in ${c.deadlineMs / 1000} s):`,
    '',
    '| figure | value | target |',
    '|---|---|---|',
    `| answers | ${tallyText(c.tally)} | no TIMEOUT |`,
    `| operation wall time | ${c.wallMs} ms | ≤ ${c.deadlineMs + 250} ms |`,
    `| upstream calls | ${c.upstreamCalls} | |`,
    `| calls sent after the deadline | **${c.callsSentAfterDeadline}** | 0 |`,
    `| circuit after | **${c.circuitAfter}** | closed |`,
    '',
  ];
}
