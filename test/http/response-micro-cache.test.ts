import { ApolloServerPlugin } from '@apollo/server';
import fetch from 'node-fetch';
import { sandboxTenantId } from '../../src/emulator/partner-center/emulated-world';
import { Emulator, startEmulator } from '../../src/emulator/partner-center/emulator-server';
import { Gateway } from '../../src/compose/gateway';
import { GatewayContext } from '../../src/graphql/gateway-context';
import { ResponseMicroCache } from '../../src/http/response-micro-cache';
import { ProductionLikeGateway, startProductionLikeGateway } from '../support/production-like-gateway';
import { RedisServer, startRedisServer } from '../support/redis-server';
import { startSandboxGateway } from '../support/sandbox-gateway';

const ELIGIBILITY = (mpnId: string) =>
  `{ orderEligibility(order: {mpnId: "${mpnId}", region: UNITED_STATES}) { canSubmit mpaStatus { __typename ... on MpaStatusOutcome { message } } } }`;

/** A promise with its resolve function. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/**
 * Holds the response of the operation named `HeldCart` after it executed, until the test lets
 * it go: `executed` resolves when it is held, `release` sends it.
 */
function holdingPlugin() {
  let hold = { executed: deferred(), release: deferred() };
  const plugin: ApolloServerPlugin<GatewayContext> = {
    requestDidStart: () =>
      Promise.resolve({
        async willSendResponse({ operationName }) {
          if (operationName !== 'HeldCart') return;
          hold.executed.resolve();
          await hold.release.promise;
        },
      }),
  };
  return {
    plugin,
    /** Holds the next HeldCart response. */
    next() {
      hold = { executed: deferred(), release: deferred() };
      return { executed: hold.executed.promise, release: hold.release.resolve };
    },
  };
}

/** Adds an execution count to the `extensions` of every operation named `Stamped`, as a plugin reporting per-execution facts would. */
function stampingPlugin() {
  let executions = 0;
  const plugin: ApolloServerPlugin<GatewayContext> = {
    requestDidStart: () =>
      Promise.resolve({
        async willSendResponse({ operationName, response }) {
          if (operationName !== 'Stamped' || response.body.kind !== 'single') return;
          executions += 1;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, execution: executions };
        },
      }),
  };
  return { plugin, executions: () => executions };
}

describe('Response micro-cache', () => {
  let gateway: Gateway;
  let url: string;
  const holding = holdingPlugin();
  const stamping = stampingPlugin();
  let operatorUrl: string;
  beforeAll(async () => {
    // No status cache: every reuse seen here is the response micro-cache's. A minute: no
    // reuse asserted here depends on how fast two requests follow each other; expiry is
    // tested on a fake clock (response-micro-cache.unit.test.ts).
    gateway = await startSandboxGateway({ http: { responseCacheMs: 60_000 } }, [holding.plugin, stamping.plugin]);
    ({ url, operatorUrl } = await gateway.listen());
  });
  afterAll(() => gateway.stop());
  beforeEach(() => gateway.emulator!.clearCalls());

  const post = async (query: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });
    const text = await response.text();
    return {
      status: response.status,
      requestId: response.headers.get('x-request-id'),
      contentType: response.headers.get('content-type'),
      body: text.startsWith('{') ? JSON.parse(text) : text,
    };
  };

  it('answers an identical query again without the pipeline, with its own request id', async () => {
    const first = await post(ELIGIBILITY('1000001'));
    const second = await post(ELIGIBILITY('1000001'));
    expect(second.body).toEqual(first.body);
    expect(second.requestId).not.toBe(first.requestId);
    expect(gateway.emulator!.callCount()).toBe(1);
    const metrics = await (await fetch(`${operatorUrl}/metrics`)).text();
    expect(metrics).toMatch(/mpa_response_cache_hits_total [1-9]/);
  });

  it('keeps languages apart', async () => {
    const en = await post(ELIGIBILITY('1000002'));
    const pt = await post(ELIGIBILITY('1000002'), { 'accept-language': 'pt-PT' });
    expect(en.body.data.orderEligibility.mpaStatus.message).toMatch(/^The reseller/);
    expect(pt.body.data.orderEligibility.mpaStatus.message).toMatch(/^O revendedor/);
  });

  it('never reuses an answer given while Partner Center was unavailable, nor an error', async () => {
    await post(ELIGIBILITY('1000503'));
    await post(ELIGIBILITY('1000503'));
    expect(gateway.emulator!.callCount()).toBe(2);
    const bad = await post('{ nope }');
    const again = await post('{ nope }');
    expect(again.body).toEqual(bad.body);
    expect(again.status).toBe(400);
  });

  it('forgets everything when a recheck replaces an answer', async () => {
    expect((await post(ELIGIBILITY('1000007'))).body.data.orderEligibility.canSubmit).toBe(false);
    gateway.emulator!.putReseller({
      mpnId: '1000007',
      tenantId: sandboxTenantId('1000007'),
      homeRegion: 'UNITED_STATES',
      signedRegions: ['UNITED_STATES', 'EUROPE'],
      purpose: 'signed now',
    });
    await post('mutation { recheckMpaStatus(order: {mpnId: "1000007", region: UNITED_STATES}) { canSubmit } }');
    expect((await post(ELIGIBILITY('1000007'))).body.data.orderEligibility.canSubmit).toBe(true);
  });

  it('keys responses by Accept: a body negotiated for one Accept is never served to another', async () => {
    const query = ELIGIBILITY('1000001');
    const graphqlResponse = await post(query, { accept: 'application/graphql-response+json' });
    expect(graphqlResponse.status).toBe(200);
    expect(graphqlResponse.contentType).toMatch(/^application\/graphql-response\+json/);
    const html = await post(query, { accept: 'text/html' });
    expect(html.status).toBe(406);
    const json = await post(query, { accept: 'application/json' });
    expect(json.contentType).toMatch(/^application\/json/);
  });

  it("keys responses by a router's trace request: a federated trace (ftv1) is never served to another caller, nor withheld from a router", async () => {
    const router = { 'apollo-federation-include-trace': 'ftv1' };
    const ftv1Of = (body: { extensions?: { ftv1?: unknown } }) => body.extensions?.ftv1;
    // A router first: its response carries a trace of that one execution.
    const traced = await post(ELIGIBILITY('1000003'), router);
    expect(typeof ftv1Of(traced.body)).toBe('string');
    // A plain client with the same text gets no trace of somebody else's request.
    const plain = await post(ELIGIBILITY('1000003'));
    expect(ftv1Of(plain.body)).toBeUndefined();
    expect(plain.body.data).toEqual(traced.body.data);
    // A plain client first: a router asking afterwards still gets a trace.
    await post(ELIGIBILITY('1000004'));
    const tracedAfter = await post(ELIGIBILITY('1000004'), router);
    expect(typeof ftv1Of(tracedAfter.body)).toBe('string');
  });

  it('never keeps a response whose body carries anything beside data (per-execution extensions)', async () => {
    const query = `query Stamped ${ELIGIBILITY('1000005')}`;
    const first = await post(query);
    const second = await post(query);
    expect(first.body.extensions).toEqual({ execution: 1 });
    expect(second.body.extensions).toEqual({ execution: 2 });
    expect(stamping.executions()).toBe(2);
  });
  it('never keeps a response built on an answer that a recheck replaced while it ran', async () => {
    // The cart reads 1000007; before its response is sent, the reseller signs and a recheck
    // replaces the answer. The cart's response is stale by the time it is sent: it must not be
    // kept for the next identical request.
    gateway.emulator!.putReseller({
      mpnId: '1000007',
      tenantId: sandboxTenantId('1000007'),
      homeRegion: 'UNITED_STATES',
      signedRegions: ['EUROPE'],
      purpose: 'not signed yet',
    });
    const cart = 'query HeldCart { late: orderEligibility(order: {mpnId: "1000007", region: UNITED_STATES}) { canSubmit } }';
    const held = holding.next();
    const first = post(cart);
    await held.executed;
    gateway.emulator!.putReseller({
      mpnId: '1000007',
      tenantId: sandboxTenantId('1000007'),
      homeRegion: 'UNITED_STATES',
      signedRegions: ['UNITED_STATES', 'EUROPE'],
      purpose: 'signed now',
    });
    const recheck = await post('mutation { recheckMpaStatus(order: {mpnId: "1000007", region: UNITED_STATES}) { canSubmit } }');
    expect(recheck.body.data.recheckMpaStatus.canSubmit).toBe(true);
    held.release();
    expect((await first).body.data.late.canSubmit).toBe(false);
    holding.next().release(); // the next one is not held
    expect((await post(cart)).body.data.late.canSubmit).toBe(true);
  });

  it('keeps a response when nothing was rechecked while it ran', async () => {
    const cart = 'query HeldCart { kept: orderEligibility(order: {mpnId: "1000005", region: UNITED_STATES}) { canSubmit } }';
    const held = holding.next();
    const first = post(cart);
    await held.executed;
    held.release();
    await first;
    expect((await post(cart)).body).toEqual((await first).body);
    expect(gateway.emulator!.callCount()).toBe(1);
  });
});

describe('Response micro-cache across replicas (Redis)', () => {
  let redis: RedisServer;
  let emulator: Emulator;
  let replicaA: ProductionLikeGateway;
  let replicaB: ProductionLikeGateway;
  /** Every micro-cache emptied, in order (the real method still runs). */
  const emptied: ResponseMicroCache[] = [];
  let onEmptied = () => {};
  beforeAll(async () => {
    // The method itself, read before the spy takes its place.
    const invalidate = Object.getOwnPropertyDescriptor(ResponseMicroCache.prototype, 'invalidate')!.value as (
      this: ResponseMicroCache,
    ) => void;
    jest.spyOn(ResponseMicroCache.prototype, 'invalidate').mockImplementation(function (this: ResponseMicroCache) {
      invalidate.call(this);
      emptied.push(this);
      onEmptied();
    });
    redis = await startRedisServer();
    emulator = await startEmulator();
    const config = { cache: { redisUrl: redis.url }, http: { responseCacheMs: 60_000 } };
    replicaA = await startProductionLikeGateway({ emulator, config });
    replicaB = await startProductionLikeGateway({ emulator, config });
  });
  afterAll(async () => {
    await replicaA.stop();
    await replicaB.stop();
    await emulator.close();
    await redis.kill();
    jest.restoreAllMocks();
  });

  it("empties the other replicas' micro-caches when one replica rechecks", async () => {
    const ask = async (replica: ProductionLikeGateway) =>
      (await (await replica.post({ query: ELIGIBILITY('1000007') })).json()).data.orderEligibility.canSubmit;
    // Only its agreement changes: it keeps its tenant, and so its relationship with the United States account.
    emulator.putReseller({
      mpnId: '1000007',
      tenantId: sandboxTenantId('1000007'),
      homeRegion: 'UNITED_STATES',
      signedRegions: ['EUROPE'],
      purpose: 'not signed yet',
    });
    emulator.clearCalls();
    expect(await ask(replicaB)).toBe(false);
    expect(await ask(replicaB)).toBe(false);
    expect(emulator.callCount()).toBe(1); // the second answer came from B's micro-cache

    emulator.putReseller({
      mpnId: '1000007',
      tenantId: sandboxTenantId('1000007'),
      homeRegion: 'UNITED_STATES',
      signedRegions: ['UNITED_STATES', 'EUROPE'],
      purpose: 'signed now',
    });
    const from = emptied.length;
    // A empties its own micro-cache and tells B through Redis; B's would otherwise answer for 60 s.
    const bothEmptied = new Promise<void>((resolve) => {
      onEmptied = () => {
        if (new Set(emptied.slice(from)).size >= 2) resolve();
      };
    });
    const recheck = await replicaA.post({
      query: 'mutation { recheckMpaStatus(order: {mpnId: "1000007", region: UNITED_STATES}) { canSubmit } }',
    });
    expect((await recheck.json()).data.recheckMpaStatus.canSubmit).toBe(true);
    await bothEmptied;
    expect(await ask(replicaB)).toBe(true);
  });
});
