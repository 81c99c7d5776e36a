import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fetch from 'node-fetch';
import pino from 'pino';
import { parseGatewayConfig } from '../../../src/config/gateway-config';
import { Gateway, createGateway } from '../../../src/compose/gateway';
import { captureLogs } from '../../support/log-capture';
import { AuthorityReply, HostileAuthority, sendJson, startHostileAuthority, tokenResponse } from '../../support/hostile-authority';
import {
  HEALTHY,
  HOSTILE_MPN_ID,
  HostilePartnerCenter,
  json,
  startForeignHost,
  startHostilePartnerCenter,
} from '../../support/hostile-partner-center';

/**
 * Real msal-node against a hand-written token authority that answers the token request oddly:
 * the order is never let through on a token that could not be had, the answer says whether
 * asking again helps, it comes within the operation's deadline, and neither the app's secret nor
 * the refresh token leaves for another host or reaches a log or an answer.
 */

const TENANT_ID = '7d3e1c52-0000-4000-8000-00000000c001';
const CLIENT_ID = 'hostile-authority-test-app';
const CLIENT_SECRET = 'client-secret-6f1d93ab27c4e58';
const REFRESH_TOKEN = 'consented-refresh-token-0c9b7a51e3d2';
const DEADLINE_MS = 2_000;

const ELIGIBILITY = `query ($order: MpaOrderLineInput!) { orderEligibility(order: $order) {
  canSubmit retryable
  mpaStatus { __typename ... on MpaPartnerCenterUnavailable { reason } } } }`;

const logs = captureLogs();
let authority: HostileAuthority;
let upstream: HostilePartnerCenter;
let foreign: Awaited<ReturnType<typeof startForeignHost>>;
let caFile: string;
const gateways: Gateway[] = [];

beforeAll(async () => {
  authority = await startHostileAuthority(TENANT_ID, CLIENT_ID);
  healthyMetadata = authority.metadata;
  upstream = await startHostilePartnerCenter();
  foreign = await startForeignHost();
  const folder = mkdtempSync(path.join(tmpdir(), 'mpa-hostile-authority-'));
  caFile = path.join(folder, 'authority-ca.pem');
  writeFileSync(caFile, authority.caPem);
});
afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  await Promise.all([authority?.close(), upstream?.close(), foreign?.close()]);
});
let logLinesBefore = 0;
beforeEach(() => {
  logLinesBefore = logs.lines.length;
  upstream.reset();
  foreign.calls.length = 0;
  authority.calls.length = 0;
  authority.foreignCalls.length = 0;
});
afterEach(() => {
  // This test's lines only: one leak fails the test that caused it.
  const text = logs.lines.slice(logLinesBefore).join('');
  const accessTokens = upstream.calls.flatMap((call) => (call.authorization ? [call.authorization.replace(/^Bearer /, '')] : []));
  for (const secret of [CLIENT_SECRET, REFRESH_TOKEN, 'rotated-refresh-token', ...accessTokens.filter((token) => token.length > 20)])
    expect(text).not.toContain(secret);
  expect(foreign.calls).toEqual([]);
  expect(authority.foreignCalls).toEqual([]);
});

type Ask = () => Promise<{ status: number; text: string; answer: any }>;

/** A gateway whose one App+User account gets its token from the hostile authority, with a token cache of its own; and a way to ask it. */
async function startGatewayOnAuthority(): Promise<Ask> {
  const gateway = await createGateway({
    config: parseGatewayConfig({
      port: 0,
      clientAuth: { allowAnonymous: true },
      partnerCenter: { baseUrl: upstream.url, timeoutMs: 800 },
      auth: {
        authorityHost: authority.url,
        caCertificateFile: caFile,
        tokenCacheDir: mkdtempSync(path.join(tmpdir(), 'mpa-hostile-tokens-')),
        requestTimeoutMs: 800,
      },
      accounts: [
        { region: 'UNITED_STATES', tenantId: TENANT_ID, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN },
      ],
      http: { responseCacheMs: 0 },
      cache: { ttlSeconds: { positive: 0, negative: 0 } },
      resilience: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10, operationDeadlineMs: DEADLINE_MS },
      checks: { relationship: 'off', partnerOfRecord: 'off' },
    }),
    logger: pino({ level: 'debug' }, logs.stream),
  });
  gateways.push(gateway);
  const listening = await gateway.listen();
  return async () => {
    const response = await fetch(`${listening.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: ELIGIBILITY, variables: { order: { mpnId: HOSTILE_MPN_ID, region: 'UNITED_STATES' } } }),
    });
    const text = await response.text();
    for (const secret of [CLIENT_SECRET, REFRESH_TOKEN]) expect(text).not.toContain(secret);
    return { status: response.status, text, answer: (JSON.parse(text) as { data?: any }).data?.orderEligibility };
  };
}

const askThroughNewGateway = async () => (await startGatewayOnAuthority())();

let healthyMetadata: AuthorityReply;
const metadataWith = (tokenEndpoint: string) => ({
  token_endpoint: tokenEndpoint,
  issuer: `${authority.url}/${TENANT_ID}/v2.0`,
  authorization_endpoint: `${authority.url}/${TENANT_ID}/oauth2/v2.0/authorize`,
  end_session_endpoint: `${authority.url}/${TENANT_ID}/oauth2/v2.0/logout`,
  jwks_uri: `${authority.url}/${TENANT_ID}/discovery/v2.0/keys`,
  response_types_supported: ['code'],
});

const raw =
  (status: number, body: string, headers: Record<string, string> = {}): AuthorityReply =>
  (res) => {
    res.writeHead(status, { 'content-length': Buffer.byteLength(body), ...headers });
    res.end(body);
  };
const html = (status: number) => raw(status, '<html><body>Sign-in is unavailable</body></html>', { 'content-type': 'text/html' });
const oauthError = (status: number, error: string, aadsts: number) =>
  sendJson(status, { error, error_description: `AADSTS${aadsts}: something went wrong.`, error_codes: [aadsts] });

describe('The token endpoint answering oddly', () => {
  it('is healthy by default: the order goes through on the token it gives', async () => {
    const { answer } = await askThroughNewGateway();
    expect(answer).toMatchObject({ canSubmit: true, mpaStatus: { __typename: 'MpaSigned' } });
    expect(upstream.calls.at(-1)?.authorization).toMatch(/^Bearer eyJ/);
  });

  it.each<[string, AuthorityReply, boolean]>([
    ['200 with an HTML page', html(200), true],
    ['200 with truncated JSON', raw(200, '{"token_type": "Bearer", "access_tok', { 'content-type': 'application/json' }), true],
    ['200 without an access token', sendJson(200, { token_type: 'Bearer', expires_in: 3600 }), true],
    ['200 with the access token as a number', sendJson(200, tokenResponse(TENANT_ID, CLIENT_ID, { access_token: 42 })), true],
    ['200 with an empty access token', sendJson(200, tokenResponse(TENANT_ID, CLIENT_ID, { access_token: '' })), true],
    [
      '200 with an access token holding a line break',
      sendJson(200, tokenResponse(TENANT_ID, CLIENT_ID, { access_token: 'a.b.c\r\nX-Injected: 1' })),
      true,
    ],
    ['500 with an HTML page', html(500), true],
    ['502 without a body', raw(502, ''), true],
    ['503 temporarily_unavailable', oauthError(503, 'temporarily_unavailable', 90033), true],
    ['429 with Retry-After', sendJson(429, { error: 'throttled' }, { 'retry-after': '30' }), true],
    ['400 invalid_grant (refresh token expired)', oauthError(400, 'invalid_grant', 700082), false],
    ['401 invalid_client (secret rejected)', oauthError(401, 'invalid_client', 7000215), false],
    ['404 with an HTML page (a wrong authority host)', html(404), false],
    [
      'a stall mid-body',
      (res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': 500 });
        res.write('{"token_type": "Be');
      },
      true,
    ],
    [
      'a connection closed mid-body',
      (res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': 500 });
        res.write('{"token_type": "Be', () => res.socket?.destroy());
      },
      true,
    ],
    ['307 to another host', (res) => raw(307, '', { location: `${authority.foreignUrl}/token` })(res, { body: '' }), false],
    ['308 to another host', (res) => raw(308, '', { location: `${authority.foreignUrl}/token` })(res, { body: '' }), false],
    ['302 to another host', (res) => raw(302, '', { location: `${authority.foreignUrl}/token` })(res, { body: '' }), false],
    ['307 to a plain-HTTP host', (res) => raw(307, '', { location: `${foreign.url}/token` })(res, { body: '' }), false],
  ])('%s: the order waits, typed, with the right retryable', async (_label, reply, retryable) => {
    authority.token = reply;
    const { status, answer } = await askThroughNewGateway();
    expect(status).toBe(200);
    expect(answer.canSubmit).toBe(false);
    expect(answer.mpaStatus.__typename).toBe('MpaPartnerCenterUnavailable');
    expect(answer.retryable).toBe(retryable);
    expect(answer.mpaStatus.reason).toBe('CREDENTIALS_REJECTED');
    expect(upstream.calls).toEqual([]);
  });

  it.each<[string, AuthorityReply]>([
    ['200 without an access token', sendJson(200, { token_type: 'Bearer', expires_in: 3600 })],
    ['200 with an empty access token beside an account', sendJson(200, tokenResponse(TENANT_ID, CLIENT_ID, { access_token: '' }))],
    [
      '200 with an access token that is no JWT beside an account',
      sendJson(200, tokenResponse(TENANT_ID, CLIENT_ID, { access_token: 'not a token' })),
    ],
    ['502 with an HTML page', html(502)],
  ])('after %s, lets the order through once the authority gives a token again', async (_label, reply) => {
    authority.token = reply;
    const ask = await startGatewayOnAuthority();
    expect((await ask()).answer).toMatchObject({ canSubmit: false, retryable: true });
    authority.token = sendJson(200, tokenResponse(TENANT_ID, CLIENT_ID));
    expect((await ask()).answer).toMatchObject({ canSubmit: true, mpaStatus: { __typename: 'MpaSigned' } });
  });

  it.each<[string, (tenantUrl: string) => AuthorityReply]>([
    ['an HTML page', () => html(200)],
    ['a 500', () => raw(500, '')],
    [
      'a token endpoint on another host',
      () => (res) => sendJson(200, metadataWith(`${authority.foreignUrl}/${TENANT_ID}/oauth2/v2.0/token`))(res, { body: '' }),
    ],
    [
      'a token endpoint over plain HTTP',
      () => (res) => sendJson(200, metadataWith(`${foreign.url}/${TENANT_ID}/oauth2/v2.0/token`))(res, { body: '' }),
    ],
  ])('OpenID metadata answering with %s: no secret leaves, the order waits', async (_label, reply) => {
    authority.metadata = reply(authority.url);
    try {
      const { status, answer } = await askThroughNewGateway();
      expect(status).toBe(200);
      expect(answer.canSubmit).toBe(false);
      expect(answer.mpaStatus).toMatchObject({ __typename: 'MpaPartnerCenterUnavailable', reason: 'CREDENTIALS_REJECTED' });
      expect(upstream.calls).toEqual([]);
    } finally {
      authority.metadata = healthyMetadata;
    }
  });

  it.each<[string, Record<string, unknown>]>([
    ['expires_in as garbage', { expires_in: 'soon' }],
    ['expires_in negative', { expires_in: -100 }],
    ['no refresh token', { refresh_token: undefined }],
    ['no id token nor client info', { id_token: undefined, client_info: undefined }],
  ])('a token response with %s still gives a usable token, or none: never a wrong answer', async (_label, extra) => {
    authority.token = sendJson(200, tokenResponse(TENANT_ID, CLIENT_ID, extra));
    const { status, answer } = await askThroughNewGateway();
    expect(status).toBe(200);
    if (answer.canSubmit) expect(upstream.calls.at(-1)?.authorization).toMatch(/^Bearer eyJ/);
    else expect(answer.mpaStatus.__typename).toBe('MpaPartnerCenterUnavailable');
  });
});

describe('Partner Center refusing the token it was given (401)', () => {
  /** The authority's answers, each with an access token of its own. */
  const distinctTokens = (): AuthorityReply => {
    let issued = 0;
    return (res) => {
      issued += 1;
      const answer = tokenResponse(TENANT_ID, CLIENT_ID);
      sendJson(200, { ...answer, access_token: `${String(answer.access_token)}${issued}` })(res, { body: '' });
    };
  };
  const refusing =
    (refused: ReadonlySet<string | undefined>): HostilePartnerCenter['replies']['agreementStatus'] =>
    (res, request) =>
      (refused.has(upstream.calls.at(-1)?.authorization)
        ? json(401, { code: 900, description: 'The token is not valid for this partner.' })
        : HEALTHY.agreementStatus)(res, request);
  afterEach(() => {
    authority.token = sendJson(200, tokenResponse(TENANT_ID, CLIENT_ID));
  });

  it('asks the authority for a new token instead of sending the refused one until it expires', async () => {
    authority.token = distinctTokens();
    const ask = await startGatewayOnAuthority();
    expect((await ask()).answer).toMatchObject({ canSubmit: true });
    const first = upstream.calls.at(-1)!.authorization;
    const tokenRequests = authority.calls.length;
    // Revoked at Partner Center: that token is refused from now on, a new one works.
    upstream.replies.agreementStatus = refusing(new Set([first]));
    expect((await ask()).answer).toMatchObject({ canSubmit: false, mpaStatus: { __typename: 'MpaPartnerCenterUnavailable' } });
    expect((await ask()).answer).toMatchObject({ canSubmit: true, mpaStatus: { __typename: 'MpaSigned' } });
    expect(upstream.calls.at(-1)!.authorization).not.toBe(first);
    expect(authority.calls.length).toBe(tokenRequests + 1);
  });

  it('asks for a new token at most once a minute while Partner Center refuses every token', async () => {
    authority.token = distinctTokens();
    const ask = await startGatewayOnAuthority();
    expect((await ask()).answer).toMatchObject({ canSubmit: true });
    const tokenRequests = authority.calls.length;
    upstream.replies.agreementStatus = refusing({ has: () => true } as unknown as ReadonlySet<string | undefined>);
    for (let i = 0; i < 4; i += 1) expect((await ask()).answer).toMatchObject({ canSubmit: false });
    expect(authority.calls.length).toBe(tokenRequests + 1);
  });
});
