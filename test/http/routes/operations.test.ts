import { createHash } from 'node:crypto';
import fetch from 'node-fetch';
import { parseGatewayConfig } from '../../../src/config/gateway-config';
import { sandboxToken } from '../../../src/emulator/partner-center/emulated-world';
import { Emulator, startEmulator } from '../../../src/emulator/partner-center/emulator-server';
import { Gateway, createGateway } from '../../../src/compose/gateway';
import { createGatewayLogger } from '../../../src/observability/gateway-logger';
import { startSandboxGateway } from '../../support/sandbox-gateway';

const statusQuery = (mpnId: string) => `{ reseller(mpnId: "${mpnId}") { mpaStatus(region: UNITED_STATES) { __typename } } }`;

/** A gateway on the emulator; `base` is its public port, `operator` its operator port (`/metrics`, the detailed `/readyz`). */
async function gatewayOn(
  emulator: Emulator,
  extra: Record<string, unknown> = {},
): Promise<{ gateway: Gateway; base: string; operator: string }> {
  const gateway = await createGateway({
    config: parseGatewayConfig({
      port: 0,
      partnerCenter: { baseUrl: emulator.url },
      accounts: [{ region: 'UNITED_STATES', staticToken: sandboxToken('UNITED_STATES') }],
      clientAuth: { allowAnonymous: true },
      ...extra,
    }),
    logger: createGatewayLogger({ level: 'silent' }),
  });
  const listening = await gateway.listen();
  return { gateway, base: listening.url, operator: listening.operatorUrl };
}

const post = (base: string, query: string) =>
  fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });

describe('/metrics', () => {
  it('exposes operations, upstream calls by outcome and region, latency, cache hits and misses, circuit state', async () => {
    const gateway = await startSandboxGateway({ cache: { ttlSeconds: { positive: 60, negative: 60 } } });
    try {
      const { url: base, operatorUrl } = await gateway.listen();
      await post(base, statusQuery('1000001'));
      await post(base, statusQuery('1000001'));
      await post(base, statusQuery('1000002'));
      await post(base, '{ nope }');
      const response = await fetch(`${operatorUrl}/metrics`);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      const text = await response.text();
      expect(text).toContain('mpa_upstream_calls_total{region="UNITED_STATES",outcome="signed"} 1');
      expect(text).toContain('mpa_upstream_calls_total{region="UNITED_STATES",outcome="notSigned"} 1');
      expect(text).toContain('mpa_upstream_latency_seconds_count{region="UNITED_STATES"} 2');
      expect(text).toContain('mpa_cache_lookups_total{result="hit"} 1');
      expect(text).toContain('mpa_cache_lookups_total{result="miss"} 2');
      expect(text).toContain('mpa_graphql_operations_total{type="query",result="ok"} 3');
      expect(text).toContain('mpa_graphql_operations_total{type="unknown",result="error"} 1');
      expect(text).toContain('mpa_circuit_state{region="EUROPE"} 0');
      expect(text).toMatch(/mpa_process_resident_memory_bytes \d+/);
    } finally {
      await gateway.stop();
    }
  });
});

describe('/metrics with http.metricsTokenSha256', () => {
  it('answers only a scraper that presents the token, and says nothing else about it', async () => {
    const token = 'scrape-me-please';
    const gateway = await startSandboxGateway({ http: { metricsTokenSha256: createHash('sha256').update(token).digest('hex') } });
    try {
      const { url: base, operatorUrl } = await gateway.listen();
      for (const authorization of [undefined, 'Bearer wrong', `Basic ${token}`, `Bearer ${token}x`]) {
        const refused = await fetch(`${operatorUrl}/metrics`, { headers: authorization ? { authorization } : {} });
        expect(refused.status).toBe(401);
        expect(refused.headers.get('www-authenticate')).toBe('Bearer');
        const body = await refused.text();
        expect(body).not.toContain('mpa_');
        expect(body).not.toContain(token);
      }
      const allowed = await fetch(`${operatorUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(allowed.status).toBe(200);
      expect(await allowed.text()).toContain('mpa_graphql_operations_total');
      // The rest of the surface is unchanged.
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    } finally {
      await gateway.stop();
    }
  });
});

describe('/healthz and /readyz', () => {
  it("goes unready while the only region's circuit is open, and ready again after", async () => {
    const emulator = await startEmulator();
    const { gateway, base, operator } = await gatewayOn(emulator, {
      resilience: { maxAttempts: 1, circuitMinimumCalls: 2, circuitFirstTrialAfterMs: 500, circuitHalfOpenAfterMs: 500 },
    });
    try {
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      await gateway.services.directories.loaded();
      let ready = await fetch(`${operator}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: 'ready',
        checks: { agreement: 'enforce', relationship: 'enforce', partnerOfRecord: 'enforce' },
        regions: {
          UNITED_STATES: {
            ok: true,
            token: 'static',
            circuit: 'closed',
            upstream: {
              inFlight: 0,
              waiting: 0,
              limit: 8,
              callsPerSecondCap: null,
              budget: 'local',
              classes: { interactive: { waiting: 0, longestWaitMs: 0 }, bulk: { waiting: 0, longestWaitMs: 0 } },
              yieldingToInteractive: false,
            },
            directory: { status: 'ready', resellers: 19, fetchedAt: expect.any(String), ageSeconds: expect.any(Number) },
          },
        },
      });

      await post(base, statusQuery('1000502'));
      await post(base, statusQuery('1000502'));
      ready = await fetch(`${operator}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({
        status: 'unavailable',
        regions: { UNITED_STATES: { ok: false, token: 'static', circuit: 'open' } },
      });
      expect((await fetch(`${base}/healthz`)).status).toBe(200);

      await new Promise((resolve) => setTimeout(resolve, 600));
      await post(base, statusQuery('1000001'));
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
    } finally {
      await gateway.stop();
      await emulator.close();
    }
  });

  it('reports a degraded region next to healthy ones, with what to do', async () => {
    const emulator = await startEmulator({ authority: true });
    const { gateway, operator } = await gatewayOn(emulator, {
      accounts: [
        { region: 'UNITED_STATES', staticToken: sandboxToken('UNITED_STATES') },
        (() => {
          const a = emulator.accounts.find((x) => x.region === 'EUROPE')!;
          return { region: 'EUROPE', tenantId: a.tenantId, clientId: a.clientId, clientSecret: a.clientSecret };
        })(),
      ],
      auth: { authorityHost: emulator.authority!.url, tokenCacheDir: `/tmp/mpa-readyz-${process.pid}` },
    });
    try {
      const ready = await fetch(`${operator}/readyz`);
      expect(ready.status).toBe(200);
      const body = await ready.json();
      expect(body.status).toBe('degraded');
      expect(body.regions.UNITED_STATES).toMatchObject({ ok: true, token: 'static', circuit: 'closed', upstream: { limit: 8 } });
      expect(body.regions.EUROPE).toMatchObject({ ok: false, token: 'failing' });
      expect(body.regions.EUROPE.action).toMatch(/npm run login -- --region EUROPE|could not be reached/);
    } finally {
      await gateway.stop();
      await emulator.close();
    }
  });
});

describe('Graceful shutdown', () => {
  it('lets in-flight operations finish, answers new ones 503, then closes', async () => {
    const emulator = await startEmulator({ latencyMs: 400 });
    const { gateway, base } = await gatewayOn(emulator, { http: { shutdownGraceMs: 5_000 } });
    try {
      const inFlight = post(base, statusQuery('1000001'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const stopping = gateway.stop();
      await new Promise((resolve) => setTimeout(resolve, 20));
      const late = await post(base, statusQuery('1000002')).then(
        (response) => response.status,
        () => 'refused',
      );
      expect([503, 'refused']).toContain(late);
      const finished = await inFlight;
      expect(finished.status).toBe(200);
      expect((await finished.json()).data.reseller.mpaStatus.__typename).toBe('MpaSigned');
      await stopping;
      await expect(fetch(`${base}/healthz`)).rejects.toThrow(/ECONNREFUSED|socket hang up|ECONNRESET/);
    } finally {
      await emulator.close();
    }
  });
});
