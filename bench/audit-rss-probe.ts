/**
 * Preloaded into the audit command by the bench (`node --expose-gc --require`): when the
 * process exits, writes to AUDIT_RSS_FILE its peak resident memory (as the kernel counts it)
 * and the heap still in use after a full collection.
 */
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.AUDIT_RSS_FILE;
  if (!file) return;
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  (globalThis as { gc?: () => void }).gc?.();
  writeFileSync(file, JSON.stringify({ peakRssBytes, liveHeapBytes: process.memoryUsage().heapUsed }));
});
