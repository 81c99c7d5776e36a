import fetch from 'node-fetch';
import { sandboxToken } from '../../src/emulator/partner-center/emulated-world';
import { ProductionLikeGateway, TEST_API_KEY, startProductionLikeGateway } from '../support/production-like-gateway';

describe('The operator port', () => {
  let edge: ProductionLikeGateway;
  let publicBase = '';
  let operatorBase = '';
  beforeAll(async () => {
    edge = await startProductionLikeGateway();
    publicBase = edge.url.replace(/\/graphql$/, '');
    operatorBase = edge.operatorUrl;
  });
  afterAll(() => edge.stop());

  it('keeps /metrics off the public port', async () => {
    const response = await fetch(`${publicBase}/metrics`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('mpa_');
  });

  it('answers /healthz and a bare /readyz on the public port, without per-region details', async () => {
    expect(await (await fetch(`${publicBase}/healthz`)).json()).toEqual({ status: 'ok' });
    await edge.gateway.services.directories.loaded();
    const ready = await fetch(`${publicBase}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('serves /metrics and the detailed /readyz on the operator port, on loopback', async () => {
    expect(new URL(operatorBase).hostname).toBe('127.0.0.1');
    expect(operatorBase).not.toBe(publicBase);
    const metrics = await fetch(`${operatorBase}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('mpa_graphql_operations_total');
    const ready = await fetch(`${operatorBase}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      regions: { UNITED_STATES: { ok: true, token: 'static', circuit: 'closed' } },
    });
    // Nothing of the public surface is served there.
    expect((await fetch(`${operatorBase}/graphql`, { method: 'POST' })).status).toBe(404);
  });

  it('shows no reseller ID, key or token in /metrics or /readyz, whatever the traffic', async () => {
    const tenantId = '3f2b9c1e-7a44-4d0b-9e61-5c2d8a7f0b13';
    const order = (reseller: string) =>
      `{ orderEligibility(order: { ${reseller}, region: UNITED_STATES }) { canSubmit mpaStatus { __typename } } }`;
    expect((await (await edge.post({ query: order('mpnId: "1000001"') })).json()).data.orderEligibility.canSubmit).toBe(true);
    await edge.post({ query: order('mpnId: "7654321"') });
    await edge.post({ query: order(`tenantId: "${tenantId}"`) });
    await edge.post({ query: order('mpnId: "7654321"') }, { 'x-api-key': 'guessed-key-0b7e55a1' });
    await edge.post({ query: '{ nope }', operationName: 'Leak7654321' });
    const metrics = await (await fetch(`${operatorBase}/metrics`)).text();
    const ready = await (await fetch(`${operatorBase}/readyz`)).text();
    // Sample values are measurements and may hold any run of digits (a sum of seconds, a byte
    // count: one read 1000001 once on a busy machine), so the search covers what could carry an
    // identifier: metric names, labels and help texts, and every key and string of /readyz.
    const metricWords = metrics
      .split('\n')
      .map((line) => (line.startsWith('#') ? line : line.replace(/ \S+( \d+)?$/, '')))
      .join('\n');
    const readyWords: string[] = [];
    JSON.parse(ready, (key: string, value: unknown) => {
      readyWords.push(key);
      if (typeof value === 'string') readyWords.push(value);
      return value;
    });
    for (const text of [metricWords, readyWords.join('\n')]) {
      for (const secret of [
        '1000001',
        '7654321',
        tenantId,
        TEST_API_KEY,
        'guessed-key-0b7e55a1',
        sandboxToken('UNITED_STATES'),
        'checkout',
      ]) {
        expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
      }
    }
    // Every label holds a value from a short fixed list: no identifier, name or free text.
    const labelValues = new Set([...metrics.matchAll(/[{,]\w+="([^"]*)"/g)].map((match) => match[1]));
    for (const value of labelValues) expect(value).toMatch(/^[-A-Za-z0-9_.+]{1,40}$/);
  });

  it('refuses other methods and unknown or malformed paths with a clear JSON error, never a 500', async () => {
    const cases: Array<[method: string, path: string, status: number]> = [
      ['POST', '/metrics', 404],
      ['PUT', '/readyz', 404],
      ['DELETE', '/healthz', 404],
      ['PATCH', '/metrics', 404],
      ['OPTIONS', '/metrics', 404],
      ['GET', '/admin', 404],
      ['GET', '/%ZZ', 400],
      ['GET', `/${'a'.repeat(4000)}`, 404],
    ];
    for (const [method, path, status] of cases) {
      const response = await fetch(`${operatorBase}${path}`, { method, body: method === 'GET' || method === 'OPTIONS' ? undefined : '{}' });
      const body = await response.json();
      expect({ method, path, status: response.status, code: typeof body.errors?.[0]?.extensions?.code }).toEqual({
        method,
        path,
        status,
        code: 'string',
      });
    }
    expect((await fetch(`${operatorBase}/metrics`, { method: 'HEAD' })).status).toBe(200);
  });
});
