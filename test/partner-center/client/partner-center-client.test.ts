import { sandboxToken } from '../../../src/emulator/partner-center/emulated-world';
import { Emulator, startEmulator } from '../../../src/emulator/partner-center/emulator-server';
import { AgreementOutcome } from '../../../src/partner-center/outcome/outcome';
import { PartnerCenterClient, createPartnerCenterClient } from '../../../src/partner-center/client/partner-center-client';
import { createPartnerCenterDispatcher } from '../../../src/partner-center/client/dispatcher';
import { readRetryAfter } from '../../../src/partner-center/client/answer-reading';
import { Deadline } from '../../../src/time/deadline';
import { ResellerIdentifier } from '../../../src/partner-center/reseller-identifier';
import { createStaticTokenProvider } from '../../../src/partner-center/auth/token-provider';
import { startTlsFront } from '../../support/tls-front';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Agent, Dispatcher } from 'undici';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const mpn = (value: string): ResellerIdentifier => ({ kind: 'mpnId', value });
const tenant = (value: string): ResellerIdentifier => ({ kind: 'tenantId', value });

describe('PartnerCenterClient against the emulator', () => {
  let emulator: Emulator;
  let client: PartnerCenterClient;

  beforeAll(async () => {
    emulator = await startEmulator();
    client = createPartnerCenterClient({
      baseUrl: emulator.url,
      tokenProvider: createStaticTokenProvider(sandboxToken('UNITED_STATES')),
      timeoutMs: 1_000,
      applicationName: 'mpa-gateway-tests',
    });
  });
  afterAll(() => emulator.close());
  beforeEach(() => {
    emulator.faults.clear();
    emulator.clearCalls();
  });

  const outcomeOf = async (identifier: ResellerIdentifier): Promise<AgreementOutcome> => (await client.agreementStatus(identifier)).outcome;

  describe('every row of the table, from the test identifiers', () => {
    it.each([
      ['1000001', 'signed', 200, undefined],
      ['1000002', 'notSigned', 400, 2203],
      ['1000006', 'notSigned', 200, undefined],
      ['1000003', 'regionMismatch', 400, 2201],
      ['1000004', 'mpnIdNotRecognized', 400, 2200],
      ['4242424', 'mpnIdNotRecognized', 400, 2200],
      ['1000005', 'notIndirectReseller', 400, 2204],
      ['1000123', 'notSigned', 403, 900123],
      ['1000015', 'mpnIdNotRecognized', 404, 800015],
      ['1000016', 'notIndirectReseller', 400, 800016],
      ['1000401', 'credentialsRejected', 401, undefined],
      ['1000403', 'credentialsRejected', 403, undefined],
      ['1000429', 'throttled', 429, undefined],
      ['1000500', 'upstreamFailure', 500, undefined],
      ['1000502', 'upstreamFailure', 502, undefined],
      ['1000503', 'upstreamFailure', 503, undefined],
      ['1000504', 'upstreamFailure', 504, undefined],
      ['1000999', 'upstreamFailure', 200, undefined],
    ])('MPN ID %s gives %s (HTTP %s, code %s)', async (mpnId, kind, httpStatus, code) => {
      const outcome = await outcomeOf(mpn(mpnId));
      expect(outcome.kind).toBe(kind);
      expect(outcome.httpStatus).toBe(httpStatus);
      expect(outcome.origin).toBe('partnerCenter');
      if (code !== undefined) expect(outcome.upstream?.code).toBe(code);
      expect(emulator.callCount()).toBe(1);
    });

    it.each([
      ['00000000-0000-0000-0000-000001000001', 'signed'],
      ['00000000-0000-0000-0000-000001000002', 'tenantNotSigned'],
      ['00000000-0000-0000-0000-000001000003', 'tenantNotSigned'],
      ['00000000-0000-0000-0000-000001000005', 'tenantNotFound'],
      ['ffffffff-0000-0000-0000-000000000000', 'tenantNotFound'],
    ])('tenant ID %s gives %s', async (tenantId, kind) => {
      expect((await outcomeOf(tenant(tenantId))).kind).toBe(kind);
    });

    it('keeps the upstream body of a reseller answer', async () => {
      const outcome = await outcomeOf(mpn('1000002'));
      expect(outcome).toMatchObject({
        kind: 'notSigned',
        retryable: false,
        cacheClass: 'negative',
        learnMoreUrl: 'https://docs.microsoft.com/partner-center/mpa-indirect-provider-faq',
        upstream: {
          code: 2203,
          source: 'PartnerFD',
          description: expect.stringContaining('MPN Id 1000002 has not signed'),
          data: ['https://docs.microsoft.com/partner-center/mpa-indirect-provider-faq'],
        },
      });
    });

    it('keeps an unknown code, its body and its status verbatim', async () => {
      const outcome = await outcomeOf(mpn('1000777'));
      expect(outcome).toEqual(
        expect.objectContaining({
          kind: 'unrecognized',
          httpStatus: 400,
          retryable: false,
          cacheClass: 'never',
          learnMoreUrl: 'https://example.com/future',
          upstream: {
            code: '2299',
            description: 'A future Partner Center answer.',
            data: ['https://example.com/future'],
            source: 'PartnerFD',
          },
        }),
      );
    });

    it.each([
      [{ mpnId: 'abc' }, 'invalidMpnId'],
      [{ tenantId: 'abc' }, 'invalidTenantId'],
      [{ mpnId: '1000001', tenantId: '00000000-0000-0000-0000-000001000001' }, 'bothIdentifiers'],
      [{}, 'missingIdentifier'],
    ])("round-trips Partner Center's own validation of %p to %s", async (query, kind) => {
      const { outcome } = await client.agreementStatusQuery(query);
      expect(outcome).toMatchObject({ kind, httpStatus: 400, origin: 'partnerCenter', cacheClass: 'never' });
    });
  });

  describe('faults', () => {
    it('reads Retry-After given in seconds', async () => {
      emulator.faults.setFor('1000001', { failure: { type: 'throttle', retryAfterSeconds: 30 } });
      const outcome = await outcomeOf(mpn('1000001'));
      expect(outcome).toMatchObject({ kind: 'throttled', retryAfterSeconds: 30, retryable: true, cacheClass: 'transient' });
    });

    it('reads Retry-After given as an HTTP date', async () => {
      emulator.faults.setFor('1000001', { failure: { type: 'throttle', retryAfterSeconds: 57, retryAfterFormat: 'httpDate' } });
      const outcome = await outcomeOf(mpn('1000001'));
      expect(outcome.kind).toBe('throttled');
      if (outcome.kind !== 'throttled') return;
      expect(outcome.retryAfterSeconds).toBeGreaterThanOrEqual(55);
      expect(outcome.retryAfterSeconds).toBeLessThanOrEqual(58);
    });

    it('holds for at most five minutes, whatever Retry-After asks: one bad header must not stop the account for days', async () => {
      emulator.faults.setFor('1000001', { failure: { type: 'throttle', retryAfterSeconds: 86_400 } });
      expect(await outcomeOf(mpn('1000001'))).toMatchObject({ kind: 'throttled', retryAfterSeconds: 300 });
      emulator.faults.setFor('1000001', { failure: { type: 'throttle', retryAfterSeconds: 31_536_000, retryAfterFormat: 'httpDate' } });
      expect(await outcomeOf(mpn('1000001'))).toMatchObject({ kind: 'throttled', retryAfterSeconds: 300 });
    });

    it('falls back on the throttling message when Retry-After is missing', async () => {
      emulator.faults.setFor('1000001', { failure: { type: 'throttle', retryAfterSeconds: 12, retryAfterFormat: 'bodyOnly' } });
      expect(await outcomeOf(mpn('1000001'))).toMatchObject({ kind: 'throttled', retryAfterSeconds: 12 });
    });

    it('reads Retry-After on a 503', async () => {
      expect(await outcomeOf(mpn('1000503'))).toMatchObject({ kind: 'upstreamFailure', reason: 'serverError', retryAfterSeconds: 10 });
    });

    it('times out on a hung connection and says so', async () => {
      const started = Date.now();
      const outcome = await outcomeOf(mpn('1000408'));
      expect(outcome).toMatchObject({ kind: 'upstreamFailure', reason: 'timeout', retryable: true });
      expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    });

    it('honours a shorter per-call timeout, and tells a caller abort or deadline from a timeout', async () => {
      const { outcome } = await client.agreementStatus(mpn('1000408'), { timeoutMs: 100 });
      expect(outcome).toMatchObject({ kind: 'upstreamFailure', reason: 'timeout' });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const aborted = await client.agreementStatus(mpn('1000408'), { signal: controller.signal });
      expect(aborted.outcome).toMatchObject({ kind: 'deadlineExceeded', origin: 'partnerCenter', cacheClass: 'never' });
      // Cut short by the caller's deadline: the gateway's doing, not Partner Center's.
      const cut = await client.agreementStatus(mpn('1000408'), { deadline: Deadline.after(100) });
      expect(cut.outcome).toMatchObject({ kind: 'deadlineExceeded', cacheClass: 'never' });
    });

    it('gives a call whose deadline moves later the extra time', async () => {
      emulator.faults.setFor('1000001', { latencyMs: 300 });
      const deadline = new Deadline(Date.now() + 150);
      setTimeout(() => deadline.extendTo(Date.now() + 1_000), 100);
      const { outcome } = await client.agreementStatus(mpn('1000001'), { deadline });
      expect(outcome.kind).toBe('signed');
    });

    it('does not send a call that cannot get a useful attempt before its deadline', async () => {
      emulator.clearCalls();
      const { outcome } = await client.agreementStatus(mpn('1000001'), { deadline: Deadline.after(5) });
      expect(outcome).toMatchObject({ kind: 'notAsked', origin: 'gateway', retryable: true, cacheClass: 'never' });
      expect(emulator.callCount()).toBe(0);
    });

    it('times out when latency exceeds the timeout', async () => {
      emulator.faults.setGlobal({ latencyMs: 300 });
      const { outcome } = await client.agreementStatus(mpn('1000001'), { timeoutMs: 100 });
      expect(outcome).toMatchObject({ kind: 'upstreamFailure', reason: 'timeout' });
    });

    it.each([
      ['html', 200],
      ['truncatedJson', 200],
      ['empty', 200],
      ['html', 502],
    ] as const)('classifies a %s body with status %s as Partner Center failing (malformed body or server error)', async (style, status) => {
      emulator.faults.setFor('1000001', { failure: { type: 'malformedBody', style, status } });
      expect(await outcomeOf(mpn('1000001'))).toMatchObject({ kind: 'upstreamFailure', httpStatus: status });
    });

    it.each([
      ['html', 400],
      ['empty', 404],
      ['truncatedJson', 400],
    ] as const)('keeps a %s body with status %s verbatim as unrecognized: a definite answer of an unknown shape', async (style, status) => {
      emulator.faults.setFor('1000001', { failure: { type: 'malformedBody', style, status } });
      const outcome = await outcomeOf(mpn('1000001'));
      expect(outcome).toMatchObject({ kind: 'unrecognized', httpStatus: status, retryable: false, cacheClass: 'never' });
      if (style === 'html')
        expect(outcome).toMatchObject({ bodyExcerpt: '<html><body><h1>Service temporarily unavailable</h1></body></html>' });
      if (style === 'empty') expect(outcome).not.toHaveProperty('bodyExcerpt');
    });

    it('counts a body over maxBodyBytes as malformed, without reading the rest', async () => {
      emulator.faults.setFor('1000001', { failure: { type: 'status', status: 200, body: 'x'.repeat(200_000) } });
      const small = createPartnerCenterClient({
        baseUrl: emulator.url,
        tokenProvider: createStaticTokenProvider(sandboxToken('UNITED_STATES')),
        maxBodyBytes: 1_024,
      });
      expect((await small.agreementStatus(mpn('1000001'))).outcome).toMatchObject({
        kind: 'upstreamFailure',
        reason: 'malformedBody',
        httpStatus: 200,
      });
      // The connection was dropped, not left half-read: the next call still gets its answer.
      emulator.faults.clear();
      expect((await small.agreementStatus(mpn('1000001'))).outcome.kind).toBe('signed');
    });

    it('classifies a reset connection as a network failure', async () => {
      emulator.faults.setFor('1000001', { failure: { type: 'reset' } });
      expect(await outcomeOf(mpn('1000001'))).toMatchObject({ kind: 'upstreamFailure', reason: 'network' });
    });

    it('classifies a refused connection as a network failure', async () => {
      const dead = await startEmulator();
      const url = dead.url;
      await dead.close();
      const offline = createPartnerCenterClient({ baseUrl: url, tokenProvider: createStaticTokenProvider('t') });
      expect((await offline.agreementStatus(mpn('1000001'))).outcome).toMatchObject({ kind: 'upstreamFailure', reason: 'network' });
    });

    it('reports a token provider failure without a network call', async () => {
      const failing = createPartnerCenterClient({
        baseUrl: emulator.url,
        tokenProvider: { getAccessToken: () => Promise.reject(new Error('AADSTS700082 secret-detail')) },
      });
      const { outcome } = await failing.agreementStatus(mpn('1000001'));
      expect(outcome).toMatchObject({ kind: 'credentialsRejected', reason: 'tokenUnavailable', retryable: false });
      expect(JSON.stringify(outcome)).not.toContain('secret-detail');
      expect(emulator.callCount()).toBe(0);
    });

    it('gets 401 for a token the emulator does not know', async () => {
      const wrong = createPartnerCenterClient({ baseUrl: emulator.url, tokenProvider: createStaticTokenProvider('forged') });
      expect((await wrong.agreementStatus(mpn('1000001'))).outcome).toMatchObject({
        kind: 'credentialsRejected',
        reason: 'unauthorized',
        httpStatus: 401,
      });
    });
  });

  describe('headers', () => {
    it('sends the documented headers', async () => {
      await client.agreementStatus(mpn('1000001'));
      const [call] = emulator.calls();
      expect(call.headers).toMatchObject({
        authorization: 'bearer',
        accept: 'application/json',
        locale: 'en-US',
        application: 'mpa-gateway-tests',
      });
      expect(call.headers.correlationId).toMatch(GUID);
      expect(call.headers.requestId).toMatch(GUID);
    });

    it('sends a new correlation id and a new request id on each call', async () => {
      await client.agreementStatus(mpn('1000001'));
      await client.agreementStatus(mpn('1000001'));
      const [first, second] = emulator.calls();
      expect(first.headers.correlationId).not.toBe(second.headers.correlationId);
      expect(first.headers.requestId).not.toBe(second.headers.requestId);
    });

    it('keeps the request id a caller passes (a retry after a timeout)', async () => {
      const first = await client.agreementStatus(mpn('1000408'), { timeoutMs: 50 });
      const retry = await client.agreementStatus(mpn('1000001'), { requestId: first.requestId });
      const [hung, retried] = emulator.calls();
      expect(retried.headers.requestId).toBe(hung.headers.requestId);
      expect(retry.requestId).toBe(first.requestId);
      expect(retry.correlationId).not.toBe(first.correlationId);
    });

    it('records the response ids on the outcome for support', async () => {
      const { outcome, correlationId, requestId } = await client.agreementStatus(mpn('1000002'));
      expect(outcome.trace).toEqual({ correlationId, requestId, cv: expect.stringMatching(/\.0$/), serverId: '0000005B' });
    });

    it('sends the configured locale', async () => {
      const pt = createPartnerCenterClient({
        baseUrl: emulator.url,
        tokenProvider: createStaticTokenProvider(sandboxToken('UNITED_STATES')),
        locale: 'pt-PT',
      });
      await pt.agreementStatus(mpn('1000001'));
      expect(emulator.calls()[0].headers.locale).toBe('pt-PT');
      expect(emulator.calls()[0].headers.application).toBeUndefined();
    });
  });

  describe('concurrency and transport', () => {
    it('keeps at most `concurrency` requests in flight; the rest wait their turn', async () => {
      emulator.faults.setGlobal({ latencyMs: 60 });
      const limited = createPartnerCenterClient({
        baseUrl: emulator.url,
        tokenProvider: createStaticTokenProvider(sandboxToken('UNITED_STATES')),
        concurrency: 3,
      });
      const results = await Promise.all(Array.from({ length: 10 }, () => limited.agreementStatus(mpn('1000001'))));
      expect(results.map((r) => r.outcome.kind)).toEqual(Array(10).fill('signed'));
      expect(emulator.callCount()).toBe(10);
      expect(emulator.peakInFlight()).toBe(3);
    });

    it('reports upstream time without the wait for a free slot', async () => {
      emulator.faults.setGlobal({ latencyMs: 80 });
      const durations: number[] = [];
      const limited = createPartnerCenterClient({
        baseUrl: emulator.url,
        tokenProvider: createStaticTokenProvider(sandboxToken('UNITED_STATES')),
        concurrency: 1,
        onCall: ({ durationMs }) => durations.push(durationMs),
      });
      const began = performance.now();
      await Promise.all([
        limited.agreementStatus(mpn('1000001')),
        limited.agreementStatus(mpn('1000001')),
        limited.agreementStatus(mpn('1000001')),
      ]);
      const elapsed = performance.now() - began;
      // One at a time: the last call could not start before the first two had each spent about
      // 80 ms at Partner Center (a timer may fire a millisecond early). Its reported time leaves
      // that wait out, however fast or slow the machine: it is at most what is left of the whole
      // after the wait. Counting the wait, it would be about the whole.
      expect(durations).toHaveLength(3);
      expect(Math.max(...durations)).toBeLessThanOrEqual(elapsed - 2 * 78);
    });

    it('sends the request a finished call makes room for before handing that call its answer', async () => {
      // One connection, already open: the second request reuses it, as calls in a fan-out do.
      const dispatcher = new Agent({ connections: 1 });
      const single = createPartnerCenterClient({
        baseUrl: emulator.url,
        tokenProvider: createStaticTokenProvider(sandboxToken('UNITED_STATES')),
        concurrency: 1,
        dispatcher,
      });
      await single.agreementStatus(mpn('1000001'));
      emulator.clearCalls();
      let answeredWhenFirstReturned = -1;
      const first = single.agreementStatus(mpn('1000001')).then((result) => {
        answeredWhenFirstReturned = emulator.callCount();
        return result;
      });
      const second = single.agreementStatus(mpn('1000002'));
      expect((await first).outcome.kind).toBe('signed');
      expect((await second).outcome.kind).toBe('notSigned');
      // The second call was already out (and, without latency, answered) when the first returned.
      expect(answeredWhenFirstReturned).toBe(2);
      await dispatcher.close();
    });

    it('talks HTTPS, trusting only the certificates its dispatcher trusts', async () => {
      // A TLS front relaying to the emulator, as a proxy inside a corporate network would.
      const front = await startTlsFront(emulator.url);
      const tokenProvider = createStaticTokenProvider(sandboxToken('UNITED_STATES'));
      const dispatcher = createPartnerCenterDispatcher({ caCertificate: front.caPem });
      try {
        const untrusting = createPartnerCenterClient({ baseUrl: front.url, tokenProvider });
        expect((await untrusting.agreementStatus(mpn('1000001'))).outcome).toMatchObject({ kind: 'upstreamFailure', reason: 'network' });
        const trusting = createPartnerCenterClient({ baseUrl: front.url, tokenProvider, dispatcher });
        expect((await trusting.agreementStatus(mpn('1000001'))).outcome.kind).toBe('signed');
        expect(emulator.callCount()).toBe(1);
      } finally {
        await dispatcher.close();
        await front.close();
      }
    });

    it('waits past interim 1xx responses for the final answer', async () => {
      // A front that sends 103 Early Hints and 102 Processing before relaying the emulator's answer.
      const front = http.createServer((req, res) => {
        res.writeEarlyHints({ link: '</hint>; rel=preload' });
        res.writeProcessing();
        http.get(`${emulator.url}${req.url}`, { headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
      });
      await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
      try {
        const viaFront = createPartnerCenterClient({
          baseUrl: `http://127.0.0.1:${(front.address() as AddressInfo).port}`,
          tokenProvider: createStaticTokenProvider(sandboxToken('UNITED_STATES')),
        });
        const { outcome } = await viaFront.agreementStatus(mpn('1000002'));
        expect(outcome).toMatchObject({ kind: 'notSigned', httpStatus: 400 });
        expect(outcome.trace.serverId).toBe('0000005B');
      } finally {
        front.closeAllConnections();
        await new Promise((resolve) => front.close(resolve));
      }
    });

    it('sends through the dispatcher it is given', async () => {
      class CountingAgent extends Agent {
        dispatched = 0;
        override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandlers): boolean {
          this.dispatched += 1;
          return super.dispatch(options, handler);
        }
      }
      const dispatcher = new CountingAgent();
      const own = createPartnerCenterClient({
        baseUrl: emulator.url,
        tokenProvider: createStaticTokenProvider(sandboxToken('UNITED_STATES')),
        dispatcher,
      });
      expect((await own.agreementStatus(mpn('1000001'))).outcome.kind).toBe('signed');
      expect(dispatcher.dispatched).toBe(1);
      await dispatcher.close();
    });
  });

  describe('options', () => {
    it.each([
      [{ baseUrl: 'http://x', concurrency: 0 }, /concurrency must be a positive integer/],
      [{ baseUrl: 'http://x', maxBodyBytes: 1.5 }, /maxBodyBytes must be a positive integer/],
      [{ baseUrl: 'not a url' }, /baseUrl must be an absolute URL/],
      [{ baseUrl: 'ftp://x' }, /baseUrl must be http/],
      [{ baseUrl: 'http://x', program: '../x' }, /program must be a path segment/],
      [{ baseUrl: 'http://x', timeoutMs: 0 }, /timeoutMs must be a positive integer/],
    ])('refuses %p', (partial, message) => {
      expect(() => createPartnerCenterClient({ tokenProvider: createStaticTokenProvider('t'), ...partial })).toThrow(message);
    });
  });
});

describe('readRetryAfter', () => {
  it('reads seconds, HTTP dates and the throttling message', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(readRetryAfter('57', undefined, now)).toBe(57);
    expect(readRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', undefined, now)).toBe(60);
    expect(readRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', undefined, now)).toBe(0);
    expect(readRetryAfter(null, { statusCode: 429, message: 'Rate limit is exceeded. Try again in 57 seconds.' }, now)).toBe(57);
    expect(readRetryAfter('soon', {}, now)).toBeUndefined();
    expect(readRetryAfter('999999999', undefined, now)).toBe(300);
    expect(readRetryAfter(null, { message: 'Try again in 86400 seconds.' }, now)).toBe(300);
  });
});
