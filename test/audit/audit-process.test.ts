import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { compiledGateway } from '../support/compiled-gateway';
import { useEmulator } from '../support/emulator-fixture';
import { emulatorEnvironment, mpnIdList, scratchFolder } from '../support/audit-runner';
import { FinishedProcess, runToEnd } from '../support/processes';

const folder = scratchFolder();
const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => String(from + i));
const csvLines = (file: string) =>
  existsSync(file) ? parse<{ line: string }>(readFileSync(file, 'utf8'), { columns: true, relax_column_count: true }) : [];

/**
 * 10,000 lines of sandbox test identifiers: a fifth each of 1000001 (signed for United States,
 * another region's from Europe), 1000002 (not signed), unknown MPN IDs, 1000003 (signed for
 * Europe), and unknown MPN IDs with one bad line in ten.
 */
function tenThousandLines(): string {
  const lines = Array.from({ length: 10_000 }, (_, i) => {
    switch (i % 5) {
      case 0:
        return '1000001';
      case 1:
        return '1000002';
      case 2:
        return String(50_000_000 + i);
      case 3:
        return '1000003';
      default:
        return i % 50 === 4 ? `x${i}` : String(60_000_000 + i);
    }
  });
  return mpnIdList(lines);
}

const SUMMARY = [
  '  Europe: needs action 7800 · could not be checked 0 · bad input 200 · may order 2000',
  '  United States: needs action 7800 · could not be checked 0 · bad input 200 · may order 2000',
  '  bad input lines (never sent to Partner Center): 200',
].join('\n');

describe('npm run audit as a process', () => {
  jest.setTimeout(180_000);
  const emulator = useEmulator();
  let script = '';
  beforeAll(async () => {
    script = path.join(await compiledGateway(), 'src', 'cli', 'audit.js');
  });

  it('stops cleanly on Ctrl-C with the report of what was done, and --resume checks only the rest', async () => {
    emulator().faults.setGlobal({ latencyMs: 100 });
    const env = {
      PATH: process.env.PATH ?? '',
      ...emulatorEnvironment(folder, emulator(), ['UNITED_STATES'], {
        limits: { upstreamConcurrency: 2, upstreamConcurrencyMin: 2, upstreamConcurrencyMax: 2 },
      }),
    };
    const input = path.join(folder, 'sixty.csv');
    const out = path.join(folder, 'sixty-report.csv');
    writeFileSync(input, mpnIdList(ids(42_000_000, 60)));
    const args = [script, '--input', input, '--regions', 'UNITED_STATES', '--out', out];

    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    for (let waited = 0; csvLines(out).length < 6 && waited < 20_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain('audit: stopping: finishing the lines under way, then writing the report (Ctrl-C again to quit at once)');
    expect(stderr).toContain('exit 130: stopped before the end of the list; run the same command with --resume to check the rest');
    const done = csvLines(out).length;
    expect(done).toBeGreaterThanOrEqual(6);
    expect(done).toBeLessThan(60);
    expect(emulator().callCount()).toBe(done);

    emulator().clearCalls();
    const resumed = await runToEnd(process.execPath, [...args, '--resume'], { env });
    expect(resumed.code).toBe(1);
    expect(emulator().callCount()).toBe(60 - done);
    expect(csvLines(out).map((row) => Number(row.line))).toEqual(Array.from({ length: 60 }, (_, i) => i + 2));
  });

  describe('10,000 lines in sandbox mode', () => {
    const input = path.join(folder, 'ten-thousand.csv');
    const terminalOut = path.join(folder, 'ten-thousand.html');
    const reportOut = (format: string) => path.join(folder, `ten-thousand-report.${format}`);
    // The three runs are separate processes on separate files: they start together (on both
    // cores) and each test reads its own run's end.
    const runs = {} as Record<'terminal' | 'csv' | 'json', Promise<FinishedProcess>>;
    beforeAll(() => {
      writeFileSync(input, tenThousandLines());
      // `script` gives the command a terminal, as an operator's shell would.
      const command = [process.execPath, script, '--input', input, '--regions', 'EUROPE,UNITED_STATES', '--out', terminalOut].join(' ');
      runs.terminal = runToEnd('script', ['-qec', command, '/dev/null'], { env: { PATH: process.env.PATH ?? '', TERM: 'xterm' } });
      for (const format of ['csv', 'json'] as const)
        runs[format] = runToEnd(
          process.execPath,
          [script, '--input', input, '--regions', 'EUROPE,UNITED_STATES', '--format', format, '--out', reportOut(format)],
          { env: { PATH: process.env.PATH ?? '' } },
        );
    });
    afterAll(() => Promise.all(Object.values(runs)));

    it('draws a progress bar on a terminal and renders the HTML report', async () => {
      const { code, stdout } = await runs.terminal;
      expect(code).toBe(1);
      expect(stdout).toContain('SANDBOX MODE');
      // Each redraw starts with an ANSI escape (ESC [1G) that moves the cursor to the first column.
      expect(stdout).toContain('\u001b[1G');
      expect(stdout).toMatch(
        /\[1G [█░]{24} \d+\/10000 lines \| \d+ lines\/s \| [\d a-z?]+ left \| may order \d+ · needs action \d+ · could not be checked 0 · bad input \d+/,
      );
      expect(stdout).toContain(' ████████████████████████ 10000/10000 lines | ');
      expect(stdout.replace(/\r/g, '')).toContain(SUMMARY);
      const page = readFileSync(terminalOut, 'utf8');
      expect(page).toContain('data-region="EUROPE" data-outcome="NEEDS_ACTION" data-count="7800"');
      expect(page).toContain('data-region="UNITED_STATES" data-outcome="MAY_ORDER" data-count="2000"');
      expect(readFileSync(`${terminalOut}.jsonl`, 'utf8').split('\n')).toHaveLength(20_001);
    });

    it.each(['csv', 'json'] as const)('writes every line as %s with the right counts', async (format) => {
      const out = reportOut(format);
      const { code, stdout, stderr } = await runs[format];
      expect(stdout).toBe('');
      expect(stderr).toContain(SUMMARY);
      expect(code).toBe(1);
      // One call per distinct question: 7,600 unknown IDs, 1000001-3 for both regions, and the
      // other regions each 2201 made guidance ask (CANADA, BRAZIL, JAPAN for each of the three).
      expect(stderr).toContain('  Partner Center: 7615 calls (retries included)');
      const records =
        format === 'csv'
          ? parse<{ outcome: string }>(readFileSync(out, 'utf8'), { columns: true })
          : readFileSync(out, 'utf8')
              .trimEnd()
              .split('\n')
              .map((line) => JSON.parse(line) as { outcome: string });
      const counts: Record<string, number> = {};
      for (const record of records) counts[record.outcome] = (counts[record.outcome] ?? 0) + 1;
      expect(counts).toEqual({ MAY_ORDER: 4000, NEEDS_ACTION: 15600, BAD_INPUT: 400 });
    });
  });
});
