/**
 * The relationships section of `npm run bench`: what the partner-of-record check costs
 * upstream. A 500-line cart through a gateway with both checks (the defaults) and through one
 * with the agreement check alone, against the same emulator, counting Partner Center's calls.
 */
import { request } from 'undici';
import type { ServerStarter } from './stress';

const LISTED_RESELLERS = 300;
const PAGE_SIZE = 100;
const LINES = 500;
const DISTINCT = 250;
const CART = `query ($orders: [MpaOrderLineInput!]!) { orderEligibilities(orders: $orders) {
  canSubmit checks { __typename passed } } }`;

async function post(url: string, apiKey: string, variables: unknown): Promise<any> {
  const response = await request(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify({ query: CART, variables }),
    bodyTimeout: 60_000,
    headersTimeout: 60_000,
  });
  return response.body.json();
}

/** Calls the emulator answered since the last time, then starts counting again. */
async function emulatorCalls(emulatorUrl: string): Promise<{ agreement: number; relationshipPages: number }> {
  const response = await request(`${emulatorUrl}/_emulator/calls`);
  const body = (await response.body.json()) as { count: number; relationships?: { count: number } };
  await (await request(`${emulatorUrl}/_emulator/calls`, { method: 'DELETE' })).body.text();
  return { agreement: body.count, relationshipPages: body.relationships?.count ?? 0 };
}

/** Waits until the gateway's United States list is in (its /readyz says so). */
async function listLoaded(url: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    const body = (await (await request(`${url}/readyz`)).body.json()) as { regions: Record<string, { directory?: { status: string } }> };
    if (body.regions.UNITED_STATES?.directory?.status === 'ready') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} never loaded its reseller list`);
}

export async function runRelationships(start: ServerStarter, apiKeySha256: string, apiKey: string) {
  const emulator = await start(
    'emulator',
    JSON.stringify({ latencyMs: 20, callLogLimit: 50_000, relationshipsPageSize: PAGE_SIZE, listedResellers: LISTED_RESELLERS }),
  );
  await emulatorCalls(emulator.info.url);
  // Microsoft's partner-of-record verdict is off here: its own section measures it.
  const both = await start(
    'gateway',
    JSON.stringify({ emulatorUrl: emulator.info.url, apiKeySha256, defaults: true, checks: { partnerOfRecord: 'off' } }),
  );
  await listLoaded(both.info.operatorUrl!);
  const startUp = await emulatorCalls(emulator.info.url);
  const agreementOnly = await start(
    'gateway',
    JSON.stringify({
      emulatorUrl: emulator.info.url,
      apiKeySha256,
      defaults: true,
      checks: { relationship: 'off', partnerOfRecord: 'off' },
    }),
  );
  await listLoaded(agreementOnly.info.operatorUrl!);
  await emulatorCalls(emulator.info.url);

  // 500 lines over 250 distinct listed resellers, each asked cold by each gateway (separate caches).
  const orders = Array.from({ length: LINES }, (_, i) => ({ mpnId: String(7_000_000 + (i % DISTINCT)), region: 'UNITED_STATES' }));
  const cart = async (url: string) => {
    const begin = Date.now();
    const result = await post(url, apiKey, { orders });
    const wallMs = Date.now() - begin;
    if (result.errors) throw new Error(`relationships bench cart failed: ${JSON.stringify(result.errors).slice(0, 300)}`);
    const calls = await emulatorCalls(emulator.info.url);
    const lines = result.data.orderEligibilities as Array<{ canSubmit: boolean; checks: unknown[] }>;
    return { ...calls, wallMs, submittable: lines.filter((line) => line.canSubmit).length, checksPerLine: lines[0].checks.length };
  };
  const withBoth = await cart(both.info.url);
  const alone = await cart(agreementOnly.info.url);
  // The same cart again through the gateway with both checks: the status cache and the list answer it.
  const again = await cart(both.info.url);

  await both.stop();
  await agreementOnly.stop();
  await emulator.stop();
  return {
    listedResellers: LISTED_RESELLERS,
    pageSize: PAGE_SIZE,
    lines: LINES,
    distinct: DISTINCT,
    startUpPages: startUp.relationshipPages,
    withBoth,
    alone,
    again,
  };
}

export function renderRelationships(r: Awaited<ReturnType<typeof runRelationships>>): string[] {
  const row = (name: string, c: typeof r.withBoth) =>
    `| ${name} | ${c.checksPerLine} | ${c.agreement} | ${c.relationshipPages} | ${c.submittable} / ${r.lines} | ${c.wallMs} |`;
  return [
    '## Relationship check: upstream calls of a 500-line cart (shipped defaults, 20 ms latency)',
    '',
    `The emulator lists ${r.listedResellers + 19} United States resellers in pages of ${r.pageSize}; the gateway fetched that list at start in **${r.startUpPages} calls** (one listing, every page; the other gateway likewise) before any order. Then ${r.lines} lines over ${r.distinct} distinct resellers:`,
    '',
    '| gateway | checks per line | agreementstatus calls | relationships calls | lines that may be submitted | wall ms |',
    '|---|---|---|---|---|---|',
    row('agreement and relationship (defaults)', r.withBoth),
    row('agreement only (`checks.relationship: off`)', r.alone),
    row('agreement and relationship, same cart again', r.again),
    '',
    `Upstream calls with both checks / with the agreement check alone: **${r.withBoth.agreement + r.withBoth.relationshipPages} / ${r.alone.agreement + r.alone.relationshipPages}** (target: no more). The relationship check reads the list in memory: no call per order.`,
    '',
  ];
}
