/**
 * Preloaded into the audit command by the bench (`node --require`): writes the process's peak
 * resident memory (kilobytes, as the kernel counts it) to AUDIT_RSS_FILE when it exits.
 */
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.AUDIT_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
