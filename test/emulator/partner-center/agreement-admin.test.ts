import { request } from 'undici';
import { sandboxToken } from '../../../src/emulator/partner-center/emulated-world';
import { Emulator, startEmulator } from '../../../src/emulator/partner-center/emulator-server';
import { CspRegion } from '../../../src/partner-center/csp-region';

describe('Emulator admin: PUT /_emulator/resellers/{mpnId}/agreement', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());

  const ask = async (mpnId: string, region: CspRegion) => {
    const response = await request(`${emulator.url}/v1/compliance/csp/agreementstatus?mpnId=${mpnId}`, {
      headers: { authorization: `Bearer ${sandboxToken(region)}` },
    });
    const text = await response.body.text();
    return { status: response.statusCode, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> | undefined };
  };
  const put = async (path: string, body: string) => {
    const response = await request(`${emulator.url}/_emulator/resellers/${path}/agreement`, {
      method: 'PUT',
      body,
      headers: { 'content-type': 'application/json' },
    });
    return { status: response.statusCode, body: (await response.body.json()) as Record<string, unknown> };
  };

  it('marks a test reseller as signed for a region, and back, changing what agreementstatus answers', async () => {
    expect(await ask('1000002', 'UNITED_STATES')).toMatchObject({ status: 400, body: { code: 2203 } });

    const signed = await put('1000002', JSON.stringify({ region: 'UNITED_STATES', signed: true }));
    expect(signed).toEqual({ status: 200, body: { mpnId: '1000002', homeRegion: 'UNITED_STATES', signedRegions: ['UNITED_STATES'] } });
    expect(await ask('1000002', 'UNITED_STATES')).toEqual({ status: 200, body: { isAgreementSigned: true } });
    // The tenant ID follows its MPN ID.
    const byTenant = await request(`${emulator.url}/v1/compliance/csp/agreementstatus?tenantId=00000000-0000-0000-0000-000001000002`, {
      headers: { authorization: `Bearer ${sandboxToken('UNITED_STATES')}` },
    });
    expect(await byTenant.body.json()).toEqual({ isAgreementSigned: true });

    const withdrawn = await put('1000002', JSON.stringify({ region: 'UNITED_STATES', signed: false }));
    expect(withdrawn).toEqual({ status: 200, body: { mpnId: '1000002', homeRegion: 'UNITED_STATES', signedRegions: [] } });
    expect(await ask('1000002', 'UNITED_STATES')).toMatchObject({ status: 400, body: { code: 2203 } });
  });

  it("keeps the other regions and the reseller's faults, and lists signed regions in GET /_emulator", async () => {
    await put('1000007', JSON.stringify({ region: 'UNITED_STATES', signed: true }));
    const listing = (await (await request(`${emulator.url}/_emulator`)).body.json()) as { resellers: Array<Record<string, unknown>> };
    expect(listing.resellers.find((reseller) => reseller.mpnId === '1000007')).toMatchObject({
      signedRegions: ['EUROPE', 'UNITED_STATES'],
    });
    // Signing does not lift a reseller's fault: 1000503 still answers 503.
    await put('1000503', JSON.stringify({ region: 'UNITED_STATES', signed: true }));
    expect((await ask('1000503', 'UNITED_STATES')).status).toBe(503);
  });

  it('is also a method tests can call', () => {
    expect(emulator.setAgreement('1000006', { region: 'UNITED_STATES', signed: true })?.signedRegions).toEqual(['UNITED_STATES']);
    expect(emulator.setAgreement('4242', { region: 'UNITED_STATES', signed: true })).toBeUndefined();
  });

  describe('refuses bad requests with a 400 that says what is wrong', () => {
    it.each([
      ['not JSON', '{"region":', 'the body must be JSON: {"region": "UNITED_STATES", "signed": true}'],
      ['not an object', '[1]', 'the body must be a JSON object: {"region": "UNITED_STATES", "signed": true}'],
      [
        'an unknown field',
        '{"region":"UNITED_STATES","signed":true,"tenantId":"x"}',
        'unknown field "tenantId": give region and signed only',
      ],
      ['no region', '{"signed":true}', 'region must be a CSP region (AFRICA, ASIA_PACIFIC, …, UNITED_STATES)'],
      ['an unknown region', '{"region":"MARS","signed":true}', 'region must be a CSP region (AFRICA, ASIA_PACIFIC, …, UNITED_STATES)'],
      ['signed as text', '{"region":"EUROPE","signed":"yes"}', 'signed must be true or false'],
    ])('%s', async (_case, body, error) => {
      expect(await put('1000002', body)).toEqual({ status: 400, body: { error } });
    });

    it('an MPN ID that is not digits', async () => {
      expect(await put('12ab', '{"region":"EUROPE","signed":true}')).toEqual({
        status: 400,
        body: { error: 'the MPN ID in the path must be digits, got "12ab"' },
      });
    });
  });

  it('answers 404 for an MPN ID that is not a test reseller', async () => {
    expect(await put('4242', '{"region":"EUROPE","signed":true}')).toEqual({
      status: 404,
      body: { error: 'no test reseller has MPN ID 4242 (GET /_emulator lists them)' },
    });
  });
});
