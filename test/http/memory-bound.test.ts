import v8 from 'node:v8';
import vm from 'node:vm';
import { ProductionLikeGateway, startProductionLikeGateway } from '../support/production-like-gateway';

/**
 * Memory is bounded by configuration, not by the query texts clients send: many distinct
 * valid queries padded with a long comment (comments are not tokens, so no limit refuses
 * them) leave the heap where it was. The full run (5,000 × 99 KB, RSS) is in `npm run bench`.
 */

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;
const heapUsed = () => {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

const QUERIES = 600;
const QUERY_CHARS = 60_000;
const MiB = 2 ** 20;

describe('Memory bounded by configuration, whatever the query texts', () => {
  let edge: ProductionLikeGateway;
  beforeAll(async () => {
    edge = await startProductionLikeGateway({ config: { http: { documentCacheBytes: 2 * MiB } } });
  });
  afterAll(() => edge.stop());

  it(`keeps the heap within a few MiB after ${QUERIES} distinct ${QUERY_CHARS / 1000} KB queries`, async () => {
    const padding = 'x'.repeat(QUERY_CHARS);
    const ask = async (i: number) => {
      const response = await edge.post({ query: `{ __typename } # ${i} ${padding}` });
      expect(response.status).toBe(200);
      await response.text();
    };
    for (let i = 0; i < 20; i += 1) await ask(-i - 1); // warm the pipeline before measuring
    const before = heapUsed();
    for (let i = 0; i < QUERIES; i += 4) await Promise.all([ask(i), ask(i + 1), ask(i + 2), ask(i + 3)]);
    const grown = heapUsed() - before;
    // 36 MB of query text went through. Kept: at most the 2 MiB document store, plus noise.
    expect(grown).toBeLessThan(12 * MiB);
  }, 60_000);
});
