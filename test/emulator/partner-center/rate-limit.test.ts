import { request } from 'undici';
import { sandboxToken } from '../../../src/emulator/partner-center/emulated-world';
import { Emulator, startEmulator } from '../../../src/emulator/partner-center/emulator-server';
import { parseRateLimit } from '../../../src/emulator/partner-center/rate-limit';

describe('Emulator rate limit per account', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ rateLimit: { perSecond: 10, burst: 2 } });
  });
  afterAll(() => emulator.close());

  const ask = async (region: 'UNITED_STATES' | 'EUROPE') => {
    const response = await request(
      `${emulator.url}/v1/compliance/csp/agreementstatus?mpnId=${region === 'EUROPE' ? '1000003' : '1000001'}`,
      {
        headers: { authorization: `Bearer ${sandboxToken(region)}` },
      },
    );
    return {
      status: response.statusCode,
      retryAfter: response.headers['retry-after'],
      body: (await response.body.json()) as Record<string, unknown>,
    };
  };

  it('answers 429 with Retry-After and the throttling body past the bucket, per account', async () => {
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await ask('UNITED_STATES'));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 429, 429, 429]);
    expect(answers[2].retryAfter).toBe('1');
    expect(answers[2].body).toEqual({ statusCode: 429, message: 'Rate limit is exceeded. Try again in 1 seconds.' });
    // Another partner tenant has a bucket of its own.
    expect((await ask('EUROPE')).status).toBe(200);
    expect(emulator.throttledCount()).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await ask('UNITED_STATES')).status).toBe(200);
  });

  it('is set and lifted through the admin endpoint, which refuses a bad rule', async () => {
    const bad = await request(`${emulator.url}/_emulator/rate-limit`, { method: 'PUT', body: JSON.stringify({ perSecond: -1 }) });
    expect(bad.statusCode).toBe(400);
    expect(await bad.body.json()).toEqual({ error: 'rate limit perSecond must be a number above 0' });
    const lifted = await request(`${emulator.url}/_emulator/rate-limit`, { method: 'DELETE' });
    expect(lifted.statusCode).toBe(200);
    await lifted.body.dump();
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await ask('UNITED_STATES')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const set = await request(`${emulator.url}/_emulator/rate-limit`, { method: 'PUT', body: JSON.stringify({ perSecond: 1, burst: 1 }) });
    expect(await set.body.json()).toEqual({ applied: { perSecond: 1, burst: 1 } });
    expect([(await ask('EUROPE')).status, (await ask('EUROPE')).status]).toEqual([200, 429]);
  });

  it('reads EMULATOR_RATE_LIMIT as calls per second or per minute', () => {
    expect(parseRateLimit('100/s')).toEqual({ perSecond: 100 });
    expect(parseRateLimit('6000/min')).toEqual({ perSecond: 100 });
    expect(parseRateLimit(undefined)).toBeUndefined();
    expect(() => parseRateLimit('fast')).toThrow('EMULATOR_RATE_LIMIT must look like 100/s or 6000/min, got "fast"');
  });
});
