/**
 * The partner-of-record section of `npm run bench`: what Microsoft's verdict (validateresellers)
 * costs. A 500-line cart over 250 distinct listed resellers, cold, through a gateway with all
 * three checks and through one with the agreement check alone, against the same emulator:
 * Partner Center's calls of each kind, and the wall time the verdict adds. Rounds alternate the
 * two gateways, each round with fresh ones (cold caches), so a slow phase of the machine hits
 * both alike.
 */
import { request } from 'undici';
import type { ServerStarter } from './stress';

const LISTED_RESELLERS = 300;
const LINES = 500;
const DISTINCT = 250;
const ROUNDS = 3;
/** The shipped default of `partnerOfRecord.maxBatchSize`. */
const BATCH_SIZE = 50;
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

/** Calls the emulator answered since the last time, by kind, then starts counting again. */
async function emulatorCalls(
  emulatorUrl: string,
): Promise<{ agreement: number; relationshipPages: number; validateResellers: number; largestBatch: number }> {
  const response = await request(`${emulatorUrl}/_emulator/calls`);
  const body = (await response.body.json()) as {
    count: number;
    relationships?: { count: number };
    validateResellers?: { calls: Array<{ partnerIds?: string[] }> };
  };
  await (await request(`${emulatorUrl}/_emulator/calls`, { method: 'DELETE' })).body.text();
  const batches = body.validateResellers?.calls ?? [];
  return {
    agreement: body.count,
    relationshipPages: body.relationships?.count ?? 0,
    validateResellers: batches.length,
    largestBatch: Math.max(0, ...batches.map((call) => call.partnerIds?.length ?? 0)),
  };
}

/** Waits until every region's reseller list of the gateway is in (its detailed /readyz, on the operator port, says so), so no listing runs during a cart. */
async function listsLoaded(url: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    const body = (await (await request(`${url}/readyz`)).body.json()) as { regions: Record<string, { directory?: { status: string } }> };
    if (Object.values(body.regions).every((region) => !region.directory || region.directory.status === 'ready')) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} never loaded its reseller list`);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function runPartnerOfRecord(start: ServerStarter, apiKeySha256: string, apiKey: string) {
  const emulator = await start(
    'emulator',
    JSON.stringify({ latencyMs: 20, callLogLimit: 50_000, relationshipsPageSize: 100, listedResellers: LISTED_RESELLERS }),
  );
  const orders = Array.from({ length: LINES }, (_, i) => ({ mpnId: String(7_000_000 + (i % DISTINCT)), region: 'UNITED_STATES' }));
  const cart = async (url: string) => {
    const begin = Date.now();
    const result = await post(url, apiKey, { orders });
    const wallMs = Date.now() - begin;
    if (result.errors) throw new Error(`partner-of-record bench cart failed: ${JSON.stringify(result.errors).slice(0, 300)}`);
    const calls = await emulatorCalls(emulator.info.url);
    const lines = result.data.orderEligibilities as Array<{ canSubmit: boolean; checks: unknown[] }>;
    return { ...calls, wallMs, submittable: lines.filter((line) => line.canSubmit).length, checksPerLine: lines[0].checks.length };
  };
  const rounds: Array<{ allThree: Awaited<ReturnType<typeof cart>>; agreementOnly: Awaited<ReturnType<typeof cart>> }> = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const allThree = await start('gateway', JSON.stringify({ emulatorUrl: emulator.info.url, apiKeySha256, defaults: true }));
    const agreementOnly = await start(
      'gateway',
      JSON.stringify({
        emulatorUrl: emulator.info.url,
        apiKeySha256,
        defaults: true,
        checks: { relationship: 'off', partnerOfRecord: 'off' },
      }),
    );
    await listsLoaded(allThree.info.operatorUrl!);
    await listsLoaded(agreementOnly.info.operatorUrl!);
    await emulatorCalls(emulator.info.url);
    // Alternate which goes first, so neither always meets a warmer emulator.
    const first = round % 2 === 0 ? await cart(allThree.info.url) : await cart(agreementOnly.info.url);
    const second = round % 2 === 0 ? await cart(agreementOnly.info.url) : await cart(allThree.info.url);
    rounds.push(round % 2 === 0 ? { allThree: first, agreementOnly: second } : { allThree: second, agreementOnly: first });
    await allThree.stop();
    await agreementOnly.stop();
  }
  await emulator.stop();
  const addedMs = rounds.map((r) => r.allThree.wallMs - r.agreementOnly.wallMs);
  return { lines: LINES, distinct: DISTINCT, batchSize: BATCH_SIZE, rounds, medianAddedMs: median(addedMs), addedMs };
}

export function renderPartnerOfRecord(r: Awaited<ReturnType<typeof runPartnerOfRecord>>): string[] {
  const row = (name: string, c: (typeof r.rounds)[number]['allThree']) =>
    `| ${name} | ${c.checksPerLine} | ${c.agreement} | ${c.relationshipPages} | ${c.validateResellers} (largest ${c.largestBatch}) | ${c.submittable} / ${r.lines} | ${c.wallMs} |`;
  return [
    "## Partner of record (Microsoft's verdict): upstream calls and added latency of a 500-line cart (shipped defaults, 20 ms latency)",
    '',
    `${r.lines} lines over ${r.distinct} distinct listed resellers, cold, with \`partnerOfRecord.maxBatchSize\` ${r.batchSize}: expected ${r.distinct} agreementstatus calls, 0 relationships calls and ceil(${r.distinct} / ${r.batchSize}) = ${Math.ceil(r.distinct / r.batchSize)} validateresellers calls. ${r.rounds.length} rounds, each with fresh gateways:`,
    '',
    '| round: gateway | checks per line | agreementstatus calls | relationships calls | validateresellers calls | lines that may be submitted | wall ms |',
    '|---|---|---|---|---|---|---|',
    ...r.rounds.flatMap((round, index) => [
      row(`${index + 1}: all three checks (defaults)`, round.allThree),
      row(`${index + 1}: agreement check alone`, round.agreementOnly),
    ]),
    '',
    `Added wall time of the partner-of-record verdict (all three checks minus the agreement check alone; the relationship check reads memory): **median ${r.medianAddedMs} ms** (rounds: ${r.addedMs.join(', ')} ms). The batches travel beside the 250 agreement calls through the same account queue.`,
    '',
  ];
}
