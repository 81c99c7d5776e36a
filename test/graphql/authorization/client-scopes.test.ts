import { createHash } from 'node:crypto';
import fetch from 'node-fetch';
import pino from 'pino';
import { GatewayErrorCode } from '../../../src/errors/gateway-error-code';
import { JwksServer, startJwksServer } from '../../support/jwks-server';
import { captureLogs } from '../../support/log-capture';
import { scopesFromClaim } from '../../../src/http/client-auth';
import { ProductionLikeGateway, TEST_API_KEY, startProductionLikeGateway } from '../../support/production-like-gateway';
import { useListeningSandbox } from '../../support/sandbox-gateway';

const AUDIENCE = 'api://mpa-gateway';
const BROWSER_KEY = 'browser-order-form-key-7d2e91c4b8';
const BACKOFFICE_KEY = 'backoffice-reseller-book-key-3a9f0e';
const OPERATOR_KEY = 'directory-operator-key-51c7d2e8a4f';
const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');

const ORDER_CHECK = `{ orderEligibility(order: { mpnId: "1000001", region: UNITED_STATES }) {
  canSubmit reseller { mpnId tenantId } mpaStatus { __typename } } }`;
const CART_CHECK = `{ orderEligibilities(orders: [{ mpnId: "1000001", region: UNITED_STATES }, { mpnId: "1000002", region: UNITED_STATES }]) { canSubmit } }`;
const STATUS_LIST = '{ resellers(mpnIds: ["1000001", "1000002"]) { mpnId mpaStatus(region: UNITED_STATES) { __typename } } }';

/** Ways to read the reseller book, each with the field the refusal must name. */
const BOOK_READINGS: Array<[string, string, string]> = [
  ['a name', '{ reseller(mpnId: "1000001") { name } }', 'Reseller.name'],
  ['a listed tenant ID under an alias', '{ r: reseller(mpnId: "1000001") { t: listedTenantId } }', 'Reseller.listedTenantId'],
  [
    'a listed MPN ID through a named fragment',
    '{ resellers(tenantIds: ["a0000000-0000-4000-8000-000000000001"]) { ...Book } } fragment Book on Reseller { listedMpnId }',
    'Reseller.listedMpnId',
  ],
  ['a relationship', '{ reseller(mpnId: "1000001") { relationship(region: UNITED_STATES) { __typename } } }', 'Reseller.relationship'],
  [
    "a listed relationship's name through an order check",
    `{ orderEligibility(order: { mpnId: "1000001", region: UNITED_STATES }) { checks { ... on MpaRelationshipCheck {
      relationship { ... on MpaListedRelationship { resellerName } } } } } }`,
    'MpaListedRelationship.resellerName',
  ],
  [
    "a relationship's tenant ID through an inline fragment on a member",
    `{ orderEligibility(order: { mpnId: "1000001", region: UNITED_STATES }) { checks { ... on MpaRelationshipCheck {
      relationship { ... on MpaRelationshipActive { tenantId } } } } } }`,
    'MpaRelationshipActive.tenantId',
  ],
  ['names through _entities', `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Reseller { name } } }`, 'Reseller.name'],
];
const ENTITIES_VARIABLES = { r: [{ __typename: 'Reseller', mpnId: '1000001' }] };

describe('Client scopes over HTTP', () => {
  let gateway: ProductionLikeGateway;
  let jwks: JwksServer;
  const logs = captureLogs();

  beforeAll(async () => {
    jwks = await startJwksServer(AUDIENCE);
    gateway = await startProductionLikeGateway({
      logger: pino({ level: 'warn' }, logs.stream),
      config: {
        clientAuth: {
          jwt: { issuer: jwks.issuer, audience: AUDIENCE, jwksUrl: jwks.jwksUrl, scopeClaim: 'scope' },
          apiKeys: [
            { name: 'checkout', sha256: sha256(TEST_API_KEY) },
            { name: 'order-form-browser', sha256: sha256(BROWSER_KEY), scopes: ['orders:check'] },
            { name: 'backoffice', sha256: sha256(BACKOFFICE_KEY), scopes: ['orders:check', 'resellers:read'] },
            {
              name: 'operator',
              sha256: sha256(OPERATOR_KEY),
              scopes: ['directory:operate', 'resellers:read', 'status:recheck', 'orders:check'],
            },
          ],
        },
        // On, so a reused response could only leak across scopes if its key ignored them.
        http: { responseCacheMs: 60_000 },
      },
    });
  });
  afterAll(async () => {
    await gateway.stop();
    await jwks.close();
  });

  const ask = async (key: string, query: string, variables?: Record<string, unknown>) => {
    const response = await gateway.post({ query, variables }, { 'x-api-key': key });
    return {
      status: response.status,
      body: (await response.json()) as {
        data?: Record<string, unknown> | null;
        errors?: Array<{ message: string; extensions: Record<string, unknown> }>;
      },
    };
  };
  const expectRefused = (answer: Awaited<ReturnType<typeof ask>>, scope: string, field: string) => {
    expect(answer.status).toBe(403);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toHaveLength(1);
    const [error] = answer.body.errors!;
    expect(error.extensions.code).toBe(GatewayErrorCode.FORBIDDEN);
    expect(error.message).toContain(`"${scope}"`);
    expect(error.message).toContain(field);
    expect(error.extensions.fields).toContain(field);
  };

  describe('a browser key with orders:check only', () => {
    it('checks its order lines, a cart and a list of statuses', async () => {
      const single = await ask(BROWSER_KEY, ORDER_CHECK);
      expect(single.status).toBe(200);
      expect(single.body.errors).toBeUndefined();
      expect(single.body.data).toEqual({
        orderEligibility: { canSubmit: true, reseller: { mpnId: '1000001', tenantId: null }, mpaStatus: { __typename: 'MpaSigned' } },
      });
      expect((await ask(BROWSER_KEY, CART_CHECK)).status).toBe(200);
      const list = await ask(BROWSER_KEY, STATUS_LIST);
      expect(list.status).toBe(200);
      expect(list.body.errors).toBeUndefined();
    });

    it.each(BOOK_READINGS)('is refused %s with 403 naming resellers:read, before any work', async (_label, query, field) => {
      gateway.emulator.clearCalls();
      expectRefused(await ask(BROWSER_KEY, query, query.includes('$r') ? ENTITIES_VARIABLES : undefined), 'resellers:read', field);
      expect(gateway.emulator.calls()).toHaveLength(0);
    });

    it('is refused a recheck (status:recheck) and directory operations (directory:operate)', async () => {
      expectRefused(
        await ask(BROWSER_KEY, 'mutation { recheckMpaStatus(order: { mpnId: "1000001", region: UNITED_STATES }) { canSubmit } }'),
        'status:recheck',
        'Mutation.recheckMpaStatus',
      );
      expectRefused(
        await ask(BROWSER_KEY, 'mutation { refreshResellerDirectory(region: UNITED_STATES) { status } }'),
        'directory:operate',
        'Mutation.refreshResellerDirectory',
      );
      expectRefused(await ask(BROWSER_KEY, '{ resellerDirectories { region status } }'), 'directory:operate', 'Query.resellerDirectories');
    });

    it('is never served a reused response that a key with more scopes was given', async () => {
      const query = '{ reseller(mpnId: "1000001") { mpnId name } }';
      const first = await ask(BACKOFFICE_KEY, query);
      expect(first.status).toBe(200);
      expect(first.body.errors).toBeUndefined();
      expectRefused(await ask(BROWSER_KEY, query), 'resellers:read', 'Reseller.name');
    });
  });

  it('lets a key with resellers:read read the book, and the operator run the directory', async () => {
    for (const [, query] of BOOK_READINGS) {
      const answer = await ask(BACKOFFICE_KEY, query, query.includes('$r') ? ENTITIES_VARIABLES : undefined);
      expect([answer.status, answer.body.errors]).toEqual([200, undefined]);
    }
    const directories = await ask(OPERATOR_KEY, '{ resellerDirectories { region } }');
    expect([directories.status, directories.body.errors]).toEqual([200, undefined]);
  });

  it('keeps a key configured without scopes working with every scope, and warned about it at start', async () => {
    for (const query of [ORDER_CHECK, BOOK_READINGS[0][1], '{ resellerDirectories { region } }']) {
      const answer = await ask(TEST_API_KEY, query);
      expect([answer.status, answer.body.errors]).toEqual([200, undefined]);
    }
    const warnings = logs.lines.map((line) => JSON.parse(line) as { msg: string; apiKeys?: string[] }).filter((line) => line.apiKeys);
    expect(warnings).toHaveLength(1);
    // The key without scopes and the one granted all of them; never the narrower ones.
    expect(warnings[0].apiKeys).toEqual(['checkout', 'operator']);
    expect(warnings[0].msg).toContain('checkout, operator may do everything');
  });

  describe('a bearer JWT with the configured scope claim', () => {
    const askWithToken = async (claims: Record<string, unknown>, query: string) => {
      const token = await jwks.sign({ sub: 'portal', ...claims });
      const response = await gateway.post({ query }, { 'x-api-key': '', authorization: `Bearer ${token}` });
      return {
        status: response.status,
        body: (await response.json()) as { errors?: Array<{ message: string; extensions: Record<string, unknown> }> },
      };
    };

    it('grants the scopes a space-separated claim names', async () => {
      expect((await askWithToken({ scope: 'orders:check' }, ORDER_CHECK)).status).toBe(200);
      expectRefused(await askWithToken({ scope: 'orders:check openid' }, BOOK_READINGS[0][1]), 'resellers:read', 'Reseller.name');
      expect((await askWithToken({ scope: 'openid resellers:read' }, BOOK_READINGS[0][1])).status).toBe(200);
    });

    it('grants nothing to a token without the claim', async () => {
      expectRefused(await askWithToken({}, ORDER_CHECK), 'orders:check', 'Query.orderEligibility');
      expect((await askWithToken({}, '{ cspRegions { region } }')).status).toBe(200);
    });
  });
});

describe('Client scopes in sandbox mode', () => {
  const sandbox = useListeningSandbox();

  it('lets anyone read the book, recheck and operate the directory, as before', async () => {
    for (const query of [
      BOOK_READINGS[0][1],
      'mutation { recheckMpaStatus(order: { mpnId: "1000001", region: UNITED_STATES }) { canSubmit } }',
      'mutation { refreshResellerDirectory(region: UNITED_STATES) { region } }',
    ]) {
      const response = await fetch(sandbox.url(), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    }
  });
});

describe('scopesFromClaim', () => {
  it.each([
    ['a space-separated string', 'openid orders:check  status:recheck', ['orders:check', 'status:recheck']],
    ['an array of roles', ['resellers:read', 'Admin', 'directory:operate'], ['resellers:read', 'directory:operate']],
    ['anything else', { scope: 'orders:check' }, []],
    ['an absent claim', undefined, []],
  ])('reads %s, ignoring unknown values', (_label, claim, scopes) => {
    expect([...scopesFromClaim(claim)]).toEqual(scopes);
  });
});
