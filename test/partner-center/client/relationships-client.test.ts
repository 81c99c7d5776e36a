import http from 'node:http';
import { AddressInfo } from 'node:net';
import { TEST_RESELLERS, sandboxTenantId, sandboxToken } from '../../../src/emulator/partner-center/emulated-world';
import { Emulator, EmulatorOptions, startEmulator } from '../../../src/emulator/partner-center/emulator-server';
import { createStaticTokenProvider } from '../../../src/partner-center/auth/token-provider';
import { PartnerCenterClient, createPartnerCenterClient } from '../../../src/partner-center/client/partner-center-client';
import { nextLinkPath } from '../../../src/partner-center/client/relationships-call';
import { Deadline } from '../../../src/time/deadline';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** United States resellers the emulator lists for the US account. */
const US_LISTED = TEST_RESELLERS.filter(
  (r) => r.tenantId && r.homeRegion === 'UNITED_STATES' && !['1000005', '1000010', '1000013', '1000014'].includes(r.mpnId),
);

function clientFor(url: string, extra: { maxPageBytes?: number; timeoutMs?: number } = {}): PartnerCenterClient {
  return createPartnerCenterClient({
    baseUrl: url,
    tokenProvider: createStaticTokenProvider(sandboxToken('UNITED_STATES')),
    applicationName: 'mpa-gateway-tests',
    timeoutMs: extra.timeoutMs ?? 1_000,
    ...extra,
  });
}

/** A hand-written Partner Center that answers each request from `answer` and records what it got. */
async function startFakePartnerCenter(answer: (req: http.IncomingMessage, base: string) => { status: number; body: unknown }) {
  const requests: Array<{ url: string; headers: http.IncomingHttpHeaders }> = [];
  let base = '';
  const server = http.createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers });
    const { status, body } = answer(req, base);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: base, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('PartnerCenterClient.indirectResellers', () => {
  let emulator: Emulator;
  const start = async (options: EmulatorOptions = {}) => {
    emulator = await startEmulator({ relationshipsPageSize: 4, ...options });
  };
  afterEach(() => emulator?.close());

  it('reads every page, with the headers of every Partner Center call and a new correlation id per page', async () => {
    await start();
    const result = await clientFor(emulator.url).indirectResellers();
    if (!result.ok) throw new Error(`expected a list, got ${result.outcome.kind}`);
    expect(result.pages).toBe(Math.ceil(US_LISTED.length / 4));
    expect(result.relationships.map((r) => r.mpnId).sort()).toEqual(US_LISTED.map((r) => r.mpnId).sort());
    expect(result.relationships.find((r) => r.mpnId === '1000001')).toEqual({
      tenantId: sandboxTenantId('1000001'),
      mpnId: '1000001',
      name: 'Northwind Traders',
      state: 'Active',
      location: 'US',
    });
    const calls = emulator.relationshipsCalls();
    expect(calls.map((call) => [call.status, call.page, call.continued])).toEqual(
      Array.from({ length: result.pages }, (_, i) => [200, i, i > 0]),
    );
    for (const call of calls) {
      expect(call.headers).toMatchObject({
        authorization: 'bearer',
        accept: 'application/json',
        locale: 'en-US',
        application: 'mpa-gateway-tests',
      });
      expect(call.headers.correlationId).toMatch(GUID);
      expect(call.headers.requestId).toMatch(GUID);
    }
    expect(new Set(calls.map((call) => call.headers.correlationId)).size).toBe(calls.length);
    expect(emulator.callCount()).toBe(0);
  });

  it.each(['relative', 'versioned', 'absolute'] as const)('follows a next link written %s', async (style) => {
    await start({ relationshipsNextLinkStyle: style });
    const result = await clientFor(emulator.url).indirectResellers();
    expect(result).toMatchObject({ ok: true, pages: Math.ceil(US_LISTED.length / 4) });
  });

  it('resolves next links against the base URL, its path included', () => {
    const base = new URL('https://pc.example/api');
    expect(nextLinkPath('/relationships?x=1', base)).toBe('/api/v1/relationships?x=1');
    expect(nextLinkPath('/v1/relationships?x=1', base)).toBe('/api/v1/relationships?x=1');
    expect(nextLinkPath('/api/v1/relationships?x=1', base)).toBe('/api/v1/relationships?x=1');
    expect(nextLinkPath('relationships?x=1', base)).toBe('/api/v1/relationships?x=1');
    expect(nextLinkPath('https://pc.example/api/v1/relationships?x=1', base)).toBe('/api/v1/relationships?x=1');
    expect(nextLinkPath('https://elsewhere.example/v1/relationships', base)).toBeUndefined();
    expect(nextLinkPath('//elsewhere.example/v1/relationships', base)).toBeUndefined();
  });

  it('never follows a next link to another origin: the token stays home', async () => {
    const elsewhere = await startFakePartnerCenter(() => ({ status: 200, body: { items: [] } }));
    const home = await startFakePartnerCenter(() => ({
      status: 200,
      body: { totalCount: 0, items: [], links: { next: { uri: `${elsewhere.url}/v1/relationships`, method: 'GET', headers: [] } } },
    }));
    try {
      const result = await clientFor(home.url).indirectResellers();
      expect(result).toMatchObject({ ok: false, pages: 1, outcome: { kind: 'unrecognized', retryable: false, httpStatus: 200 } });
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await home.close();
      await elsewhere.close();
    }
  });

  it('sends the continuation headers back as given, never letting a link set our own headers, and stops a loop', async () => {
    const fake = await startFakePartnerCenter(() => ({
      status: 200,
      body: {
        items: [{ id: '00000000-0000-0000-0000-000000000042', mpnId: 42, name: 'Loop', state: 'active' }, { name: 'no id' }],
        links: {
          next: {
            uri: '/relationships?seekOperation=Next',
            method: 'GET',
            headers: [
              { key: 'MS-ContinuationToken', value: 'abc,def/ghi=' },
              { key: 'Authorization', value: 'Bearer stolen' },
              { key: 'bad header', value: 'x' },
            ],
          },
        },
      },
    }));
    try {
      const result = await clientFor(fake.url).indirectResellers();
      // The same link twice is a loop: the second page is read, then the listing stops.
      expect(result).toMatchObject({ ok: false, pages: 2, outcome: { kind: 'unrecognized', retryable: false, httpStatus: 200 } });
      expect(fake.requests.map((r) => r.url)).toEqual([
        '/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf',
        '/v1/relationships?seekOperation=Next',
      ]);
      expect(fake.requests[1].headers['ms-continuationtoken']).toBe('abc,def/ghi=');
      expect(fake.requests[1].headers.authorization).toBe(`Bearer ${sandboxToken('UNITED_STATES')}`);
      expect(fake.requests[1].headers['bad header']).toBeUndefined();
    } finally {
      await fake.close();
    }
  });

  it('retries a failed page and answers the whole list', async () => {
    await start();
    emulator.faults.setForRelationships({ failure: { type: 'status', status: 503 }, times: 1 });
    const result = await clientFor(emulator.url).indirectResellers({ baseDelayMs: 10, maxDelayMs: 20 });
    expect(result).toMatchObject({ ok: true, pages: Math.ceil(US_LISTED.length / 4) });
    expect(emulator.relationshipsCalls()[0].status).toBe(503);
  });

  it('keeps MS-RequestId when retrying after a timeout', async () => {
    await start();
    emulator.faults.setForRelationships({ failure: { type: 'hang' }, times: 1 });
    const result = await clientFor(emulator.url, { timeoutMs: 200 }).indirectResellers({ baseDelayMs: 10, maxDelayMs: 20 });
    expect(result.ok).toBe(true);
    const [hung, retried] = emulator.relationshipsCalls();
    expect(hung.status).toBe(0);
    expect(retried.headers.requestId).toBe(hung.headers.requestId);
    expect(retried.headers.correlationId).not.toBe(hung.headers.correlationId);
  });

  it('answers credentialsRejected for a 401, without retrying', async () => {
    await start();
    emulator.faults.setForRelationships({ failure: { type: 'status', status: 401 } });
    const result = await clientFor(emulator.url).indirectResellers();
    expect(result).toMatchObject({
      ok: false,
      pages: 0,
      outcome: { kind: 'credentialsRejected', reason: 'unauthorized', httpStatus: 401 },
    });
    expect(emulator.relationshipsCalls()).toHaveLength(1);
  });

  it('holds the whole account for Retry-After on a 429, then goes on', async () => {
    await start();
    emulator.faults.setForRelationships({ failure: { type: 'throttle', retryAfterSeconds: 1 }, times: 1 });
    const client = clientFor(emulator.url);
    const listing = client.indirectResellers({ deadline: Deadline.after(10_000) });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(client.capacity.throttledUntil()).toBeGreaterThan(Date.now());
    expect((await listing).ok).toBe(true);
    expect(emulator.relationshipsCalls().map((call) => call.status)[0]).toBe(429);
  });

  it('reads a code on a 400 verbatim as unrecognized: agreementstatus codes mean nothing here', async () => {
    await start();
    emulator.faults.setForRelationships({
      failure: { type: 'status', status: 400, body: { code: 2000, description: 'MPN Id must be numeric.', data: [], source: 'X' } },
    });
    const result = await clientFor(emulator.url).indirectResellers();
    expect(result).toMatchObject({ ok: false, outcome: { kind: 'unrecognized', httpStatus: 400, upstream: { code: 2000 } } });
  });

  it('counts a page larger than maxPageBytes as malformed, and a hung one as out of time at the deadline', async () => {
    await start();
    const small = await clientFor(emulator.url, { maxPageBytes: 300 }).indirectResellers({ maxAttempts: 1 });
    expect(small).toMatchObject({ ok: false, outcome: { kind: 'upstreamFailure', reason: 'malformedBody' } });
    emulator.faults.setForRelationships({ failure: { type: 'hang' } });
    const hung = await clientFor(emulator.url, { timeoutMs: 5_000 }).indirectResellers({ deadline: Deadline.after(300) });
    expect(hung).toMatchObject({ ok: false, outcome: { kind: 'deadlineExceeded' } });
  });
});
