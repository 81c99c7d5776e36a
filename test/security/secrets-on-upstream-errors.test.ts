import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SANDBOX_ACCOUNTS } from '../../src/emulator/partner-center/emulated-world';
import { Emulator, startEmulator } from '../../src/emulator/partner-center/emulator-server';
import { EmulatedFailure } from '../../src/emulator/partner-center/faults';
import { createGatewayLogger } from '../../src/observability/gateway-logger';
import { AuthorityReply, HostileAuthority, sendJson, startHostileAuthority, tokenResponse } from '../support/hostile-authority';
import { HOSTILE_MPN_ID, HostilePartnerCenter, HostileReply, json, startHostilePartnerCenter } from '../support/hostile-partner-center';
import { captureLogs } from '../support/log-capture';
import { ProductionLikeGateway, startProductionLikeGateway } from '../support/production-like-gateway';
import { capturedResponse, leakedSecrets } from './secret-search';

/**
 * Partner Center and the token authority failing, with real msal-node: no app secret, refresh
 * token, Partner Center access token or API key reaches a log line (at trace level), a response
 * body or a response header, in any encoding, whatever the failure and whatever the failing
 * side writes back (some proxies and error pages echo the request they were sent).
 */

const API_KEY = 'upstream-errors-api-key-Zq4vT8mW2xLr9Kp3';
const CLIENT_SECRET = 'app-secret-Yh7Rk2Lw9Qs4Vm8Nx3Bt';
const TENANT_ID = '7d3e1c52-0000-4000-8000-00000000d001';
const CLIENT_ID = 'secrets-on-errors-test-app';
const HOSTILE_REFRESH_TOKEN = 'consented-refresh-Wc5Jp8Hd2Fg6Ts9Ky4';
const HOSTILE_ACCESS_TOKEN_MARK = 'pc-access-Mv3Qx7Bn5Rz2';

/** Every field of an order line whose text can come from Partner Center, and the directories. */
const EVERYTHING = `query ($order: MpaOrderLineInput!) {
  orderEligibility(order: $order) { canSubmit retryable guidance { headline whatItMeans actions learnMoreUrl }
    mpaStatus { ...Status }
    checks { mode passed guidance { whatItMeans actions }
      ... on MpaRelationshipCheck { relationship { __typename ... on MpaRelationshipOutcome { message }
        ... on MpaRelationshipUnknown { reason lastRefreshFailure } } }
      ... on MpaPartnerOfRecordCheck { partnerOfRecord { __typename ... on MpaPartnerOfRecordOutcome { message partnerId correlationId }
        ... on MpaPartnerOfRecordRefusal { errorCode errorDescription }
        ... on MpaPartnerOfRecordUnrecognized { code description httpStatus }
        ... on MpaPartnerOfRecordUnavailable { reason httpStatus } } } } }
  resellerDirectories { region status lastRefreshFailure }
}
fragment Status on MpaStatus { __typename ... on MpaStatusOutcome { message correlationId }
  ... on MpaPartnerCenterError { code description learnMoreUrl httpStatus }
  ... on MpaUnrecognizedAnswer { data source bodyExcerpt }
  ... on MpaPartnerCenterUnavailable { reason retryAfterSeconds httpStatus } }`;

const logs = captureLogs();
const folder = mkdtempSync(path.join(tmpdir(), 'mpa-secrets-on-errors-'));
const caFileFor = (name: string, pem: string) => {
  const file = path.join(folder, `${name}-ca.pem`);
  writeFileSync(file, pem);
  return file;
};

/** A production-like gateway (API key, trace-level logs) whose one account signs in with real msal-node. */
async function gatewayOn(
  partnerCenterUrl: string,
  authorityUrl: string,
  caFile: string,
  account: Record<string, string>,
  emulator?: Emulator,
) {
  return startProductionLikeGateway({
    emulator,
    logger: createGatewayLogger({ level: 'trace', destination: logs.stream }),
    config: {
      clientAuth: { apiKeys: [{ name: 'checkout', sha256: createHash('sha256').update(API_KEY).digest('hex') }] },
      partnerCenter: { baseUrl: partnerCenterUrl, timeoutMs: 800 },
      auth: {
        authorityHost: authorityUrl,
        caCertificateFile: caFile,
        tokenCacheDir: mkdtempSync(path.join(folder, 'tokens-')),
        requestTimeoutMs: 800,
      },
      accounts: [{ region: 'UNITED_STATES', ...account }],
      resilience: { maxAttempts: 1, operationDeadlineMs: 3_000 },
    },
  });
}

async function askEverything(gateway: ProductionLikeGateway, mpnId: string) {
  return capturedResponse(
    await gateway.post({ query: EVERYTHING, variables: { order: { mpnId, region: 'UNITED_STATES' } } }, { 'x-api-key': API_KEY }),
  );
}

describe('Partner Center failing (the emulator, its token authority and real msal-node)', () => {
  let emulator: Emulator;
  let gateway: ProductionLikeGateway;
  let secrets: Record<string, string>;
  let withRotated: () => Record<string, string>;

  beforeAll(async () => {
    const us = SANDBOX_ACCOUNTS.find((account) => account.region === 'UNITED_STATES')!;
    emulator = await startEmulator({
      authority: true,
      acceptStaticTokens: false,
      accounts: SANDBOX_ACCOUNTS.map((account) => (account === us ? { ...us, clientSecret: CLIENT_SECRET } : account)),
    });
    const refreshToken = emulator.authority!.issueRefreshToken('UNITED_STATES');
    secrets = { apiKey: API_KEY, clientSecret: CLIENT_SECRET, refreshToken };
    // The authority replaces a redeemed refresh token: the gateway's current one is a secret too.
    const rotated = () =>
      Object.fromEntries(emulator.authority!.activeRefreshTokens('UNITED_STATES').map((token, i) => [`rotatedRefreshToken${i}`, token]));
    withRotated = () => ({ ...secrets, ...rotated() });
    gateway = await gatewayOn(
      emulator.url,
      emulator.authority!.url,
      caFileFor('emulator', emulator.authority!.caCertificate),
      {
        tenantId: us.tenantId,
        clientId: us.clientId,
        clientSecret: CLIENT_SECRET,
        refreshToken,
      },
      emulator,
    );
  });
  afterAll(async () => {
    await gateway?.stop();
    await emulator?.close();
  });

  it('signs in and answers when healthy, so the failures below are Partner Center failing', async () => {
    const answer = await askEverything(gateway, '1000001');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ data: { orderEligibility: { canSubmit: true } } });
  });

  it.each<[string, EmulatedFailure]>([
    ['429 with Retry-After', { type: 'throttle', retryAfterSeconds: 30 }],
    ['429 with the wait in the body only', { type: 'throttle', retryAfterSeconds: 30, retryAfterFormat: 'bodyOnly' }],
    ['500', { type: 'status', status: 500, body: { code: 500, description: 'Internal error.' } }],
    ['503 with Retry-After', { type: 'status', status: 503, retryAfterSeconds: 10 }],
    ['an HTML page', { type: 'malformedBody', style: 'html' }],
    ['truncated JSON', { type: 'malformedBody', style: 'truncatedJson' }],
    ['an empty 400', { type: 'malformedBody', style: 'empty', status: 400 }],
    ['a reset connection', { type: 'reset' }],
  ])('%s: nothing secret in the answer, its headers or the log', async (_label, failure) => {
    const before = logs.lines.length;
    emulator.faults.setGlobal({ failure });
    try {
      const answer = await askEverything(gateway, '1000001');
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ data: { orderEligibility: { canSubmit: false } } });
      expect(leakedSecrets(answer.text, withRotated())).toEqual([]);
    } finally {
      emulator.faults.clear();
    }
    expect(Object.keys(withRotated()).length).toBeGreaterThan(3);
    expect(leakedSecrets(logs.lines.slice(before).join(''), withRotated())).toEqual([]);
  });
});

describe('Partner Center and the token authority failing, hand-written, echoing what they were sent', () => {
  let authority: HostileAuthority;
  let upstream: HostilePartnerCenter;
  let caFile: string;
  const secrets = {
    apiKey: API_KEY,
    clientSecret: CLIENT_SECRET,
    refreshToken: HOSTILE_REFRESH_TOKEN,
    accessToken: HOSTILE_ACCESS_TOKEN_MARK,
  };
  /** The authority's access token: a JWT whose payload holds a mark, and whose signature is the mark itself. */
  const issuing: AuthorityReply = (res) => {
    const answer = tokenResponse(TENANT_ID, CLIENT_ID);
    const [header, payload] = String(answer.access_token).split('.');
    sendJson(200, { ...answer, access_token: `${header}.${payload}.${HOSTILE_ACCESS_TOKEN_MARK}` })(res, { body: '' });
  };
  const account = { tenantId: TENANT_ID, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, refreshToken: HOSTILE_REFRESH_TOKEN };

  beforeAll(async () => {
    authority = await startHostileAuthority(TENANT_ID, CLIENT_ID);
    upstream = await startHostilePartnerCenter();
    caFile = caFileFor('hostile', authority.caPem);
  });
  afterAll(async () => {
    await Promise.all([authority?.close(), upstream?.close()]);
  });
  beforeEach(() => {
    upstream.reset();
    authority.token = issuing;
  });

  /** A fresh gateway (nothing cached) asked once; the answer, and this gateway's log lines. */
  async function askOnce(): Promise<{ status: number; text: string; log: string; answer: any }> {
    const before = logs.lines.length;
    const gateway = await gatewayOn(upstream.url, authority.url, caFile, account);
    try {
      const answer = await askEverything(gateway, HOSTILE_MPN_ID);
      return { ...answer, log: logs.lines.slice(before).join(''), answer: JSON.parse(answer.body) };
    } finally {
      await gateway.stop();
    }
  }

  /** What the last Partner Center call carried in its Authorization header. */
  const lastAuthorization = () => upstream.calls.at(-1)?.authorization ?? '';
  const echoing =
    (status: number, write: (sent: string) => unknown, headers: Record<string, string> = {}): HostileReply =>
    (res, request) =>
      json(status, write(lastAuthorization()), headers)(res, request);

  it.each<[string, HostileReply]>([
    [
      'a documented error body whose description holds the request',
      echoing(400, (sent) => ({ code: 2299, description: `Rejected: Authorization: ${sent}` })),
    ],
    [
      'a documented error body whose data and source hold the token',
      echoing(400, (sent) => ({ code: 2299, description: 'Rejected.', data: [sent.replace(/^Bearer /, '')], source: sent })),
    ],
    [
      '401 naming the token it refused',
      echoing(401, (sent) => ({ code: 900, description: `The token ${sent.replace(/^Bearer /, '')} is not valid.` })),
    ],
    [
      '429 whose message holds the request',
      echoing(429, (sent) => ({ statusCode: 429, message: `Rate limit is exceeded for ${sent}. Try again in 5 seconds.` }), {
        'retry-after': '5',
      }),
    ],
    [
      '500 with a debug page echoing the request',
      echoing(500, (sent) => `<html><pre>GET /v1/... HTTP/1.1\nAuthorization: ${sent}</pre></html>`),
    ],
    ['503 whose body is the bare token', echoing(503, (sent) => sent.replace(/^Bearer /, ''), { 'retry-after': '10' })],
    ['200 with a malformed body echoing the token', echoing(200, (sent) => `{"isAgreementSigned": "maybe", "token": "${sent}"`)],
  ])('Partner Center answering %s: nothing secret in the answer or the log', async (_label, reply) => {
    upstream.replies.agreementStatus = reply;
    upstream.replies.relationships = reply;
    upstream.replies.validateResellers = reply;
    const { status, text, log, answer } = await askOnce();
    expect(status).toBe(200);
    expect(answer.data.orderEligibility.canSubmit).toBe(false);
    // The reply did carry the token: the test would find it if the gateway passed it on.
    expect(lastAuthorization()).toContain(HOSTILE_ACCESS_TOKEN_MARK);
    // Partner Center is sent the account's token and nothing else secret: not the client's key, nor the app's.
    const sent = leakedSecrets(JSON.stringify(upstream.calls), {
      apiKey: API_KEY,
      clientSecret: CLIENT_SECRET,
      refreshToken: HOSTILE_REFRESH_TOKEN,
    });
    expect(sent.filter((name) => name !== 'jwt')).toEqual([]);
    expect(leakedSecrets(text, secrets)).toEqual([]);
    expect(leakedSecrets(log, secrets)).toEqual([]);
  });

  const oauthError = (status: number, error: string, aadsts: number): AuthorityReply =>
    sendJson(status, { error, error_description: `AADSTS${aadsts}: the request was refused.`, error_codes: [aadsts] });
  /** An error whose description repeats the form it was sent (client_secret, refresh_token). */
  const echoingForm =
    (status: number, error: string): AuthorityReply =>
    (res, { body }) =>
      sendJson(status, { error, error_description: `AADSTS900144: cannot read the request: ${body}`, error_codes: [900144] })(res, {
        body,
      });

  it.each<[string, AuthorityReply]>([
    ['400 invalid_client', oauthError(400, 'invalid_client', 7000215)],
    ['400 invalid_grant', oauthError(400, 'invalid_grant', 700082)],
    ['500', sendJson(500, { error: 'server_error', error_description: 'AADSTS90033: a transient error.' })],
    ['no answer at all (a timeout)', () => undefined],
    ['400 invalid_client repeating the request form', echoingForm(400, 'invalid_client')],
    ['400 invalid_grant repeating the request form', echoingForm(400, 'invalid_grant')],
    ['500 repeating the request form', echoingForm(500, 'server_error')],
  ])('the token authority answering %s: the order waits, nothing secret in the answer or the log', async (_label, reply) => {
    authority.token = reply;
    const { status, text, log, answer } = await askOnce();
    expect(status).toBe(200);
    expect(answer.data.orderEligibility.mpaStatus).toMatchObject({
      __typename: 'MpaPartnerCenterUnavailable',
      reason: 'CREDENTIALS_REJECTED',
    });
    // msal-node did send the secrets: they were there to leak.
    expect(authority.calls.some((call) => call.body.includes(encodeURIComponent(CLIENT_SECRET)))).toBe(true);
    expect(leakedSecrets(text, secrets)).toEqual([]);
    expect(leakedSecrets(log, secrets)).toEqual([]);
  });
});
