import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { useEmulator } from '../support/emulator-fixture';
import { auditInProcess, emulatorEnvironment, mpnIdList, scratchFolder } from '../support/audit-runner';

const folder = scratchFolder();
const list = (name: string, text: string) => {
  const file = path.join(folder, name);
  writeFileSync(file, text);
  return file;
};

describe('npm run audit: bad usage', () => {
  const input = list('one.csv', mpnIdList(['1000001']));
  const cases: Array<[string, string[], string]> = [
    [
      'an unknown option',
      ['--input', input, '--regions', 'EUROPE', '--colour'],
      'audit: --colour is not an option of the audit (see --help)',
    ],
    ['no --regions', ['--input', input], 'audit: --regions is required, e.g. --regions EUROPE,UNITED_STATES'],
    [
      'a region that does not exist',
      ['--input', input, '--regions', 'EUROPE,ATLANTIS'],
      'audit: --regions: ATLANTIS is not a CSP region; use AFRICA,',
    ],
    [
      'a region without an account',
      ['--input', input, '--regions', 'KOREA'],
      'audit: --regions: KOREA has no Partner Center account in this configuration; configured: UNITED_STATES, CANADA, EUROPE, BRAZIL, JAPAN',
    ],
    [
      'a locale without texts',
      ['--input', input, '--regions', 'EUROPE', '--locale', 'fr-FR'],
      'audit: --locale: fr-FR is not available; use en-US or pt-PT',
    ],
    [
      'an unknown format',
      ['--input', input, '--regions', 'EUROPE', '--format', 'xlsx'],
      'audit: --format: xlsx is not a report format; use csv, json or html',
    ],
    [
      'html without a file',
      ['--input', input, '--regions', 'EUROPE', '--format', 'html'],
      'audit: --out: the html report needs a file, e.g. --out report.html',
    ],
    ['--resume without a file', ['--input', input, '--regions', 'EUROPE', '--resume'], 'audit: --resume needs --out: the report to resume'],
    ['a missing value', ['--input', input, '--regions'], 'audit: --regions needs a value'],
    [
      'a list that is not there',
      ['--input', path.join(folder, 'nope.csv'), '--regions', 'EUROPE'],
      `audit: --input: cannot read ${path.join(folder, 'nope.csv')} (ENOENT)`,
    ],
    ['a folder as the list', ['--input', folder, '--regions', 'EUROPE'], `audit: --input: ${folder} is a folder, not a list`],
    ['a positional argument', [input, '--regions', 'EUROPE'], `audit: unexpected argument ${input}: give the list with --input`],
    [
      'a report that would overwrite the list',
      ['--input', input, '--regions', 'EUROPE', '--out', input],
      `audit: --out: ${input} would overwrite the list given with --input`,
    ],
    [
      'a bad --log-every',
      ['--input', input, '--regions', 'EUROPE', '--log-every', 'soon'],
      'audit: --log-every: soon is not a number of seconds above 0',
    ],
  ];

  it.each(cases)('refuses %s with exit 64 and one line naming the argument', async (_, argv, message) => {
    const { code, stdout, stderr } = await auditInProcess(argv);
    expect(code).toBe(64);
    expect(stdout).toBe('');
    expect(stderr.split('\n').filter((line) => line !== '')).toHaveLength(1);
    expect(stderr.startsWith(message)).toBe(true);
  });

  it('refuses a CSV list without an identifier column, naming --input', async () => {
    const { code, stderr } = await auditInProcess(['--input', list('names.csv', 'name,country\nContoso,PT\n'), '--regions', 'EUROPE']);
    expect(code).toBe(64);
    expect(stderr).toMatch(/^audit: --input: its header \(line 1\) names no mpnId or tenantId column: name,country\n$/m);
  });

  it('refuses a bad configuration with exit 78, naming the key', async () => {
    const { code, stderr } = await auditInProcess(['--input', input, '--regions', 'EUROPE'], { env: { MPA_UPSTREAM_CONCURRENCY: 'lots' } });
    expect(code).toBe(78);
    expect(stderr).toContain('limits.upstreamConcurrency');
  });

  it('prints its usage with --help and exits 0', async () => {
    const { code, stdout } = await auditInProcess(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: npm run audit -- --regions/);
  });
});

describe('npm run audit against Partner Center (the emulator)', () => {
  jest.setTimeout(60_000);
  const emulator = useEmulator();
  const env = (config = {}) => emulatorEnvironment(folder, emulator(), ['UNITED_STATES', 'EUROPE'], config);

  it('reports bad lines with their line numbers and sends none of them upstream', async () => {
    const input = list(
      'bad.jsonl',
      [
        '{"mpnId": "12ab"}',
        '',
        '{"tenantId": "nope"}',
        '{"mpnId": 1000001, "tenantId": "00000000-0000-0000-0000-000001000001"}',
        '{}',
        '{"mpnId": ',
        '[1]',
      ].join('\n'),
    );
    const { code, stdout, stderr } = await auditInProcess(['--input', input, '--regions', 'UNITED_STATES,EUROPE', '--format', 'json'], {
      env: env(),
    });
    expect(emulator().callCount()).toBe(0);
    expect(code).toBe(1);
    const records = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records.map((r) => `${r.line} ${r.region} ${r.outcome} ${r.checks[0]?.reason ?? '-'}`)).toEqual([
      '1 UNITED_STATES BAD_INPUT MPN_ID_NOT_NUMERIC',
      '1 EUROPE BAD_INPUT MPN_ID_NOT_NUMERIC',
      '3 UNITED_STATES BAD_INPUT TENANT_ID_NOT_GUID',
      '3 EUROPE BAD_INPUT TENANT_ID_NOT_GUID',
      '4 UNITED_STATES BAD_INPUT BOTH_IDS_GIVEN',
      '4 EUROPE BAD_INPUT BOTH_IDS_GIVEN',
      '5 UNITED_STATES BAD_INPUT NO_ID_GIVEN',
      '5 EUROPE BAD_INPUT NO_ID_GIVEN',
      '6 UNITED_STATES BAD_INPUT -',
      '6 EUROPE BAD_INPUT -',
      '7 UNITED_STATES BAD_INPUT -',
      '7 EUROPE BAD_INPUT -',
    ]);
    expect(records[8].inputProblem).toMatch(/^not valid JSON \(/);
    expect(records[10].inputProblem).toBe('not a JSON object');
    expect(stderr).toContain(
      '  bad input lines (never sent to Partner Center): 6\n    line 1: mpnId must be a positive whole number no larger than 2147483647.\n',
    );
    expect(stderr).toMatch(/\n {4}line 6: not valid JSON \(.*\)\n {4}and 1 more in the report\n/);
  });

  it('asks Partner Center once per distinct (reseller, region), whatever the duplicates in the list', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => String(30_000_000 + (i % 20)));
    const tenants = ['00000000-0000-0000-0000-000030000000', '{00000000-0000-0000-0000-000030000000}'];
    const input = list('dupes.csv', `mpnId,tenantId\n${ids.map((id) => `${id},`).join('\n')}\n${tenants.map((t) => `,${t}`).join('\n')}\n`);
    const { code, stdout } = await auditInProcess(['--input', input, '--regions', 'UNITED_STATES,EUROPE'], { env: env() });
    expect(code).toBe(1);
    expect(parse(stdout, { columns: true })).toHaveLength(64);
    expect(emulator().callCount()).toBe(2 * 21);
  });

  it.each([
    [0, ['1000001'], 'UNITED_STATES'],
    [1, ['1000001', '1000002'], 'UNITED_STATES'],
    [2, ['1000001', '1000002', '1000500'], 'UNITED_STATES'],
  ])('exits %i for %j', async (expected, ids, region) => {
    const { code, stderr } = await auditInProcess(['--input', list(`exit-${expected}.csv`, mpnIdList(ids)), '--regions', region], {
      env: env({ resilience: { maxAttempts: 1 } }),
    });
    expect(code).toBe(expected);
    expect(stderr).toContain(`  exit ${expected}: `);
  });

  it('reads the list from standard input', async () => {
    const { code, stdout } = await auditInProcess(['--regions', 'UNITED_STATES', '--format', 'json'], {
      env: env(),
      stdin: '{"mpnId": "1000001"}\n{"mpnId": "1000002"}\n',
    });
    expect(code).toBe(1);
    expect(
      stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line).checks[0].status),
    ).toEqual(['MpaSigned', 'MpaNotSigned']);
  });

  it('reads lists that start with a byte-order mark, and semicolon-separated CSV', async () => {
    const jsonLines = await auditInProcess(['--regions', 'UNITED_STATES', '--format', 'json'], {
      env: env(),
      stdin: '\uFEFF{"mpnId": "1000001"}\n',
    });
    expect(jsonLines.code).toBe(0);
    const csv = await auditInProcess(['--regions', 'UNITED_STATES', '--format', 'json'], {
      env: env(),
      stdin: '\uFEFFName;MPN ID\n"Contoso; Lda";1000002\n',
    });
    expect(csv.code).toBe(1);
    expect(JSON.parse(csv.stdout)).toMatchObject({
      line: 2,
      mpnId: '1000002',
      checks: [
        { check: 'agreement', status: 'MpaNotSigned' },
        { check: 'relationship', status: 'MpaRelationshipActive' },
        { check: 'partnerOfRecord', status: 'MpaPartnerOfRecordValid' },
      ],
    });
  });

  it('counts a fail-open "may submit" as not checked: the agreement was never confirmed', async () => {
    const { code, stdout } = await auditInProcess(
      ['--input', list('open.csv', mpnIdList(['1000503'])), '--regions', 'UNITED_STATES', '--format', 'json'],
      {
        env: env({ failPolicy: 'open', resilience: { maxAttempts: 1 } }),
      },
    );
    expect(code).toBe(2);
    const [record] = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(record).toMatchObject({ outcome: 'NOT_CHECKED', canSubmit: true, verified: false });
    expect(record.checks[0].guidance.headline).toBe('Order allowed without an agreement check');
  });

  it('files a line with a definite failure as needing action, listing the check that could not be made as well', async () => {
    // The reseller has not signed (a definite answer); the region's reseller list cannot be had.
    emulator().faults.setForRelationships({ failure: { type: 'status', status: 503 } });
    const { code, stdout, stderr } = await auditInProcess(
      ['--input', list('mixed.csv', mpnIdList(['1000002'])), '--regions', 'UNITED_STATES', '--format', 'json'],
      {
        env: env({ resilience: { maxAttempts: 1 } }),
      },
    );
    expect(code).toBe(1);
    const [record] = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(record).toMatchObject({
      outcome: 'NEEDS_ACTION',
      canSubmit: false,
      checks: [
        { check: 'agreement', result: 'failed', status: 'MpaNotSigned' },
        { check: 'relationship', result: 'notChecked', status: 'MpaRelationshipUnknown' },
        { check: 'partnerOfRecord' },
      ],
    });
    expect(stderr).toContain('needs action 1 · could not be checked 0');
  });

  it('prints plain progress lines when not on a terminal', async () => {
    emulator().faults.setGlobal({ latencyMs: 100 });
    const ids = Array.from({ length: 24 }, (_, i) => String(31_000_000 + i));
    const { code, stderr } = await auditInProcess(
      [
        '--input',
        list('slow.csv', mpnIdList(ids)),
        '--regions',
        'UNITED_STATES',
        '--log-every',
        '0.2',
        '--out',
        path.join(folder, 'slow-report.csv'),
      ],
      {
        env: env({ limits: { upstreamConcurrency: 2, upstreamConcurrencyMin: 2, upstreamConcurrencyMax: 2 } }),
      },
    );
    expect(code).toBe(1);
    const lines = stderr.split('\n');
    expect(lines[0]).toBe('audit: checking 24 lines');
    const periodic = lines.filter((line) =>
      /^audit: \d+ of 24 lines \(\d+ %\), \d+ lines\/s(, about \d+ s left)?; answers: may order 0 · needs action \d+ · could not be checked 0 · bad input 0$/.test(
        line,
      ),
    );
    expect(periodic.length).toBeGreaterThanOrEqual(3);
    expect(periodic[periodic.length - 1]).toMatch(/^audit: 24 of 24 lines \(100 %\)/);
    expect(stderr).not.toContain('\u001b[');
    expect(stderr).toContain(
      '  Partner Center: 24 calls (retries included); 0 answers from the status cache; concurrency limit reached: UNITED_STATES 2 (mean 2)\n',
    );
  });
});
