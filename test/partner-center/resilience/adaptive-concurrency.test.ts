import { Gateway } from '../../../src/compose/gateway';
import { execute, startGateway } from '../../support/sandbox-gateway';

const CART = `query ($orders: [MpaOrderLineInput!]!) { orderEligibilities(orders: $orders) { mpaStatus { __typename ... on MpaPartnerCenterUnavailable { reason } } } }`;
let nextId = 30_000_000;
const cart = (n: number) => Array.from({ length: n }, () => ({ mpnId: String(nextId++), region: 'UNITED_STATES' }));
const limitOf = (gateway: Gateway) => gateway.services.checker.capacities().get('UNITED_STATES')!.limit;

describe('Adaptive upstream concurrency', () => {
  it('grows past its starting limit while Partner Center stays fast, up to the configured maximum', async () => {
    const gateway = await startGateway({ limits: { upstreamConcurrency: 4, upstreamConcurrencyMax: 24 } });
    try {
      gateway.emulator!.faults.setGlobal({ latencyMs: 50 });
      for (let i = 0; i < 4; i += 1) await execute(gateway, CART, { orders: cart(200) });
      expect(limitOf(gateway)).toBe(24);
      expect(gateway.emulator!.peakInFlight()).toBeGreaterThan(4);
      expect(gateway.emulator!.peakInFlight()).toBeLessThanOrEqual(24);
    } finally {
      await gateway.stop();
    }
  });

  it('keeps a fixed limit when start, minimum and maximum are equal', async () => {
    const gateway = await startGateway({ limits: { upstreamConcurrency: 4, upstreamConcurrencyMin: 4, upstreamConcurrencyMax: 4 } });
    try {
      gateway.emulator!.faults.setGlobal({ latencyMs: 20 });
      for (let i = 0; i < 3; i += 1) await execute(gateway, CART, { orders: cart(100) });
      expect(limitOf(gateway)).toBe(4);
      expect(gateway.emulator!.peakInFlight()).toBe(4);
    } finally {
      await gateway.stop();
    }
  });

  it('cuts the limit when Partner Center slows down', async () => {
    const gateway = await startGateway({ limits: { upstreamConcurrency: 16 } });
    try {
      gateway.emulator!.faults.setGlobal({ latencyMs: 20 });
      await execute(gateway, CART, { orders: cart(100) });
      const before = limitOf(gateway);
      gateway.emulator!.faults.setGlobal({ latencyMs: 200 });
      await execute(gateway, CART, { orders: cart(100) });
      expect(limitOf(gateway)).toBeLessThan(before);
    } finally {
      await gateway.stop();
    }
  });

  it('learns a rate limit: few 429s, no THROTTLED answer while the deadline allows waiting', async () => {
    const gateway = await startGateway({ limits: { upstreamConcurrency: 8 } });
    try {
      // The reseller lists are fetched at start through the same accounts: not inside the measured window.
      await gateway.services.directories.loaded();
      gateway.emulator!.faults.setGlobal({ latencyMs: 50 });
      gateway.emulator!.setRateLimit({ perSecond: 100 });
      const reasons: string[] = [];
      // 600 calls in carts of 50 lines, four at a time, as fast as the gateway sends them: far
      // more than 100 calls a second, so at least six seconds however fast the machine is.
      for (let round = 0; round < 3; round += 1) {
        const results = await Promise.all([0, 1, 2, 3].map(() => execute(gateway, CART, { orders: cart(50) })));
        for (const result of results)
          for (const line of result.data!.orderEligibilities) reasons.push(line.mpaStatus.reason ?? line.mpaStatus.__typename);
      }
      const calls = gateway.emulator!.callCount();
      expect(reasons.filter((reason) => reason === 'THROTTLED')).toEqual([]);
      expect(reasons.filter((reason) => reason !== 'MpaMpnIdNotRecognized')).toEqual([]);
      expect(reasons).toHaveLength(600);
      expect(gateway.emulator!.throttledCount() / calls).toBeLessThanOrEqual(0.05);
      const cap = gateway.services.checker.capacities().get('UNITED_STATES')!.callsPerSecondCap!;
      expect(cap).toBeGreaterThan(60);
      expect(cap).toBeLessThan(130);
    } finally {
      await gateway.stop();
    }
  }, 40_000);
});
