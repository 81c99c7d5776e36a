import { createHash } from 'node:crypto';
import { GatewayErrorCode } from '../../src/errors/gateway-error-code';
import { createAuthFailureLimit } from '../../src/http/auth-failure-limit';
import { MIN_API_KEY_LENGTH } from '../../src/http/client-auth';
import { ProductionLikeGateway, TEST_API_KEY, startProductionLikeGateway } from '../support/production-like-gateway';

const QUERY = { query: '{ cspRegions { region } }' };
const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');
const SHORT_KEY = 's'.repeat(MIN_API_KEY_LENGTH - 1);
const LONGEST_REFUSED_LENGTH = MIN_API_KEY_LENGTH - 1;

describe('Failed authentication over HTTP', () => {
  let gateway: ProductionLikeGateway;

  beforeAll(async () => {
    gateway = await startProductionLikeGateway({
      config: {
        clientAuth: {
          maxFailuresPerMinute: 5,
          apiKeys: [
            { name: 'checkout', sha256: sha256(TEST_API_KEY) },
            { name: 'too-short', sha256: sha256(SHORT_KEY) },
          ],
        },
        // Callers are told apart by the address the local proxy (this test) forwards.
        http: { trustProxy: '127.0.0.1' },
      },
    });
  });
  afterAll(() => gateway.stop());

  const from = (address: string, key: string) => gateway.post(QUERY, { 'x-api-key': key, 'x-forwarded-for': address });

  it('answers 429 with Retry-After once an address has failed the configured number of times in a minute', async () => {
    const replies = [];
    for (let i = 0; i < 30; i += 1) replies.push(await from('203.0.113.10', `wrong-key-${String(i).padStart(30, '0')}`));
    expect(replies.map((reply) => reply.status)).toEqual([...Array(5).fill(401), ...Array(25).fill(429)]);
    const limited = replies[29];
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await limited.json()).toEqual({
      errors: [
        {
          message: `Too many failed authentications from this address; try again in ${retryAfter} seconds.`,
          extensions: { code: GatewayErrorCode.AUTH_FAILURES_LIMITED },
        },
      ],
    });
    // Even the right key: a guesser must not learn which guess was right.
    expect((await from('203.0.113.10', TEST_API_KEY)).status).toBe(429);
    // Other addresses are not held up.
    expect((await from('203.0.113.11', TEST_API_KEY)).status).toBe(200);
  });

  it(`refuses an API key shorter than ${MIN_API_KEY_LENGTH} characters even when its digest is configured`, async () => {
    expect(SHORT_KEY).toHaveLength(LONGEST_REFUSED_LENGTH);
    expect((await from('203.0.113.12', SHORT_KEY)).status).toBe(401);
  });
});

describe('createAuthFailureLimit', () => {
  it('lets an address try again once the minute of its first failure is over', () => {
    let now = 1_000_000;
    const limit = createAuthFailureLimit({ failuresPerMinute: 2, now: () => now });
    limit.recordFailure('a');
    now += 10_000;
    limit.recordFailure('a');
    expect(limit.retryAfterSeconds('a')).toBe(50);
    expect(limit.retryAfterSeconds('b')).toBe(0);
    now += 49_500;
    expect(limit.retryAfterSeconds('a')).toBe(1);
    now += 500;
    expect(limit.retryAfterSeconds('a')).toBe(0);
    limit.recordFailure('a');
    expect(limit.retryAfterSeconds('a')).toBe(0);
  });

  it('refuses a limit below one', () => {
    expect(() => createAuthFailureLimit({ failuresPerMinute: 0 })).toThrow(
      'failuresPerMinute must be a whole number of at least 1; it is 0',
    );
  });
});
