import fetch from 'node-fetch';
import { TEST_RESELLERS, sandboxTenantId, sandboxToken } from '../../../src/emulator/partner-center/emulated-world';
import { useEmulator } from '../../support/emulator-fixture';

const LIST = '/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf';

type Page = {
  totalCount: number;
  items: Array<{
    id: string;
    name: string;
    mpnId: string;
    state: string;
    relationshipType: string;
    location: string;
    attributes: { objectType: string };
  }>;
  links: { self: { uri: string }; next?: { uri: string; method: string; headers: Array<{ key: string; value: string }> } };
  attributes: { objectType: string };
};

describe('Emulator relationships call', () => {
  const emulatorOf = useEmulator();

  async function get(path: string, headers: Record<string, string> = {}, region = 'UNITED_STATES') {
    const response = await fetch(`${emulatorOf().url}${path}`, {
      headers: { Authorization: `Bearer ${sandboxToken(region as never)}`, Accept: 'application/json', ...headers },
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
  }

  /** Follows `next` links as Partner Center's documentation describes them: relative to {baseURL}/v1, headers sent back. */
  async function allPages(region = 'UNITED_STATES'): Promise<Page[]> {
    const pages: Page[] = [];
    let path: string | undefined = LIST;
    let headers: Record<string, string> = {};
    while (path) {
      const { status, json } = await get(path, headers, region);
      expect(status).toBe(200);
      pages.push(json as Page);
      const next: Page['links']['next'] = (json as Page).links.next;
      path = next ? `/v1${next.uri}` : undefined;
      headers = Object.fromEntries((next?.headers ?? []).map((header) => [header.key, header.value]));
    }
    return pages;
  }

  it("lists the account's relationships in pages of 10, continued by an MS-ContinuationToken header", async () => {
    const pages = await allPages();
    const items = pages.flatMap((page) => page.items);
    const unlisted = new Set(['1000005', '1000010', '1000013', '1000014']);
    const expected = TEST_RESELLERS.filter((r) => r.tenantId && r.homeRegion === 'UNITED_STATES' && !unlisted.has(r.mpnId));
    expect(items.map((item) => item.mpnId).sort()).toEqual(expected.map((r) => r.mpnId).sort());
    expect(pages.length).toBe(Math.ceil(expected.length / 10));
    expect(pages.map((page) => page.totalCount)).toEqual(pages.map((page) => page.items.length));
    expect(pages[0].attributes).toEqual({ objectType: 'Collection' });
    expect(pages[0].links.next).toEqual({
      uri: '/relationships?relationship_type=IsIndirectCloudSolutionProviderOf&seekOperation=Next',
      method: 'GET',
      headers: [{ key: 'MS-ContinuationToken', value: expect.any(String) }],
    });
    expect(pages[pages.length - 1].links.next).toBeUndefined();
    expect(items.find((item) => item.mpnId === '1000001')).toEqual({
      id: sandboxTenantId('1000001'),
      name: 'Northwind Traders',
      relationshipType: 'is_indirect_cloud_solution_provider_of',
      state: 'Active',
      mpnId: '1000001',
      location: 'US',
      attributes: { objectType: 'PartnerRelationship' },
    });
    expect(items.find((item) => item.mpnId === '1000011')?.state).toBe('Suspended');
    expect(
      emulatorOf()
        .relationshipsCalls()
        .map((call) => [call.page, call.continued]),
    ).toEqual(pages.map((_, index) => [index, index > 0]));
    expect(emulatorOf().callCount()).toBe(0);
  });

  it('lists per account: Europe sees its own resellers only', async () => {
    const items = (await allPages('EUROPE')).flatMap((page) => page.items);
    expect(items.map((item) => item.mpnId)).toEqual(['1000003']);
  });

  it('refuses a continuation token of another account, a missing one, and another relationship type', async () => {
    const first = (await get(LIST)).json as Page;
    const token = first.links.next!.headers[0].value;
    const next = `${LIST}&seekOperation=Next`;
    expect((await get(next, { 'MS-ContinuationToken': token }, 'EUROPE')).status).toBe(400);
    const missing = await get(next);
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({ code: 400, description: expect.stringMatching(/MS-ContinuationToken/), data: [], source: 'PartnerFD' });
    expect((await get('/v1/relationships?relationship_type=IsIndirectResellerOf')).status).toBe(400);
    expect((await get('/v1/relationships')).status).toBe(400);
  });

  it('answers 401 without a bearer token, and echoes MS-CorrelationId', async () => {
    const response = await fetch(`${emulatorOf().url}${LIST}`, { headers: { 'MS-CorrelationId': 'c0ffee00-0000-4000-8000-000000000000' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('ms-correlationid')).toBe('c0ffee00-0000-4000-8000-000000000000');
  });

  it('applies the relationships fault rule, the global rule and the rate limit to it', async () => {
    emulatorOf().faults.setForRelationships({ failure: { type: 'status', status: 503 }, times: 1 });
    expect((await get(LIST)).status).toBe(503);
    expect((await get(LIST)).status).toBe(200);
    emulatorOf().faults.setGlobal({ failure: { type: 'throttle', retryAfterSeconds: 7 }, times: 1 });
    const throttled = await get(LIST);
    expect([throttled.status, throttled.headers.get('retry-after')]).toEqual([429, '7']);
    emulatorOf().faults.clear();
    emulatorOf().setRateLimit({ perSecond: 0.001, burst: 1 });
    try {
      expect((await get(LIST)).status).toBe(200);
      expect((await get(LIST)).status).toBe(429);
    } finally {
      emulatorOf().setRateLimit(undefined);
    }
  });

  it('adds, changes and removes resellers through the admin endpoint', async () => {
    const admin = (method: string, path: string, body?: unknown) =>
      fetch(`${emulatorOf().url}/_emulator${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const tenantId = '7e000000-0000-4000-8000-000000004242';
    expect(
      (await admin('PUT', '/resellers/4242424', { tenantId, name: 'Added Later', homeRegion: 'EUROPE', signedRegions: ['EUROPE'] })).status,
    ).toBe(200);
    let items = (await allPages('EUROPE')).flatMap((page) => page.items);
    expect(items.map((item) => [item.mpnId, item.name, item.state])).toContainEqual(['4242424', 'Added Later', 'Active']);
    await admin('PUT', '/resellers/4242424', { tenantId, homeRegion: 'EUROPE', relationships: { EUROPE: 'Suspended' } });
    items = (await allPages('EUROPE')).flatMap((page) => page.items);
    expect(items.find((item) => item.mpnId === '4242424')?.state).toBe('Suspended');
    expect((await admin('DELETE', '/resellers/4242424')).status).toBe(200);
    expect((await allPages('EUROPE')).flatMap((page) => page.items).map((item) => item.mpnId)).toEqual(['1000003']);
    const bad = await admin('PUT', '/resellers/4242424', { homeRegion: 'ATLANTIS' });
    expect([bad.status, (await bad.json()).error]).toEqual([400, 'homeRegion must be a CSP region name such as "EUROPE"']);
  });
});
