import { createHash } from 'node:crypto';
import fc from 'fast-check';
import fetch from 'node-fetch';
import { GatewayConfigInput, parseGatewayConfig } from '../../src/config/gateway-config';
import { sandboxToken } from '../../src/emulator/partner-center/emulated-world';
import { Emulator, startEmulator } from '../../src/emulator/partner-center/emulator-server';
import { Gateway, createGateway } from '../../src/compose/gateway';
import { createGatewayLogger } from '../../src/observability/gateway-logger';
import { JwksServer, startJwksServer } from '../support/jwks-server';
import { captureLogs } from '../support/log-capture';

const AUDIENCE = 'api://mpa-gateway';
const API_KEY = 'checkout-service-key-4f1c2a9e';
const QUERY = '{ reseller(mpnId: "1000001") { mpaStatus(region: UNITED_STATES) { __typename } } }';

describe('Security and abuse', () => {
  let emulator: Emulator;
  let jwks: JwksServer;
  let gateway: Gateway;
  let url: string;
  const logs = captureLogs();
  const logLines = logs.lines;

  beforeAll(async () => {
    emulator = await startEmulator();
    jwks = await startJwksServer(AUDIENCE);
    const config: GatewayConfigInput = {
      port: 0,
      partnerCenter: { baseUrl: emulator.url },
      accounts: [{ region: 'UNITED_STATES', staticToken: sandboxToken('UNITED_STATES') }],
      clientAuth: {
        jwt: { issuer: jwks.issuer, audience: AUDIENCE, jwksUrl: jwks.jwksUrl, clockToleranceSeconds: 5 },
        apiKeys: [{ name: 'checkout', sha256: createHash('sha256').update(API_KEY).digest('hex') }],
      },
      // No response micro-cache: several tests send the same query and must each reach the
      // pipeline (the masked-error test replaces the checker and would otherwise be answered
      // with an earlier test's response whenever both ran within responseCacheMs).
      http: { maxBodyBytes: 200_000, requestsPerMinute: 10_000, responseCacheMs: 0 },
      cache: { ttlSeconds: { positive: 0, negative: 0 } },
    };
    gateway = await createGateway({
      config: parseGatewayConfig(config),
      logger: createGatewayLogger({ level: 'debug', destination: logs.stream }),
    });
    url = `${(await gateway.listen()).url}/graphql`;
  });
  afterAll(async () => {
    await gateway.stop();
    await jwks.close();
    await emulator.close();
  });
  beforeEach(() => emulator.clearCalls());

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  describe('client authentication', () => {
    const asked = (headers: Record<string, string>) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: QUERY }) });
    const UNAUTHORIZED = { errors: [{ message: 'Unauthorized.', extensions: { code: 'UNAUTHENTICATED' } }] };

    it('lets a valid bearer JWT in', async () => {
      const response = await asked({ authorization: `Bearer ${await jwks.sign({ sub: 'portal-frontend' })}` });
      expect(response.status).toBe(200);
      expect((await response.json()).data.reseller.mpaStatus.__typename).toBe('MpaSigned');
    });

    it('lets a known API key in', async () => {
      expect((await asked({ 'x-api-key': API_KEY })).status).toBe(200);
    });

    it.each([
      ['no credentials', async () => ({})],
      ['an expired token', async () => ({ authorization: `Bearer ${await jwks.sign({ sub: 'x' }, { expiresIn: '-1m' })}` })],
      ['a wrong audience', async () => ({ authorization: `Bearer ${await jwks.sign({ sub: 'x' }, { audience: 'api://other' })}` })],
      ['a wrong issuer', async () => ({ authorization: `Bearer ${await jwks.sign({ sub: 'x' }, { issuer: 'https://evil.example/' })}` })],
      ['an unknown signing key', async () => ({ authorization: `Bearer ${await jwks.sign({ sub: 'x' }, { key: 'unknown' })}` })],
      [
        'a tampered signature',
        async () => {
          const [h, p, s] = (await jwks.sign({ sub: 'x' })).split('.');
          return { authorization: `Bearer ${h}.${p}.${s.slice(0, -4)}${s.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}` };
        },
      ],
      [
        'tampered claims',
        async () => {
          const [h, , s] = (await jwks.sign({ sub: 'x' })).split('.');
          const forged = Buffer.from(JSON.stringify({ sub: 'admin', iss: jwks.issuer, aud: AUDIENCE, exp: 9_999_999_999 })).toString(
            'base64url',
          );
          return { authorization: `Bearer ${h}.${forged}.${s}` };
        },
      ],
      ['a Basic header', async () => ({ authorization: 'Basic YWRtaW46YWRtaW4=' })],
      ['a bad API key', async () => ({ 'x-api-key': 'guess' })],
    ])('answers 401 without detail for %s, and asks nothing upstream', async (_label, headers) => {
      const response = await asked(await headers());
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await response.json()).toEqual(UNAUTHORIZED);
      expect(emulator.callCount()).toBe(0);
    });
  });

  describe('operation limits', () => {
    const expectRefused = async (response: Awaited<ReturnType<typeof post>>, status: number, pattern: RegExp) => {
      expect(response.status).toBe(status);
      const text = await response.text();
      expect(text).toMatch(pattern);
      expect(emulator.callCount()).toBe(0);
    };

    it('refuses a deep query', async () => {
      let selection = 'mpnId';
      for (let i = 0; i < 6; i += 1) selection = `orderEligibility(region: UNITED_STATES) { reseller { ${selection} } }`;
      await expectRefused(await post({ query: `{ reseller(mpnId: "1") { ${selection} } }` }), 400, /depth/i);
    });

    it('refuses an alias flood', async () => {
      const aliases = Array.from(
        { length: 50 },
        (_, i) => `a${i}: reseller(mpnId: "${i + 1}") { mpaStatus(region: UNITED_STATES) { __typename } }`,
      ).join(' ');
      await expectRefused(await post({ query: `{ ${aliases} }` }), 400, /alias/i);
    });

    it('refuses 10,000 IDs by cost before any upstream call', async () => {
      const mpnIds = Array.from({ length: 10_000 }, (_, i) => String(i + 1));
      const response = await post({
        query: 'query ($ids: [ID!]) { resellers(mpnIds: $ids) { mpaStatus(region: UNITED_STATES) { __typename } } }',
        variables: { ids: mpnIds },
      });
      await expectRefused(response, 400, /OPERATION_TOO_COSTLY/);
    });

    it('prices an operation by the length of its lists, whatever IDs they hold', async () => {
      const query = 'query ($ids: [ID!]) { resellers(mpnIds: $ids) { mpaStatus(region: UNITED_STATES) { __typename } } }';
      const ids = (n: number, from: number) => Array.from({ length: n }, (_, i) => String(from + i));
      await expectRefused(await post({ query, variables: { ids: ids(10_000, 1) } }), 400, /OPERATION_TOO_COSTLY/);
      await expectRefused(await post({ query, variables: { ids: ids(10_000, 90_000) } }), 400, /OPERATION_TOO_COSTLY/);
      const short = await post({ query, variables: { ids: ids(3, 1000001) } });
      expect(short.status).toBe(200);
      expect((await short.json()).data.resellers).toHaveLength(3);
    });

    it('refuses a huge body with 413', async () => {
      await expectRefused(await post({ query: QUERY, variables: { padding: 'x'.repeat(300_000) } }), 413, /PAYLOAD_TOO_LARGE/);
    });

    it('refuses malformed JSON, a text/plain body, and batched operations', async () => {
      await expectRefused(await post('{"query": '), 400, /not valid JSON/);
      await expectRefused(await post(JSON.stringify({ query: QUERY }), { 'content-type': 'text/plain' }), 400, /CSRF|content-type/i);
      await expectRefused(await post([{ query: QUERY }, { query: QUERY }]), 400, /batch/i);
    });

    it('answers any hostile MPN ID or tenant ID string with a typed refusal and no upstream call', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.string({ maxLength: 60 }),
            fc.string({ unit: 'binary', maxLength: 40 }),
            fc.constantFrom(
              "1' OR '1'='1",
              '<script>',
              '../../etc/passwd',
              '${jndi:ldap://x}',
              '１２３',
              '-1',
              '1e9',
              '0x10',
              ' ',
              '\u0000',
            ),
          ),
          fc.boolean(),
          async (text, asTenant) => {
            fc.pre(!/^\s*\d{1,10}\s*$/.test(text) || asTenant);
            const variables = asTenant ? { tenantId: text } : { mpnId: text };
            const response = await post({
              query:
                'query ($mpnId: ID, $tenantId: ID) { reseller(mpnId: $mpnId, tenantId: $tenantId) { mpaStatus(region: UNITED_STATES) { __typename } } }',
              variables,
            });
            const body = await response.json();
            expect(response.status).toBe(200);
            expect(body.errors).toBeUndefined();
            const typename = body.data.reseller.mpaStatus.__typename;
            if (typename !== 'MpaInvalidResellerId') {
              // Only a string that really is a GUID may be asked about.
              expect(asTenant && /^[\s{(]*[0-9a-f-]{32,36}[)}\s]*$/i.test(text)).toBe(true);
            }
          },
        ),
        { numRuns: 150 },
      );
      expect(emulator.calls().every((call) => call.tenantId !== undefined)).toBe(true);
    });
  });

  it('has introspection, the explorer page and field suggestions off outside sandbox mode', async () => {
    const introspection = await post({ query: '{ __schema { types { name } } }' });
    expect(introspection.status).toBe(400);
    expect(await introspection.text()).toMatch(/introspection is not allowed/i);
    const landing = await fetch(url, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(landing.status).not.toBe(302);
    expect(await landing.text()).not.toMatch(/<html/i);
    const explorer = await fetch(url.replace(/\/graphql$/, '/explorer'));
    expect(explorer.status).toBe(404);
    const typo = await (await post({ query: '{ resseller(mpnId: "1") { mpnId } }' })).text();
    expect(typo).toMatch(/Cannot query field/);
    expect(typo).not.toMatch(/Did you mean/);
  });

  it('masks an unexpected error with its request id, and logs the details under it', async () => {
    const original = gateway.services.checker.check.bind(gateway.services.checker);
    (gateway.services.checker as { check: typeof original }).check = () => Promise.reject(new Error('disk on fire at /var/secret/path'));
    try {
      const response = await post({ query: QUERY }, { 'x-request-id': 'masked-error-1' });
      const body = await response.json();
      expect(body.errors).toEqual([
        {
          message: 'Unexpected error. Quote the requestId to support.',
          path: ['reseller', 'mpaStatus'],
          extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'masked-error-1' },
        },
      ]);
      expect(JSON.stringify(body)).not.toContain('disk on fire');
      const line = logLines.find((l) => l.includes('unexpected error in an operation') && l.includes('masked-error-1'));
      expect(line).toContain('disk on fire');
    } finally {
      (gateway.services.checker as { check: typeof original }).check = original;
    }
  });

  it('keeps tokens, keys and secrets out of every log line', async () => {
    const jwt = await jwks.sign({ sub: 'redaction-check' });
    await post({ query: QUERY }, { authorization: `Bearer ${jwt}`, 'x-api-key': '' });
    await post({ query: QUERY });
    gateway.logger.info(
      { headers: { authorization: `Bearer ${jwt}` }, account: { clientSecret: 's3cr3t-value', refreshToken: 'rt-value-123' } },
      'redaction probe',
    );
    const log = logLines.join('');
    expect(log).toMatch(/"msg":"request"/);
    expect(log).toMatch(/redaction probe/);
    for (const secret of [jwt, API_KEY, sandboxToken('UNITED_STATES'), 's3cr3t-value', 'rt-value-123']) expect(log).not.toContain(secret);
    expect(log).not.toMatch(/Bearer [A-Za-z0-9]/);
    // Every line about a request carries its id.
    const requestLines = logLines.filter((line) => line.includes('"msg":"request"') || line.includes('Partner Center call'));
    expect(requestLines.length).toBeGreaterThan(0);
    for (const line of requestLines) expect(JSON.parse(line).requestId).toMatch(/^[A-Za-z0-9._-]{1,100}$/);
  });

  it('echoes a sane X-Request-Id and logs under it', async () => {
    const response = await post({ query: QUERY }, { 'x-request-id': 'order-form-42' });
    expect(response.headers.get('x-request-id')).toBe('order-form-42');
    expect(logLines.some((line) => line.includes('"requestId":"order-form-42"'))).toBe(true);
    const hostile = await post({ query: QUERY }, { 'x-request-id': `a"b<script>${'x'.repeat(200)}` });
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('Rate limit per client', () => {
  it('answers 429 with Retry-After past the per-minute budget, per client', async () => {
    const emulator = await startEmulator();
    const keys = ['client-a-key-5e0c7f13b2d84a96', 'client-b-key-9a41d6e2c07b35f8'];
    const gateway = await createGateway({
      config: parseGatewayConfig({
        port: 0,
        partnerCenter: { baseUrl: emulator.url },
        accounts: [{ region: 'UNITED_STATES', staticToken: sandboxToken('UNITED_STATES') }],
        clientAuth: { apiKeys: keys.map((key, i) => ({ name: `client-${i}`, sha256: createHash('sha256').update(key).digest('hex') })) },
        http: { requestsPerMinute: 3 },
      }),
      logger: createGatewayLogger({ level: 'silent' }),
    });
    try {
      const url = `${(await gateway.listen()).url}/graphql`;
      const ask = (key: string) =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': key },
          body: JSON.stringify({ query: QUERY }),
        });
      const statuses = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await ask(keys[0])).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await ask(keys[0]);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await limited.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
      expect((await ask(keys[1])).status).toBe(200);
    } finally {
      await gateway.stop();
      await emulator.close();
    }
  });
});
