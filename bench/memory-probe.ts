/**
 * RSS of the in-memory status cache as distinct entries pour in, for `npm run bench`.
 * Run with --expose-gc. Entries are real outcomes as the client builds them.
 */
import { createMemoryStatusStore } from '../src/status-cache/memory-status-store';
import { classifyAnswer } from '../src/partner-center/outcome/outcome-table';

async function main(): Promise<void> {
  const maxEntries = Number(process.argv[2] ?? 100_000);
  const checkpoints = (process.argv[3] ?? '100000,1000000').split(',').map(Number);
  const store = createMemoryStatusStore({ maxEntries });
  const gc = (globalThis as { gc?: () => void }).gc;
  const rss = () => {
    gc?.();
    return process.memoryUsage().rss;
  };
  const before = rss();
  const readings: Array<{ entries: number; rssBytes: number; heapUsedBytes: number; held: number }> = [];
  let inserted = 0;
  for (const checkpoint of checkpoints) {
    for (; inserted < checkpoint; inserted += 1) {
      const outcome = classifyAnswer(
        { type: 'agreement', isAgreementSigned: inserted % 3 !== 0 },
        {
          correlationId: `c0ffee00-0000-4000-8000-${String(inserted).padStart(12, '0')}`,
          requestId: `beef0000-0000-4000-8000-${String(inserted).padStart(12, '0')}`,
          cv: 'jn3r+1wpE06nCt/0.0',
          serverId: '0000005B',
        },
      );
      await store.set(`mpnId:${10_000_000 + inserted}@UNITED_STATES`, { outcome, checkedAt: Date.now() }, 3_600_000);
    }
    const now = rss();
    readings.push({ entries: inserted, rssBytes: now, heapUsedBytes: process.memoryUsage().heapUsed, held: store.localSize() });
  }
  process.stdout.write(`${JSON.stringify({ maxEntries, baselineRssBytes: before, readings })}\n`);
}

void main();
