import { createHash } from 'node:crypto';
import fetch from 'node-fetch';
import { GatewayErrorCode } from '../../src/errors/gateway-error-code';
import { Emulator, startEmulator } from '../../src/emulator/partner-center/emulator-server';
import { createGatewayLogger } from '../../src/observability/gateway-logger';
import { JwksServer, startJwksServer } from '../support/jwks-server';
import { eventually } from '../support/eventually';
import { captureLogs } from '../support/log-capture';
import { ProductionLikeGateway, startProductionLikeGateway } from '../support/production-like-gateway';
import { RedisServer, startRedisServer } from '../support/redis-server';
import { capturedResponse, leakedSecrets } from './secret-search';

/**
 * Refusing a client, and losing Redis mid-request: neither the key or token a client presented,
 * nor a configured API key, nor the Redis password or signing key reaches a log line (at trace
 * level), a response body or a response header, in any encoding.
 */

const AUDIENCE = 'api://mpa-gateway-secrets';
const RIGHT_KEY = 'right-api-key-Gm7Tx2Qp9Wv4Ls8Dk3Hn';
const WRONG_KEY = 'wrong-api-key-Bc6Ny3Rf8Jz5Pq2Xw7Ut';
const SHORT_KEY = 'short-Kq8Vd3Lm';
const GARBAGE_BEARER = 'opaque-bearer-Hs4Wm9Tc2Yq7Fn5Rk8';
const REDIS_PASSWORD = 'redis-password-Vx5Lq8Tm3Kd9Wp2Gz6';
const SIGNING_KEY = 'redis-signing-key-Rj4Nw8Bx2Sm6Ht9Lc3Qv7Fp5';
const CHECK = { query: '{ orderEligibility(order: { mpnId: "1000001", region: UNITED_STATES }) { canSubmit retryable } }' };
const HELD_CHECK = { query: '{ orderEligibility(order: { mpnId: "1000002", region: UNITED_STATES }) { canSubmit retryable } }' };
const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');

const logs = captureLogs();
const logger = () => createGatewayLogger({ level: 'trace', destination: logs.stream });
/** This test's log lines: from `before` on. */
const logSince = (before: number) => logs.lines.slice(before).join('');

describe('A client refused', () => {
  let jwks: JwksServer;
  let gateway: ProductionLikeGateway;
  let lockable: ProductionLikeGateway;
  const presented: Record<string, string> = {};

  beforeAll(async () => {
    jwks = await startJwksServer(AUDIENCE);
    const clientAuth = (maxFailuresPerMinute: number) => ({
      jwt: { issuer: jwks.issuer, audience: AUDIENCE, jwksUrl: jwks.jwksUrl, scopeClaim: 'scope' },
      apiKeys: [{ name: 'checkout', sha256: sha256(RIGHT_KEY), scopes: ['orders:check' as const] }],
      maxFailuresPerMinute,
    });
    gateway = await startProductionLikeGateway({ logger: logger(), config: { clientAuth: clientAuth(1_000) } });
    lockable = await startProductionLikeGateway({ logger: logger(), config: { clientAuth: clientAuth(3) } });
    presented.unknownKeyToken = await jwks.sign({ sub: 'portal', scope: 'orders:check' }, { key: 'unknown' });
    presented.expiredToken = await jwks.sign({ sub: 'portal', scope: 'orders:check' }, { expiresIn: '-10m' });
    presented.otherAudienceToken = await jwks.sign({ sub: 'portal' }, { audience: 'api://someone-else' });
  });
  afterAll(async () => {
    await gateway?.stop();
    await lockable?.stop();
    await jwks?.close();
  });

  const secrets = () => ({ rightKey: RIGHT_KEY, wrongKey: WRONG_KEY, shortKey: SHORT_KEY, garbageBearer: GARBAGE_BEARER, ...presented });
  const ask = async (target: ProductionLikeGateway, headers: Record<string, string>) => capturedResponse(await target.post(CHECK, headers));

  it.each<[string, () => Record<string, string>]>([
    ['no credentials', () => ({ 'x-api-key': '' })],
    ['a wrong API key', () => ({ 'x-api-key': WRONG_KEY })],
    ['a short API key', () => ({ 'x-api-key': SHORT_KEY })],
    ['an API key beside a bearer token that is no JWT', () => ({ 'x-api-key': WRONG_KEY, authorization: `Bearer ${GARBAGE_BEARER}` })],
    ['a bearer token that is no JWT', () => ({ 'x-api-key': '', authorization: `Bearer ${GARBAGE_BEARER}` })],
    ['a token signed by an unknown key', () => ({ 'x-api-key': '', authorization: `Bearer ${presented.unknownKeyToken}` })],
    ['an expired token', () => ({ 'x-api-key': '', authorization: `Bearer ${presented.expiredToken}` })],
    ['a token for another audience', () => ({ 'x-api-key': '', authorization: `Bearer ${presented.otherAudienceToken}` })],
    [
      'a token sent as Basic credentials',
      () => ({ 'x-api-key': '', authorization: `Basic ${Buffer.from(`portal:${WRONG_KEY}`).toString('base64')}` }),
    ],
  ])('%s: 401, and neither the answer nor the log holds what was presented', async (_label, headers) => {
    const before = logs.lines.length;
    const answer = await ask(gateway, headers());
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ errors: [{ message: 'Unauthorized.' }] });
    expect(leakedSecrets(answer.text, secrets())).toEqual([]);
    expect(leakedSecrets(logSince(before), secrets())).toEqual([]);
  });

  it('locked out after failed guesses: 429 for the right key too, and nothing presented in the answers or the log', async () => {
    const before = logs.lines.length;
    for (let i = 0; i < 3; i += 1) expect((await ask(lockable, { 'x-api-key': `${WRONG_KEY}${i}` })).status).toBe(401);
    for (const headers of [
      { 'x-api-key': RIGHT_KEY },
      { 'x-api-key': WRONG_KEY },
      { 'x-api-key': '', authorization: `Bearer ${presented.expiredToken}` },
    ] as Array<Record<string, string>>) {
      const answer = await ask(lockable, headers);
      expect(answer.status).toBe(429);
      expect(JSON.parse(answer.body)).toMatchObject({ errors: [{ extensions: { code: GatewayErrorCode.AUTH_FAILURES_LIMITED } }] });
      expect(leakedSecrets(answer.text, secrets())).toEqual([]);
    }
    expect(leakedSecrets(logSince(before), secrets())).toEqual([]);
  });
});

describe('Redis with a password in its URL going away mid-request', () => {
  jest.setTimeout(60_000);
  let redis: RedisServer;
  let gateway: ProductionLikeGateway;
  let emulator: Emulator;
  const secrets = { redisPassword: REDIS_PASSWORD, signingKey: SIGNING_KEY, apiKey: RIGHT_KEY };

  beforeAll(async () => {
    redis = await startRedisServer({ password: REDIS_PASSWORD });
    emulator = await startEmulator({ allowHold: true });
    gateway = await startProductionLikeGateway({
      emulator,
      logger: logger(),
      config: {
        clientAuth: { apiKeys: [{ name: 'checkout', sha256: sha256(RIGHT_KEY) }] },
        cache: {
          redisUrl: `redis://default:${REDIS_PASSWORD}@127.0.0.1:${redis.port}/0`,
          redisSigningKey: SIGNING_KEY,
          ttlSeconds: { positive: 60, negative: 5 },
        },
        http: { responseCacheMs: 0 },
      },
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    await emulator?.close();
    await redis?.kill();
  });

  /** Everything a client or a scraper can read: the answer to a check, the health pages, the metrics. */
  async function everythingReadable(): Promise<string> {
    const answers = [await capturedResponse(await gateway.post(CHECK, { 'x-api-key': RIGHT_KEY }))];
    for (const url of [`${gateway.operatorUrl}/readyz`, `${gateway.operatorUrl}/metrics`, gateway.url.replace('/graphql', '/readyz')])
      answers.push(await capturedResponse(await fetch(url)));
    return answers.map((answer) => `${answer.status}\n${answer.text}`).join('\n');
  }

  it('answers while Redis is there and after it is killed mid-request, and nothing holds the password or the signing key', async () => {
    const before = logs.lines.length;
    expect(leakedSecrets(await everythingReadable(), secrets)).toEqual([]);

    // The next check waits at Partner Center; Redis goes away meanwhile, and its answer is then written to no Redis.
    emulator.faults.setFor('1000002', { hold: true });
    const inFlight = gateway.post(HELD_CHECK, { 'x-api-key': RIGHT_KEY });
    try {
      await eventually('the check waiting at Partner Center', async () => emulator.faults.heldCount() === 1);
      await redis.kill();
    } finally {
      emulator.faults.releaseHeld();
    }
    const answer = await capturedResponse(await inFlight);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ data: { orderEligibility: { canSubmit: false } } });
    expect(leakedSecrets(answer.text, secrets)).toEqual([]);
    expect(leakedSecrets(await everythingReadable(), secrets)).toEqual([]);

    const log = logSince(before);
    expect(log).toMatch(/redis/i);
    expect(leakedSecrets(log, secrets)).toEqual([]);
  });
});
