import { linkSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compiledGateway } from '../support/compiled-gateway';
import { scratchFolder } from '../support/audit-runner';
import { FinishedProcess, runToEnd } from '../support/processes';

/**
 * `npm run audit` as a separate process (sandbox mode) against list files as operators' tools
 * and mishaps make them: old line ends, other encodings, empty files, control characters,
 * reports pointed at folders or at the list itself.
 */

const folder = scratchFolder();
const file = (name: string, content: string | Buffer) => {
  const where = path.join(folder, name);
  writeFileSync(where, content);
  return where;
};
const jsonRecords = (stdout: string) =>
  stdout
    .trimEnd()
    .split('\n')
    .filter((line) => line !== '')
    .map(
      (line) =>
        JSON.parse(line) as {
          line: number;
          mpnId: string | null;
          outcome: string;
          inputProblem: string | null;
          canSubmit: boolean;
          verified: boolean;
        },
    );

// At the top, not in a describe: jest starts concurrent tests right after the top-level hooks.
jest.setTimeout(30_000);
let script = '';
beforeAll(async () => {
  script = path.join(await compiledGateway(), 'src', 'cli', 'audit.js');
});
const audit = (args: readonly string[]): Promise<FinishedProcess> =>
  runToEnd(process.execPath, [script, '--regions', 'UNITED_STATES', ...args], { env: { PATH: process.env.PATH ?? '' } });

// Tests marked concurrent run side by side: each writes list files no other test writes.
describe('npm run audit as a process, against hostile list files', () => {
  it.concurrent('reads a list whose lines end in CR alone (old Mac exports) line by line, instead of checking nothing', async () => {
    const { code, stdout, stderr } = await audit(['--input', file('cr.csv', 'mpnId\r1000001\r1000002\r'), '--format', 'json']);
    expect(stderr).toContain('audit: checking 2 lines');
    expect(code).toBe(1);
    expect(jsonRecords(stdout).map((r) => `${r.line} ${r.mpnId} ${r.outcome}`)).toEqual(['2 1000001 MAY_ORDER', '3 1000002 NEEDS_ACTION']);
  });

  it.concurrent('reads CRLF, LF and CR line ends mixed in one list, and a last line without a line end', async () => {
    const { code, stdout } = await audit(['--input', file('mixed.csv', 'mpnId\r\n1000001\r1000002\n\r\n1000003'), '--format', 'json']);
    expect(code).toBe(1);
    expect(jsonRecords(stdout).map((r) => `${r.line} ${r.mpnId}`)).toEqual(['2 1000001', '3 1000002', '5 1000003']);
  });

  it.concurrent.each([
    ['UTF-16LE', 'utf16le', Buffer.from([0xff, 0xfe])],
    ['UTF-16BE', 'utf16be', Buffer.from([0xfe, 0xff])],
  ])('reads a %s list with its byte-order mark (spreadsheets\u2019 "Unicode text")', async (_label, encoding, bom) => {
    const text = 'Name\tMPN ID\r\nContoso \u00e7\u00e3o\t1000001\r\nFabrikam\t1000002\r\n';
    const utf16le = Buffer.from(text, 'utf16le');
    const body = encoding === 'utf16le' ? utf16le : Buffer.from(utf16le).swap16();
    const { code, stdout, stderr } = await audit(['--input', file(`${encoding}.txt`, Buffer.concat([bom, body])), '--format', 'json']);
    expect(stderr).toContain('audit: checking 2 lines');
    expect(code).toBe(1);
    expect(jsonRecords(stdout).map((r) => `${r.line} ${r.mpnId} ${r.outcome}`)).toEqual(['2 1000001 MAY_ORDER', '3 1000002 NEEDS_ACTION']);
  });

  it.each([
    ['an empty file', ''],
    ['a file of blank lines', '\n \r\n\t\n'],
  ])('refuses %s with exit 64 instead of saying every reseller may order', async (_label, content) => {
    const { code, stderr } = await audit(['--input', file('empty.csv', content)]);
    expect(code).toBe(64);
    expect(stderr).toMatch(/^audit: --input: the list holds nothing: no header line naming an mpnId or tenantId column$/m);
    expect(stderr).not.toContain('-1');
    expect(stderr).not.toContain('NaN');
  });

  it.concurrent('never copies control characters from the list to the terminal', async () => {
    const escape = '\u001b]0;pwned\u0007\u001b[2J';
    const binary = await audit(['--input', file('escape.csv', `name${escape},\u0000x\n1000001\n`)]);
    expect(binary.code).toBe(64);
    expect(binary.stderr).toContain('names no mpnId or tenantId column');
    const json = await audit(['--input', file('escape.jsonl', `{"mpnId": "1000001"}\n{"mpnId": "${escape}\n`), '--format', 'json']);
    expect(json.code).toBe(1);
    expect(json.stderr).toContain('line 2: not valid JSON');
    for (const { stderr } of [binary, json]) {
      // eslint-disable-next-line no-control-regex
      expect(stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    }
  });

  describe('a report that cannot be written', () => {
    const list = () => file('two.csv', 'mpnId\n1000001\n1000002\n');
    it.each([
      ['a folder', () => folder, 'is a folder'],
      ['a folder, for an HTML page', () => path.join(folder, 'page-folder.html'), 'is a folder'],
      ['in a folder that does not exist', () => path.join(folder, 'nowhere', 'report.csv'), 'cannot be written'],
    ])('refuses --out that is %s with exit 64 before checking anything', async (_label, out, message) => {
      mkdirSync(path.join(folder, 'page-folder.html'), { recursive: true });
      const { code, stderr } = await audit(['--input', list(), '--out', out()]);
      expect(code).toBe(64);
      expect(stderr).toContain(`audit: --out: ${out()} ${message}`);
      expect(stderr).not.toContain('checking');
    });

    it.each([
      ['a symbolic link to the list', (target: string) => symlinkSync(target, path.join(folder, 'link.csv'))],
      ['a hard link to the list', (target: string) => linkSync(target, path.join(folder, 'link.csv'))],
    ])('refuses --out that is %s, leaving the list as it was', async (_label, link) => {
      const input = file('precious.csv', 'mpnId\n1000001\n');
      const out = path.join(folder, 'link.csv');
      rmSync(out, { force: true });
      link(input);
      const { code, stderr } = await audit(['--input', input, '--out', out]);
      rmSync(out);
      expect(code).toBe(64);
      expect(stderr).toContain(`audit: --out: ${out} would overwrite the list given with --input`);
      expect(readFileSync(input, 'utf8')).toBe('mpnId\n1000001\n');
    });
  });
});

describe('npm run audit as a process, with failPolicy open', () => {
  it('names the lines whose orders the gateway lets through unverified, and never counts them as may order', async () => {
    const input = file('open.csv', 'mpnId\n1000001\n1000500\n1000502\n');
    const { code, stdout, stderr } = await runToEnd(
      process.execPath,
      [script, '--regions', 'UNITED_STATES', '--input', input, '--format', 'json'],
      { env: { PATH: process.env.PATH ?? '', MPA_FAIL_POLICY: 'open', MPA_MAX_ATTEMPTS: '1' } },
    );
    expect(code).toBe(2);
    const records = jsonRecords(stdout);
    expect(records.map((r) => `${r.line} ${r.outcome} ${r.canSubmit} ${r.verified}`)).toEqual([
      '2 MAY_ORDER true true',
      '3 NOT_CHECKED true false',
      '4 NOT_CHECKED true false',
    ]);
    expect(stderr).toContain('may order 1');
    expect(stderr).toMatch(/\n {2}let through unverified \(failPolicy open; .*\): 2 answers, lines 3, 4\n/);
  });
});
