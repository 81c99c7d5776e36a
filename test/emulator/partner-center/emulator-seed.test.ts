import fetch from 'node-fetch';
import { useEmulator } from '../../support/emulator-fixture';
import seed from '../../fixtures/seed-examples.json';
import { EmulatedReseller, sandboxToken } from '../../../src/emulator/partner-center/emulated-world';
import { Emulator, startEmulator } from '../../../src/emulator/partner-center/emulator-server';

const US_TOKEN = sandboxToken('UNITED_STATES');
const SEED_TENANT = '12345678-acbd-1234-abcd-123456789abc';

/** The reseller each documented example presupposes, asked from the United States account. */
const WORLD: Record<string, EmulatedReseller[]> = {
  success: [{ mpnId: '1234567', homeRegion: 'UNITED_STATES', signedRegions: ['UNITED_STATES'], purpose: '' }],
  '2201 region mismatch': [{ mpnId: '1234567', homeRegion: 'EUROPE', signedRegions: ['EUROPE'], purpose: '' }],
  '2203 not signed': [{ mpnId: '123456', homeRegion: 'UNITED_STATES', signedRegions: [], purpose: '' }],
  '2204 not an indirect reseller': [{ mpnId: '123456', homeRegion: 'UNITED_STATES', signedRegions: [], enrolled: false, purpose: '' }],
  '2206 tenant not signed': [{ mpnId: '7654321', tenantId: SEED_TENANT, homeRegion: 'UNITED_STATES', signedRegions: [], purpose: '' }],
};

async function ask(emulator: Emulator, query: Record<string, string>, headers: Record<string, string> = {}) {
  const url = `${emulator.url}/v1/compliance/csp/agreementstatus?${new URLSearchParams(query).toString()}`;
  const response = await fetch(url, { headers: { Authorization: `Bearer ${US_TOKEN}`, Accept: 'application/json', ...headers } });
  const text = await response.text();
  return { response, text, json: text ? JSON.parse(text) : undefined };
}

describe('Emulator agreementstatus against the documented examples', () => {
  it.each(seed.examples.map((example) => [example.name, example] as const))('reproduces "%s" field for field', async (name, example) => {
    const emulator = await startEmulator({ resellers: WORLD[name] ?? [] });
    try {
      const { response, json } = await ask(emulator, example.query as Record<string, string>, {
        'MS-CorrelationId': 'b4e67a78-0692-45d1-b408-04b9178a8ac6',
        'MS-RequestId': 'aa04fb9d-c6b6-4754-8a6a-86e00cdd5ccb',
      });
      expect(response.status).toBe(example.status);
      expect(json).toEqual(example.body);
      expect(Object.keys(json)).toEqual(Object.keys(example.body));
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(response.headers.get('ms-correlationid')).toBe('b4e67a78-0692-45d1-b408-04b9178a8ac6');
      expect(response.headers.get('ms-requestid')).toBe('aa04fb9d-c6b6-4754-8a6a-86e00cdd5ccb');
      expect(response.headers.get('ms-cv')).toMatch(/^[A-Za-z0-9+/]{16}\.0$/);
      expect(response.headers.get('ms-serverid')).toBe('0000005B');
    } finally {
      await emulator.close();
    }
  });
});

describe('Emulator request handling', () => {
  const emulatorOf = useEmulator();

  it('reads parameter names case-insensitively', async () => {
    for (const name of ['mpnId', 'mpnid', 'MPNID', 'MpnId']) {
      const { response, json } = await ask(emulatorOf(), { [name]: '1000001' });
      expect([response.status, json]).toEqual([200, { isAgreementSigned: true }]);
    }
    const { json } = await ask(emulatorOf(), { TENANTID: '00000000-0000-0000-0000-000001000001' });
    expect(json).toEqual({ isAgreementSigned: true });
  });

  it('treats an empty parameter as absent', async () => {
    const { json } = await ask(emulatorOf(), { mpnId: '1000001', tenantId: '' });
    expect(json).toEqual({ isAgreementSigned: true });
    const neither = await ask(emulatorOf(), { mpnId: '', tenantId: '' });
    expect(neither.json.code).toBe(2001);
  });

  it('checks parameter types before it checks for both identifiers', async () => {
    const { json } = await ask(emulatorOf(), { mpnId: '1000001', tenantId: 'nope' });
    expect(json.description).toBe('Tenant Id must be a GUID.');
    const mpnFirst = await ask(emulatorOf(), { mpnId: 'x', tenantId: 'nope' });
    expect(mpnFirst.json.description).toBe('MPN Id must be numeric.');
  });

  it('rejects an MPN ID outside the 32-bit range as not numeric', async () => {
    const { json } = await ask(emulatorOf(), { mpnId: '2147483648' });
    expect(json.description).toBe('MPN Id must be numeric.');
  });

  it('generates correlation and request ids when the caller sent none', async () => {
    const { response } = await ask(emulatorOf(), { mpnId: '1000001' });
    expect(response.headers.get('ms-correlationid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('ms-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ['no Authorization header', undefined],
    ['a Basic scheme', 'Basic dXNlcjpwYXNz'],
    ['an unknown token', 'Bearer not-a-known-token'],
    ['an empty bearer', 'Bearer '],
  ])('answers 401 with %s', async (_label, authorization) => {
    const url = `${emulatorOf().url}/v1/compliance/csp/agreementstatus?mpnId=1000001`;
    const response = await fetch(url, { headers: authorization === undefined ? {} : { Authorization: authorization } });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(emulatorOf().calls().at(-1)?.region).toBeUndefined();
  });

  it('answers from the region of the calling account', async () => {
    const fromUs = await ask(emulatorOf(), { mpnId: '1000003' });
    expect(fromUs.json.code).toBe(2201);
    const fromEurope = await ask(emulatorOf(), { mpnId: '1000003' }, { Authorization: `Bearer ${sandboxToken('EUROPE')}` });
    expect(fromEurope.json).toEqual({ isAgreementSigned: true });
    expect(
      emulatorOf()
        .calls()
        .map((call) => call.region),
    ).toEqual(['UNITED_STATES', 'EUROPE']);
  });

  it('logs each call with its identifier, region and headers, never the token', async () => {
    await ask(emulatorOf(), { mpnId: '1000002' }, { 'MS-CorrelationId': 'c-1', 'MS-RequestId': 'r-1', 'X-Locale': 'pt-PT' });
    const [call] = emulatorOf().calls();
    expect(call).toMatchObject({
      mpnId: '1000002',
      region: 'UNITED_STATES',
      status: 400,
      headers: { authorization: 'bearer', accept: 'application/json', correlationId: 'c-1', requestId: 'r-1', locale: 'pt-PT' },
    });
    expect(JSON.stringify(call)).not.toContain(US_TOKEN);
  });

  it('applies faults set through the admin endpoint and clears them', async () => {
    const put = await fetch(`${emulatorOf().url}/_emulator/faults/identifier/1000001`, {
      method: 'PUT',
      body: JSON.stringify({ failure: { type: 'status', status: 503 }, times: 1 }),
    });
    expect(put.status).toBe(200);
    expect((await ask(emulatorOf(), { mpnId: '1000001' })).response.status).toBe(503);
    expect((await ask(emulatorOf(), { mpnId: '1000001' })).response.status).toBe(200);

    await fetch(`${emulatorOf().url}/_emulator/faults/global`, {
      method: 'PUT',
      body: JSON.stringify({ failure: { type: 'throttle', retryAfterSeconds: 7 } }),
    });
    const throttled = await ask(emulatorOf(), { mpnId: '1000001' });
    expect(throttled.response.status).toBe(429);
    expect(throttled.response.headers.get('retry-after')).toBe('7');
    expect(throttled.json).toEqual({ statusCode: 429, message: 'Rate limit is exceeded. Try again in 7 seconds.' });

    await fetch(`${emulatorOf().url}/_emulator/faults`, { method: 'DELETE' });
    expect((await ask(emulatorOf(), { mpnId: '1000001' })).response.status).toBe(200);

    const calls = await (await fetch(`${emulatorOf().url}/_emulator/calls`)).json();
    expect(calls.count).toBe(4);
  });

  it('names the bad field when the admin endpoint gets a bad fault rule', async () => {
    const response = await fetch(`${emulatorOf().url}/_emulator/faults/global`, {
      method: 'PUT',
      body: JSON.stringify({ failure: { type: 'explode' } }),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/failure\.type must be one of/);
  });

  it('adds latency from a rule before answering, never less than configured', async () => {
    emulatorOf().faults.setGlobal({ latencyMs: 150 });
    const started = performance.now();
    const { response } = await ask(emulatorOf(), { mpnId: '1000001' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
    expect(response.status).toBe(200);
  });

  it('closes promptly while an answer is still waiting out its latency', async () => {
    // Longer than the test may take: close must not wait it out.
    const slow = await startEmulator({ latencyMs: 60_000 });
    const pending = ask(slow, { mpnId: '1000001' }).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await slow.close();
    expect(await pending).toBeInstanceOf(Error);
  });

  it('applies a failure with the given probability, replayably with a seed', async () => {
    const seeded = await startEmulator({ seed: 42 });
    try {
      seeded.faults.setGlobal({ failure: { type: 'status', status: 500 }, probability: 0.3 });
      const statuses: number[] = [];
      for (let i = 0; i < 200; i += 1) statuses.push((await ask(seeded, { mpnId: '1000001' })).response.status);
      const failures = statuses.filter((status) => status === 500).length;
      expect(failures).toBeGreaterThan(35);
      expect(failures).toBeLessThan(85);
    } finally {
      await seeded.close();
    }
  });
});
