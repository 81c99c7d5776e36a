import fetch from 'node-fetch';
import { ProductionLikeGateway, startProductionLikeGateway } from '../support/production-like-gateway';

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
});
