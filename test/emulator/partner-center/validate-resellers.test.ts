import fetch from 'node-fetch';
import { sandboxToken } from '../../../src/emulator/partner-center/emulated-world';
import { Emulator, startEmulator } from '../../../src/emulator/partner-center/emulator-server';

describe('Emulator POST /v1/partners/validateresellers', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());
  beforeEach(() => {
    emulator.faults.clear();
    emulator.setRateLimit(undefined);
    emulator.clearCalls();
  });

  const post = (body: string, token: string | undefined = sandboxToken('UNITED_STATES')) =>
    fetch(`${emulator.url}/v1/partners/validateresellers`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'ms-correlationid': 'c0ffee00-0000-4000-8000-000000000001',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body,
    });

  it('counts its calls in the admin call log, beyond the kept entries, as agreement status calls are counted', async () => {
    await post(JSON.stringify({ partnerIds: ['1000001'] }));
    await post(JSON.stringify({ partnerIds: ['1000001'] }));
    const seen = (await (await fetch(`${emulator.url}/_emulator/calls`)).json()) as { validateResellers: { count: number } };
    expect(seen.validateResellers.count).toBe(2);
    emulator.clearCalls();
    const cleared = (await (await fetch(`${emulator.url}/_emulator/calls`)).json()) as { validateResellers: { count: number } };
    expect(cleared.validateResellers.count).toBe(0);
  });

  it('answers one result per partner ID, in order: valid, 900400, an undocumented code, and leaves out the one set up to be missing', async () => {
    const response = await post(JSON.stringify({ partnerIds: ['1000001', '0001000012', '1000013', '1000014', '9999999'] }));
    expect(response.status).toBe(200);
    expect(response.headers.get('ms-correlationid')).toBe('c0ffee00-0000-4000-8000-000000000001');
    expect(await response.json()).toEqual({
      validationResults: [
        { partnerId: '1000001', isValidPartnerIdOnRecord: true },
        {
          partnerId: '0001000012',
          isValidPartnerIdOnRecord: false,
          errorCode: 900400,
          errorDescription: 'The PLA ID (formerly MPN ID) is not valid on record as an authorized indirect reseller.',
        },
        {
          partnerId: '1000013',
          isValidPartnerIdOnRecord: false,
          errorCode: 900777,
          errorDescription: 'A future partner-of-record answer.',
        },
        {
          partnerId: '9999999',
          isValidPartnerIdOnRecord: false,
          errorCode: 900400,
          errorDescription: 'The PLA ID (formerly MPN ID) is not valid on record as an authorized indirect reseller.',
        },
      ],
    });
    expect(emulator.validateResellersCalls()).toEqual([
      expect.objectContaining({
        region: 'UNITED_STATES',
        status: 200,
        partnerIds: ['1000001', '0001000012', '1000013', '1000014', '9999999'],
        contentType: 'application/json',
      }),
    ]);
  });

  it('refuses a body that is not {"partnerIds": [strings]} with the usual error body', async () => {
    for (const body of ['not json', '{"partnerIds": [12345]}', '{}']) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 400, source: 'PartnerFD' });
    }
  });

  it('answers 401 without an accepted bearer token', async () => {
    expect((await post('{"partnerIds": ["1000001"]}', '')).status).toBe(401);
    expect((await post('{"partnerIds": ["1000001"]}', 'nope')).status).toBe(401);
  });

  it('applies the rate limit and the fault rules (its own and the global one)', async () => {
    emulator.setRateLimit({ perSecond: 1, burst: 1 });
    expect((await post('{"partnerIds": ["1000001"]}')).status).toBe(200);
    const throttled = await post('{"partnerIds": ["1000001"]}');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toMatch(/^\d+$/);
    emulator.setRateLimit(undefined);

    emulator.faults.setForValidateResellers({ failure: { type: 'status', status: 500 }, times: 1 });
    expect((await post('{"partnerIds": ["1000001"]}')).status).toBe(500);
    expect((await post('{"partnerIds": ["1000001"]}')).status).toBe(200);
    emulator.faults.setGlobal({ failure: { type: 'status', status: 503 }, times: 1 });
    expect((await post('{"partnerIds": ["1000001"]}')).status).toBe(503);
  });
});
