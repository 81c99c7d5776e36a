import fs, { WriteStream, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { auditInProcess, scratchFolder } from '../../support/audit-runner';

const createWriteStreamAsIs = fs.createWriteStream;

/**
 * Every outcome, from the sandbox's test identifiers (docs/partner-center.md), asked for two regions: what
 * each (line, region) must come to in every format.
 */
const LIST = [
  'mpnId,tenantId,name',
  '1000001,,signed for United States',
  '1000002,,not signed',
  ',00000000-0000-0000-0000-000001000002,tenant not signed',
  '1000003,,belongs to Europe',
  '1000004,,not migrated',
  '1000005,,not an indirect reseller',
  ',00000000-0000-0000-0000-000009999999,unknown tenant',
  '1000777,,an answer this version does not know',
  '1000500,,server error',
  '1000999,,an HTML page',
  'abc,,not an MPN ID',
  ',not-a-guid,not a GUID',
  '1000001,00000000-0000-0000-0000-000001000001,both',
  ',,neither',
].join('\n');

/** line → region → [outcome, status, code or reason]. */
const EXPECTED: Record<number, Record<string, [string, string, string]>> = {
  2: { UNITED_STATES: ['MAY_ORDER', 'MpaSigned', ''], EUROPE: ['NEEDS_ACTION', 'MpaCspRegionMismatch', '2201'] },
  3: { UNITED_STATES: ['NEEDS_ACTION', 'MpaNotSigned', '2203'], EUROPE: ['NEEDS_ACTION', 'MpaCspRegionMismatch', '2201'] },
  4: { UNITED_STATES: ['NEEDS_ACTION', 'MpaTenantNotSigned', '2206'], EUROPE: ['NEEDS_ACTION', 'MpaTenantNotSigned', '2206'] },
  5: { UNITED_STATES: ['NEEDS_ACTION', 'MpaCspRegionMismatch', '2201'], EUROPE: ['MAY_ORDER', 'MpaSigned', ''] },
  6: { UNITED_STATES: ['NEEDS_ACTION', 'MpaMpnIdNotRecognized', '2200'], EUROPE: ['NEEDS_ACTION', 'MpaMpnIdNotRecognized', '2200'] },
  7: { UNITED_STATES: ['NEEDS_ACTION', 'MpaNotIndirectReseller', '2204'], EUROPE: ['NEEDS_ACTION', 'MpaNotIndirectReseller', '2204'] },
  8: { UNITED_STATES: ['NEEDS_ACTION', 'MpaTenantNotFound', '2205'], EUROPE: ['NEEDS_ACTION', 'MpaTenantNotFound', '2205'] },
  9: { UNITED_STATES: ['NEEDS_ACTION', 'MpaUnrecognizedAnswer', '2299'], EUROPE: ['NEEDS_ACTION', 'MpaUnrecognizedAnswer', '2299'] },
  // In Europe these resellers have no relationship: a definite failure, whatever the agreement check could not tell.
  10: {
    UNITED_STATES: ['NOT_CHECKED', 'MpaPartnerCenterUnavailable', 'SERVER_ERROR'],
    EUROPE: ['NEEDS_ACTION', 'MpaPartnerCenterUnavailable', 'SERVER_ERROR'],
  },
  11: {
    UNITED_STATES: ['NOT_CHECKED', 'MpaPartnerCenterUnavailable', 'MALFORMED_RESPONSE'],
    EUROPE: ['NEEDS_ACTION', 'MpaPartnerCenterUnavailable', 'MALFORMED_RESPONSE'],
  },
  12: {
    UNITED_STATES: ['BAD_INPUT', 'MpaInvalidResellerId', 'MPN_ID_NOT_NUMERIC'],
    EUROPE: ['BAD_INPUT', 'MpaInvalidResellerId', 'MPN_ID_NOT_NUMERIC'],
  },
  13: {
    UNITED_STATES: ['BAD_INPUT', 'MpaInvalidResellerId', 'TENANT_ID_NOT_GUID'],
    EUROPE: ['BAD_INPUT', 'MpaInvalidResellerId', 'TENANT_ID_NOT_GUID'],
  },
  14: {
    UNITED_STATES: ['BAD_INPUT', 'MpaInvalidResellerId', 'BOTH_IDS_GIVEN'],
    EUROPE: ['BAD_INPUT', 'MpaInvalidResellerId', 'BOTH_IDS_GIVEN'],
  },
  15: { UNITED_STATES: ['BAD_INPUT', 'MpaInvalidResellerId', 'NO_ID_GIVEN'], EUROPE: ['BAD_INPUT', 'MpaInvalidResellerId', 'NO_ID_GIVEN'] },
};

const expectedRows = () =>
  Object.entries(EXPECTED).flatMap(([line, regions]) =>
    ['EUROPE', 'UNITED_STATES'].map((region) => [Number(line), region, ...regions[region]].join(' ')),
  );

const ARGS = ['--regions', 'EUROPE,UNITED_STATES'];

describe('npm run audit: every outcome in every format (sandbox)', () => {
  jest.setTimeout(60_000);
  const folder = scratchFolder();
  const input = path.join(folder, 'resellers.csv');
  beforeAll(() => writeFileSync(input, LIST));

  it('writes one CSV row per line and region, in input order, with the order form’s answer, and exits 2', async () => {
    const { code, stdout, stderr } = await auditInProcess(['--input', input, ...ARGS, '--locale', 'pt-PT']);
    expect(code).toBe(2);
    expect(stderr).toContain('SANDBOX MODE');
    const rows = parse<Record<string, string>>(stdout, { columns: true });
    const seen = rows.map((row) =>
      [Number(row.line), row.region, row.outcome, row.agreementStatus, row.agreementCode || row.agreementReason].join(' '),
    );
    expect(seen).toEqual(expectedRows());

    const notSigned = rows.find((row) => row.line === '3' && row.region === 'UNITED_STATES')!;
    expect(notSigned).toMatchObject({ mpnId: '1000002', tenantId: '', canSubmit: 'false', retryable: 'false', verified: 'true' });
    expect(notSigned.agreementHeadline).toBe('Contrato de Parceiro por aceitar na região Estados Unidos');
    expect(notSigned.agreementSteps.split('\n')).toEqual([
      '1. Inicie sessão no Partner Center com a conta do revendedor (MPN ID 1000002).',
      '2. Aceite o Contrato de Parceiro Microsoft para a região Estados Unidos.',
      '3. Volte a esta encomenda e submeta-a novamente.',
    ]);
    expect(notSigned.agreementCorrelationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(notSigned.agreementCheckedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const signed = rows.find((row) => row.line === '2' && row.region === 'UNITED_STATES')!;
    expect(signed).toMatchObject({ canSubmit: 'true', agreementHeadline: '', agreementSteps: '' });
    // The partner-of-record check has its own columns, with Microsoft's code and description verbatim.
    expect(signed).toMatchObject({
      partnerOfRecordResult: 'passed',
      partnerOfRecordStatus: 'MpaPartnerOfRecordValid',
      partnerOfRecordCode: '',
      partnerOfRecordHeadline: '',
    });
    const notOnRecord = rows.find((row) => row.line === '6' && row.region === 'UNITED_STATES')!;
    expect(notOnRecord).toMatchObject({
      partnerOfRecordResult: 'failed',
      partnerOfRecordStatus: 'MpaPartnerIdNotValidOnRecord',
      partnerOfRecordCode: '900400',
      partnerOfRecordDescription: 'The PLA ID (formerly MPN ID) is not valid on record as an authorized indirect reseller.',
      partnerOfRecordHeadline: 'Revendedor não válido como parceiro registado',
      partnerOfRecordLearnMoreUrl: 'https://learn.microsoft.com/partner-center/developer/validate-reseller-partner-of-record',
    });
    expect(notOnRecord.partnerOfRecordCorrelationId).toMatch(/^[0-9a-f-]{36}$/);
    const unavailable = rows.find((row) => row.line === '10' && row.region === 'EUROPE')!;
    expect(unavailable).toMatchObject({ canSubmit: 'false', retryable: 'true' });
    const bad = rows.find((row) => row.line === '12')!;
    expect(bad).toMatchObject({
      mpnId: 'abc',
      agreementCorrelationId: '',
      inputProblem: 'mpnId must be a positive whole number no larger than 2147483647.',
    });

    expect(stderr).toContain(
      [
        '  bad input lines (never sent to Partner Center): 4',
        '    line 12: mpnId must be a positive whole number no larger than 2147483647.',
        '    line 13: tenantId must be a GUID such as 00000000-0000-0000-0000-000000000000.',
        '    line 14: Pass either mpnId or tenantId, not both.',
        '    line 15: Pass an mpnId or a tenantId.',
        '  Partner Center: ',
      ].join('\n'),
    );
    expect(stderr).toContain('exit 2: some answers could not be checked');
  });

  it('writes the same answers as JSON lines, with the guidance in full', async () => {
    const out = path.join(folder, 'report.jsonl');
    const { code } = await auditInProcess(['--input', input, ...ARGS, '--format', 'json', '--out', out]);
    expect(code).toBe(2);
    const records = readFileSync(out, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    const seen = records.map((r) =>
      [r.line, r.region, r.outcome, r.checks[0].status, r.checks[0].code ?? r.checks[0].reason ?? ''].join(' '),
    );
    expect(seen).toEqual(expectedRows());
    const mismatch = records.find((r) => r.line === 5 && r.region === 'UNITED_STATES');
    expect(mismatch.checks[0]).toMatchObject({
      check: 'agreement',
      result: 'failed',
      status: 'MpaCspRegionMismatch',
      code: '2201',
      guidance: { headline: 'This MPN ID belongs to another CSP region', locale: 'en-US', mayTakeTimeToUpdate: true },
    });
    // The guidance asked the other regions, as the order form does, and names the reseller's own.
    expect(mismatch.checks[0].guidance.whatItMeans).toContain('belongs to Europe');
    expect(records.find((r) => r.line === 2 && r.region === 'UNITED_STATES').checks[0].guidance).toBeNull();
    expect(records.find((r) => r.line === 2 && r.region === 'UNITED_STATES').checks.map((check: { check: string }) => check.check)).toEqual(
      ['agreement', 'relationship', 'partnerOfRecord'],
    );
    expect(records.find((r) => r.line === 7 && r.region === 'EUROPE').checks[2]).toMatchObject({
      check: 'partnerOfRecord',
      result: 'failed',
      status: 'MpaPartnerIdNotValidOnRecord',
      code: '900400',
      description: 'The PLA ID (formerly MPN ID) is not valid on record as an authorized indirect reseller.',
      guidance: { headline: 'Reseller not valid as partner of record', locale: 'en-US' },
    });
  });

  it('renders HTML from streamed JSON lines: a summary per region, a chart, and the answers grouped by what to do', async () => {
    const out = path.join(folder, 'report.html');
    // 17 groups are copied into the page: none may leave its listeners on the page's stream.
    const opened: WriteStream[] = [];
    const createWriteStream = jest.spyOn(fs, 'createWriteStream');
    createWriteStream.mockImplementation((file, options) => {
      const stream = createWriteStreamAsIs(file, options);
      if (file === out) opened.push(stream);
      return stream;
    });
    const { code, stdout } = await auditInProcess(['--input', input, ...ARGS, '--out', out]).finally(() => createWriteStream.mockRestore());
    expect(opened).toHaveLength(1);
    for (const event of ['error', 'close', 'finish', 'end']) expect(opened[0].listenerCount(event)).toBeLessThan(5);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const page = readFileSync(out, 'utf8');
    expect(readFileSync(`${out}.jsonl`, 'utf8').trimEnd().split('\n')).toHaveLength(28);
    // Per region: may order, needs action, could not be checked, bad input.
    expect(page).toMatch(
      /<tr><th>Europe<\/th><td class="n" data-outcome="NEEDS_ACTION">9<\/td><td class="n" data-outcome="NOT_CHECKED">0<\/td><td class="n" data-outcome="BAD_INPUT">4<\/td><td class="n" data-outcome="MAY_ORDER">1<\/td><td class="n">14<\/td><\/tr>/,
    );
    expect(page).toMatch(
      /<tr><th>United States<\/th><td class="n" data-outcome="NEEDS_ACTION">7<\/td><td class="n" data-outcome="NOT_CHECKED">2<\/td><td class="n" data-outcome="BAD_INPUT">4<\/td><td class="n" data-outcome="MAY_ORDER">1<\/td>/,
    );
    expect(page).toContain('<svg id="outcomes-chart"');
    expect(page).toContain('data-region="EUROPE" data-outcome="NEEDS_ACTION" data-count="9"');
    expect(page).toContain('Sandbox mode');
    // Nothing to load: no script, and the only addresses are learn-more links and the SVG namespace.
    expect(page).not.toContain('<script');
    expect(page.replace(/ href="https:\/\/[^"]+">Learn more</g, '').replace(' xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(
      /https?:\/\//,
    );
    const groups = [...page.matchAll(/<section class="group" data-outcome="(\w+)"><h3>([^<]*)<\/h3><p class="muted">(\d+) answer/g)].map(
      (m) => `${m[1]} ${m[3]} ${m[2]}`,
    );
    // The partner-of-record check groups too: resellers without a relationship in a region.
    expect(groups).toEqual([
      'NEEDS_ACTION 9 No reseller relationship with us in Europe',
      'NEEDS_ACTION 4 No reseller relationship with us in United States',
      // Microsoft's verdict on 1000004 and 1000005, in both regions.
      'NEEDS_ACTION 4 Reseller not valid as partner of record',
      'NEEDS_ACTION 3 This MPN ID belongs to another CSP region',
      // Tenant IDs no reseller list gives a PLA ID for.
      'NEEDS_ACTION 3 Partner of record not checked',
      'NEEDS_ACTION 2 Partner Agreement not yet accepted',
      'NEEDS_ACTION 2 MPN ID not recognised',
      'NEEDS_ACTION 2 Not enrolled as a CSP indirect reseller',
      'NEEDS_ACTION 2 No Partner Center account for this tenant',
      'NEEDS_ACTION 2 The agreement could not be confirmed',
      'NEEDS_ACTION 2 Please try again shortly',
      'NEEDS_ACTION 1 Partner Agreement not yet accepted for United States',
      'NOT_CHECKED 2 Please try again shortly',
      'BAD_INPUT 2 Check the MPN ID',
      'BAD_INPUT 2 Check the tenant ID',
      'BAD_INPUT 2 One identifier, please',
      'BAD_INPUT 2 Reseller identifier missing',
    ]);
  });

  it('escapes what comes from the input in the page', async () => {
    const hostile = path.join(folder, 'hostile.jsonl');
    writeFileSync(hostile, '{"mpnId": "<img src=x onerror=alert(1)>"}\n{"tenantId": "</td><script>alert(2)</script>"}\n');
    const out = path.join(folder, 'hostile.html');
    const { code } = await auditInProcess(['--input', hostile, '--regions', 'EUROPE', '--out', out]);
    expect(code).toBe(1);
    const page = readFileSync(out, 'utf8');
    expect(page).toContain('MPN ID &lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('tenant ID &lt;/td&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<script');
  });

  it('shows both identifiers of a line that gave both', async () => {
    const page = readFileSync(path.join(folder, 'report.html'), 'utf8');
    expect(page).toContain('<td class="n">14</td><td>MPN ID 1000001, tenant ID 00000000-0000-0000-0000-000001000001</td>');
  });
});
