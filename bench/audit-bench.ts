/**
 * The bulk audit section of `npm run bench` (`--only=audit` runs it alone): `npm run audit`
 * as an operator runs it, a process reading a CSV of distinct MPN IDs, against the emulator
 * (its own process) at 50 ms latency, with the shipped defaults (adaptive concurrency from 8
 * up to 64 per account, 3 attempts, 10 s operation deadline).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { ServerStarter } from './stress';

const LATENCY_MS = 50;
const SIZES = [10_000, 100_000] as const;
/**
 * The status cache's own bound (default 100,000) would otherwise grow with the list up to it
 * and hide what the audit itself holds; its memory is measured in the Memory section.
 */
const CACHE_MAX_ENTRIES = 10_000;
const AUDIT = path.join(__dirname, '..', 'src', 'cli', 'audit.js');
const PROBE = path.join(__dirname, 'audit-rss-probe.js');

interface AuditRun {
  readonly lines: number;
  readonly exitCode: number | null;
  /** From the first line checked to the summary: the checking itself, without process start. */
  readonly wallMs: number;
  readonly upstreamCalls: number;
  /** Highest concurrency limit the account reached, as the audit reports it. */
  readonly concurrency: number;
  readonly idealMs: number;
  readonly ratio: number;
  readonly peakRssBytes: number;
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

async function emulatorCalls(url: string): Promise<number> {
  return ((await (await request(`${url}/_emulator/calls`)).body.json()) as { count: number }).count;
}

/** One audit process over `lines` fresh MPN IDs; resolves when it has exited. */
function runAudit(folder: string, env: Record<string, string>, lines: number, firstId: number): Promise<Omit<AuditRun, 'upstreamCalls' | 'idealMs' | 'ratio'>> {
  const input = path.join(folder, `list-${lines}.csv`);
  const rssFile = path.join(folder, `rss-${lines}`);
  writeFileSync(input, `mpnId\n${Array.from({ length: lines }, (_, i) => firstId + i).join('\n')}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', PROBE, AUDIT, '--input', input, '--regions', 'UNITED_STATES', '--out', path.join(folder, `report-${lines}.csv`), '--log-every', '3600'], {
      env: { ...env, AUDIT_RSS_FILE: rssFile },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let startedAt = 0;
    let finishedAt = 0;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!startedAt && stderr.includes('audit: checking ')) startedAt = performance.now();
      if (!finishedAt && / lines checked in /.test(stderr)) finishedAt = performance.now();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      const concurrency = Number(/concurrency limit reached: UNITED_STATES (\d+)/.exec(stderr)?.[1] ?? NaN);
      if (!startedAt || !finishedAt) return reject(new Error(`audit did not run through (exit ${code}):\n${stderr}`));
      resolve({ lines, exitCode: code, wallMs: round(finishedAt - startedAt), concurrency, peakRssBytes: Number(readFileSync(rssFile, 'utf8')) * 1024 });
    });
  });
}

export async function runAuditBench(start: ServerStarter) {
  const emulator = await start('emulator', JSON.stringify({ latencyMs: LATENCY_MS, callLogLimit: 100 }));
  const folder = mkdtempSync(path.join(tmpdir(), 'mpa-audit-bench-'));
  try {
    const config = path.join(folder, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        partnerCenter: { baseUrl: emulator.info.url },
        accounts: [{ region: 'UNITED_STATES', staticToken: 'sandbox-united-states' }],
        cache: { maxEntries: CACHE_MAX_ENTRIES },
      }),
    );
    const env = { PATH: process.env.PATH ?? '', MPA_CONFIG_FILE: config, NODE_ENV: 'production' };
    const runs: AuditRun[] = [];
    let firstId = 70_000_000;
    for (const lines of SIZES) {
      const before = await emulatorCalls(emulator.info.url);
      const run = await runAudit(folder, env, lines, firstId);
      firstId += lines;
      const upstreamCalls = (await emulatorCalls(emulator.info.url)) - before;
      const idealMs = Math.ceil(lines / run.concurrency) * LATENCY_MS;
      runs.push({ ...run, upstreamCalls, idealMs, ratio: round(run.wallMs / idealMs, 3) });
    }
    return { latencyMs: LATENCY_MS, cacheMaxEntries: CACHE_MAX_ENTRIES, runs, rssGrowth: round(runs[1].peakRssBytes / runs[0].peakRssBytes, 3) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
    await emulator.stop();
  }
}

export function renderAuditBench(a: Awaited<ReturnType<typeof runAuditBench>>): string[] {
  const mib = (bytes: number) => `${round(bytes / 2 ** 20, 0)} MiB`;
  return [
    `## Bulk audit (\`npm run audit\` as a process, distinct MPN IDs, upstream latency ${a.latencyMs} ms, shipped defaults)`,
    '',
    `Concurrency adapts from 8 up to 64 per account; the ideal uses the highest limit the account reached (from the checker's capacities, as the audit's summary reports it), so the slow start counts against the audit. Wall time runs from the first line checked to the summary (the report written), without process start. The status cache is bounded at ${a.cacheMaxEntries} entries for both runs so that its own growth (see Memory) does not hide the audit's.`,
    '',
    '| lines | upstream calls (target: = lines) | concurrency reached C | wall ms | ideal ceil(N/C)×L ms | wall / ideal (target ≤ 1.1) | peak RSS | exit |',
    '|---|---|---|---|---|---|---|---|',
    ...a.runs.map((r) => `| ${r.lines} | ${r.upstreamCalls} | ${r.concurrency} | ${r.wallMs} | ${r.idealMs} | **${r.ratio}** | ${mib(r.peakRssBytes)} | ${r.exitCode} |`),
    '',
    `Peak RSS at ${a.runs[1].lines} lines / at ${a.runs[0].lines} lines: **${a.rssGrowth}** (flat: the list is streamed, the report written as answers come).`,
    '',
  ];
}
