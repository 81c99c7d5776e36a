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
import { Pool, request } from 'undici';
import { ServerStarter } from './stress';

const LATENCY_MS = 50;
const SIZES = [10_000, 100_000] as const;
/**
 * The status cache's own bound (default 100,000) would otherwise grow with the list up to it
 * and hide what the audit itself holds; its memory is measured in the Memory section.
 */
const CACHE_MAX_ENTRIES = 10_000;
/** Lines of the untimed run first. */
const WARM_UP_LINES = 2_000;
/** Old-space limit of the audit processes, as a small container would set it (see the table's note). */
const HEAP_LIMIT_MIB = 96;
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
  /** Its mean over the run's time. */
  readonly meanConcurrency: number;
  readonly idealMs: number;
  readonly ratio: number;
  /** Wall time against the ideal at the mean limit. */
  readonly meanRatio: number;
  readonly peakRssBytes: number;
  /** Heap in use after a full collection as the process exits. */
  readonly liveHeapBytes: number;
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * The same calls straight to the emulator, `concurrency` at a time, from a bare undici pool
 * with nothing else to do: the floor this machine allows at that concurrency.
 */
async function directRest(url: string, lines: number, concurrency: number, firstId: number): Promise<number> {
  const pool = new Pool(url, { connections: concurrency });
  let next = 0;
  const begin = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < lines) {
        const id = firstId + next++;
        const response = await pool.request({
          path: `/v1/compliance/csp/agreementstatus?mpnId=${id}`,
          method: 'GET',
          headers: { authorization: 'Bearer sandbox-united-states' },
        });
        await response.body.text();
      }
    }),
  );
  const wall = performance.now() - begin;
  await pool.close();
  return round(wall);
}

async function emulatorCalls(url: string): Promise<number> {
  return ((await (await request(`${url}/_emulator/calls`)).body.json()) as { count: number }).count;
}

/** One audit process over `lines` fresh MPN IDs; resolves when it has exited. */
function runAudit(
  folder: string,
  env: Record<string, string>,
  lines: number,
  firstId: number,
): Promise<Omit<AuditRun, 'upstreamCalls' | 'idealMs' | 'ratio' | 'meanRatio'>> {
  const input = path.join(folder, `list-${lines}.csv`);
  const rssFile = path.join(folder, `rss-${lines}`);
  writeFileSync(input, `mpnId\n${Array.from({ length: lines }, (_, i) => firstId + i).join('\n')}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        `--max-old-space-size=${HEAP_LIMIT_MIB}`,
        '--expose-gc',
        '--require',
        PROBE,
        AUDIT,
        '--input',
        input,
        '--regions',
        'UNITED_STATES',
        '--out',
        path.join(folder, `report-${lines}.csv`),
        '--log-every',
        '3600',
      ],
      {
        env: { ...env, AUDIT_RSS_FILE: rssFile },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
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
      const reached = /concurrency limit reached: UNITED_STATES (\d+) \(mean ([\d.]+)\)/.exec(stderr);
      const concurrency = Number(reached?.[1] ?? NaN);
      const meanConcurrency = Number(reached?.[2] ?? NaN);
      if (!startedAt || !finishedAt) return reject(new Error(`audit did not run through (exit ${code}):\n${stderr}`));
      const memory = JSON.parse(readFileSync(rssFile, 'utf8')) as { peakRssBytes: number; liveHeapBytes: number };
      resolve({ lines, exitCode: code, wallMs: round(finishedAt - startedAt), concurrency, meanConcurrency, ...memory });
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
    // Untimed: the emulator's process compiles its hot paths, as a Partner Center that has been up would have.
    await runAudit(folder, env, WARM_UP_LINES, 69_000_000);
    let firstId = 70_000_000;
    for (const lines of SIZES) {
      const before = await emulatorCalls(emulator.info.url);
      const run = await runAudit(folder, env, lines, firstId);
      firstId += lines;
      const upstreamCalls = (await emulatorCalls(emulator.info.url)) - before;
      const idealMs = Math.ceil(lines / run.concurrency) * LATENCY_MS;
      const meanIdealMs = Math.ceil(lines / run.meanConcurrency) * LATENCY_MS;
      runs.push({ ...run, upstreamCalls, idealMs, ratio: round(run.wallMs / idealMs, 3), meanRatio: round(run.wallMs / meanIdealMs, 3) });
    }
    const floor = runs[0];
    const directMs = await directRest(emulator.info.url, floor.lines, floor.concurrency, firstId);
    const direct = {
      lines: floor.lines,
      concurrency: floor.concurrency,
      wallMs: directMs,
      ratio: round(directMs / floor.idealMs, 3),
      auditOverDirect: round(floor.wallMs / directMs, 3),
    };
    return {
      latencyMs: LATENCY_MS,
      cacheMaxEntries: CACHE_MAX_ENTRIES,
      heapLimitMiB: HEAP_LIMIT_MIB,
      warmUpLines: WARM_UP_LINES,
      runs,
      direct,
      rssGrowth: round(runs[1].peakRssBytes / runs[0].peakRssBytes, 3),
    };
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
    `Concurrency adapts from 8 up to 64 per account; the ideal uses the highest limit the account reached (from the checker's capacities, as the audit's summary reports it), so the slow start and any cut on a slow answer count against the audit; the next column uses the limit's mean over the run instead. Wall time runs from the first line checked to the summary (the report written), without process start. The status cache is bounded at ${a.cacheMaxEntries} entries for both runs so that its own growth (see Memory) does not hide the audit's.`,
    '',
    '| lines | upstream calls (target: = lines) | concurrency reached C (mean) | wall ms | ideal ceil(N/C)×L ms | wall / ideal (target ≤ 1.1) | wall / ideal at the mean C | peak RSS | live heap at the end | exit |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...a.runs.map(
      (r) =>
        `| ${r.lines} | ${r.upstreamCalls} | ${r.concurrency} (${r.meanConcurrency}) | ${r.wallMs} | ${r.idealMs} | **${r.ratio}** | ${r.meanRatio} | ${mib(r.peakRssBytes)} | ${mib(r.liveHeapBytes)} | ${r.exitCode} |`,
    ),
    '',
    `Direct REST, the floor: the same ${a.direct.lines} calls straight to the emulator, ${a.direct.concurrency} at a time, from a bare undici pool in the bench process: ${a.direct.wallMs} ms, ${a.direct.ratio} of the ideal; the audit took ${a.direct.auditOverDirect} × that. An untimed ${a.warmUpLines}-line audit runs first, so the emulator's process is warm (each audit process starts cold, as an operator's would).`,
    '',
    `Peak RSS at ${a.runs[1].lines} lines / at ${a.runs[0].lines} lines: **${a.rssGrowth}**. The list is read and the report written as answers come, so what the audit holds does not grow with the list (live heap after a full collection above). Each audit process runs with its old space limited to ${a.heapLimitMiB} MiB, as a small container would set it: without a limit V8 lets garbage pile up for longer in a longer run, so the uncapped peak RSS says when V8 collected rather than what is kept (155 MiB at 10,000 lines and 288 MiB at 100,000 in one uncapped run here, with the same live heap). Holding on to anything per line would make the 100,000-line run fail against the limit.`,
    '',
  ];
}
