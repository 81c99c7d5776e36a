import fetch from 'node-fetch';
import { Gateway } from '../../src/compose/gateway';
import { ProductionLikeGateway, TEST_API_KEY, startProductionLikeGateway } from '../support/production-like-gateway';
import { startGateway } from '../support/sandbox-gateway';

/**
 * A client's query text is data, never code. graphql-jit (once used to run repeated queries)
 * wrote literal argument values into the JavaScript it compiled, and a string starting with
 * its public date marker came out as `new Date(<rest of the string, unescaped>)`. These send
 * that payload through every argument that takes a string, repeatedly (each time with another
 * Accept-Language, so the response micro-cache never answers in Apollo's place), and check
 * that the code in it never ran.
 */
const JIT_DATE_MARKER = '__MAGIC_DATE__33a9e76d_02e0_4128_8e92_3530ad3da74d';
const COUNTER = 'mpaInjectedCodeRuns';
/** Code without quotes (they would be escaped): counts its runs on the global object. */
const PAYLOAD = `${JIT_DATE_MARKER}(globalThis.${COUNTER}=(globalThis.${COUNTER}||0)+1)`;
const LITERAL = JSON.stringify(PAYLOAD);

const LINE = `{lineId: ${LITERAL}, mpnId: ${LITERAL}, region: UNITED_STATES}`;
const TENANT_LINE = `{lineId: ${LITERAL}, tenantId: ${LITERAL}, region: UNITED_STATES}`;
const STATUS = 'mpaStatus(region: UNITED_STATES) { __typename }';

/** Every query argument that takes text, each with the payload as a literal. */
const QUERIES: Readonly<Record<string, string>> = {
  'cspRegions(locale)': `{ cspRegions(locale: ${LITERAL}) { region } }`,
  'orderEligibility(locale, order.lineId, order.mpnId)': `{ orderEligibility(locale: ${LITERAL}, order: ${LINE}) { canSubmit } }`,
  'orderEligibility(order.tenantId)': `{ orderEligibility(order: ${TENANT_LINE}) { canSubmit } }`,
  'orderEligibilities(locale, orders[])': `{ orderEligibilities(locale: ${LITERAL}, orders: [${LINE}, ${TENANT_LINE}]) { canSubmit } }`,
  'reseller(mpnId)': `{ reseller(mpnId: ${LITERAL}) { mpnId ${STATUS} } }`,
  'reseller(tenantId)': `{ reseller(tenantId: ${LITERAL}) { tenantId ${STATUS} } }`,
  'resellers(mpnIds[], tenantIds[])': `{ resellers(mpnIds: [${LITERAL}], tenantIds: [${LITERAL}]) { mpnId ${STATUS} } }`,
  '_entities(representations[])': `{ _entities(representations: [{__typename: "Reseller", mpnId: ${LITERAL}}]) { ... on Reseller { mpnId } } }`,
  'named operation with a literal': `query Named { cspRegions(locale: ${LITERAL}) { region } }`,
};

const REPEATS = 4;

const runs = (): number => ((globalThis as Record<string, unknown>)[COUNTER] as number | undefined) ?? 0;

async function sendRepeatedly(url: string, query: string, headers: Record<string, string>): Promise<number[]> {
  const statuses: number[] = [];
  for (let attempt = 0; attempt < REPEATS; attempt += 1) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': `en-US;q=0.${attempt + 1}`, ...headers },
      body: JSON.stringify({ query }),
    });
    statuses.push(response.status);
    await response.text();
  }
  return statuses;
}

describe('A client’s query text never runs as code', () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>)[COUNTER];
  });

  describe('in sandbox mode, with the shipped defaults', () => {
    let gateway: Gateway;
    let url: string;
    beforeAll(async () => {
      gateway = await startGateway();
      url = `${(await gateway.listen()).url}/graphql`;
    });
    afterAll(() => gateway.stop());

    it.each(Object.entries(QUERIES))('through %s', async (_argument, query) => {
      const statuses = await sendRepeatedly(url, query, {});
      expect(statuses.every((status) => status < 500)).toBe(true);
      expect(runs()).toBe(0);
    });
  });

  describe('in production mode, with an ordinary API key', () => {
    let production: ProductionLikeGateway;
    beforeAll(async () => {
      // The shipped document cache and response cache, as a deployment has them.
      production = await startProductionLikeGateway({ config: { http: { responseCacheMs: 1_000, documentCacheBytes: 16_777_216 } } });
    });
    afterAll(() => production.stop());

    it.each(Object.entries(QUERIES))('through %s', async (_argument, query) => {
      const statuses = await sendRepeatedly(production.url, query, { 'x-api-key': TEST_API_KEY });
      expect(statuses.every((status) => status < 500)).toBe(true);
      expect(runs()).toBe(0);
    });
  });
});
