import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { useEmulator } from '../../support/emulator-fixture';
import { auditInProcess, emulatorEnvironment, mpnIdList, scratchFolder } from '../../support/audit-runner';

const folder = scratchFolder();
const LINES = 40;
const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => String(from + i));

/** The input line numbers a report holds, in order (the CSV header is line 1). */
function reportLines(format: 'csv' | 'json' | 'html', out: string): number[] {
  if (format === 'csv') return parse<{ line: string }>(readFileSync(out, 'utf8'), { columns: true }).map((row) => Number(row.line));
  const file = format === 'json' ? out : `${out}.jsonl`;
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.endsWith('}'))
    .map((line) => JSON.parse(line).line);
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('npm run audit --resume', () => {
  jest.setTimeout(60_000);
  const emulator = useEmulator();
  const slowEnv = () => {
    emulator().faults.setGlobal({ latencyMs: 100 });
    return emulatorEnvironment(folder, emulator(), ['UNITED_STATES'], {
      limits: { upstreamConcurrency: 2, upstreamConcurrencyMin: 2, upstreamConcurrencyMax: 2 },
    });
  };

  it.each(['csv', 'json', 'html'] as const)('after an interrupted run, checks only the rest of the list (%s)', async (format) => {
    const input = path.join(folder, `list-${format}.csv`);
    writeFileSync(input, mpnIdList(ids(format === 'csv' ? 32_000_000 : format === 'json' ? 33_000_000 : 34_000_000, LINES)));
    const out = path.join(folder, `report.${format === 'json' ? 'jsonl' : format}`);
    const args = ['--input', input, '--regions', 'UNITED_STATES', '--format', format, '--out', out];
    const env = slowEnv();

    // Ctrl-C once a few lines are in the report: the lines under way finish and are written.
    const controller = new AbortController();
    const written = () => (existsSync(format === 'html' ? `${out}.jsonl` : out) ? reportLines(format, out).length : 0);
    const watch = setInterval(() => {
      if (written() >= 6) controller.abort();
    }, 20);
    const first = await auditInProcess(args, { env, signal: controller.signal });
    clearInterval(watch);
    expect(first.code).toBe(130);
    expect(first.stderr).toContain('exit 130: stopped before the end of the list; run the same command with --resume');
    const firstLines = reportLines(format, out);
    expect(firstLines.length).toBeGreaterThanOrEqual(6);
    expect(firstLines.length).toBeLessThan(LINES);
    expect(firstLines).toEqual(range(2, firstLines.length + 1));
    // Each line written cost exactly one call (unknown MPN IDs answer 2200), and nothing else was asked.
    expect(emulator().callCount()).toBe(firstLines.length);
    if (format === 'html') expect(readFileSync(out, 'utf8')).toContain('The run was stopped before the end of the list');

    emulator().clearCalls();
    const second = await auditInProcess([...args, '--resume'], { env });
    expect(second.code).toBe(1);
    expect(emulator().callCount()).toBe(LINES - firstLines.length);
    expect(reportLines(format, out)).toEqual(range(2, LINES + 1));
    expect(second.stderr).toContain(`audit: ${LINES - firstLines.length} lines checked in`);
    expect(second.stderr).toContain(`(${LINES} in the report), for United States: ${LINES} answers`);
    expect(second.stderr).toContain(`United States: needs action ${LINES} · could not be checked 0`);
    if (format === 'html') {
      const page = readFileSync(out, 'utf8');
      expect(page).toContain(`<p class="muted">${LINES} answer(s)</p>`);
      expect(page).not.toContain('The run was stopped');
    }
  });

  it('drops a line cut off by a killed run and checks it again', async () => {
    const input = path.join(folder, 'cut.csv');
    const out = path.join(folder, 'cut-report.csv');
    const env = emulatorEnvironment(folder, emulator(), ['UNITED_STATES', 'EUROPE']);
    writeFileSync(input, mpnIdList(ids(35_000_000, 5)));
    expect((await auditInProcess(['--input', input, '--regions', 'UNITED_STATES,EUROPE', '--out', out], { env })).code).toBe(1);
    // The list grows; the last report line is cut in the middle, as a killed process leaves it.
    writeFileSync(input, mpnIdList(ids(35_000_000, 10)));
    const text = readFileSync(out, 'utf8');
    writeFileSync(out, text.slice(0, text.lastIndexOf('\n', text.length - 2) + 20));
    emulator().clearCalls();
    const { code } = await auditInProcess(['--input', input, '--regions', 'UNITED_STATES,EUROPE', '--out', out, '--resume'], { env });
    expect(code).toBe(1);
    // Line 6 had only its UNITED_STATES answer whole: it is asked again for both regions, with lines 7 to 11.
    expect(emulator().callCount()).toBe(12);
    const rows = parse<{ line: string; region: string; mpnId: string }>(readFileSync(out, 'utf8'), { columns: true });
    expect(rows.map((row) => `${row.line} ${row.region}`)).toEqual(
      range(2, 11).flatMap((line) => [`${line} UNITED_STATES`, `${line} EUROPE`]),
    );
  });

  it('refuses to resume a report made for other regions, or from another list', async () => {
    const input = path.join(folder, 'regions.csv');
    const out = path.join(folder, 'regions-report.csv');
    const env = emulatorEnvironment(folder, emulator(), ['UNITED_STATES', 'EUROPE']);
    writeFileSync(input, mpnIdList(ids(36_000_000, 3)));
    await auditInProcess(['--input', input, '--regions', 'UNITED_STATES,EUROPE', '--out', out], { env });
    const before = readFileSync(out, 'utf8');

    const fewer = await auditInProcess(['--input', input, '--regions', 'UNITED_STATES', '--out', out, '--resume'], { env });
    expect(fewer.code).toBe(64);
    expect(fewer.stderr).toBe(
      `audit: --resume: ${out} holds answers for EUROPE, which --regions does not name; resume with the regions it was started with\n`,
    );
    const more = await auditInProcess(['--input', input, '--regions', 'UNITED_STATES,EUROPE,BRAZIL', '--out', out, '--resume'], {
      env: emulatorEnvironment(folder, emulator(), ['UNITED_STATES', 'EUROPE', 'BRAZIL']),
    });
    expect(more.code).toBe(64);
    expect(more.stderr).toBe(
      `audit: --resume: ${out} has 2 answer(s) for line 2 where --regions names 3; resume with the regions it was started with\n`,
    );

    writeFileSync(input, mpnIdList(ids(37_000_000, 6)));
    const other = await auditInProcess(['--input', input, '--regions', 'UNITED_STATES,EUROPE', '--out', out, '--resume'], { env });
    expect(other.code).toBe(64);
    expect(other.stderr).toMatch(
      /^audit: --resume: .* ends with line 4 of another list \(36000002\); resume with the list it was started with\n/m,
    );
    // A refused resume leaves the report as it was.
    expect(readFileSync(out, 'utf8')).toBe(before);
  });

  it('starts a new report when the file to resume does not exist yet', async () => {
    const input = path.join(folder, 'new.csv');
    writeFileSync(input, mpnIdList(['1000001']));
    const out = path.join(folder, 'new-report.csv');
    const { code } = await auditInProcess(['--input', input, '--regions', 'UNITED_STATES', '--out', out, '--resume'], {
      env: emulatorEnvironment(folder, emulator(), ['UNITED_STATES']),
    });
    expect(code).toBe(0);
    expect(reportLines('csv', out)).toEqual([2]);
  });

  it('keeps a report whose lines are all there as it is, and asks nothing', async () => {
    const input = path.join(folder, 'done.csv');
    writeFileSync(input, mpnIdList(['1000001', '1000002']));
    const out = path.join(folder, 'done-report.jsonl');
    const env = emulatorEnvironment(folder, emulator(), ['UNITED_STATES']);
    await auditInProcess(['--input', input, '--regions', 'UNITED_STATES', '--out', out], { env });
    const before = readFileSync(out, 'utf8');
    emulator().clearCalls();
    const { code, stderr } = await auditInProcess(['--input', input, '--regions', 'UNITED_STATES', '--out', out, '--resume'], { env });
    expect(code).toBe(1);
    expect(emulator().callCount()).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(before);
    expect(stderr).toContain('audit: 0 lines checked in 0 s (2 in the report)');
  });
});
