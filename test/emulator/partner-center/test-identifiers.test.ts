import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TEST_RESELLERS, nameOf, relationshipsOf, sandboxTenantId } from '../../../src/emulator/partner-center/emulated-world';
import { CSP_REGIONS, CSP_REGION_NAMES } from '../../../src/partner-center/csp-region';
import { SANDBOX_REGIONS } from '../../../src/compose/sandbox';
import { Gateway } from '../../../src/compose/gateway';
import { execute, startSandboxGateway } from '../../support/sandbox-gateway';

const STATUS = `query ($mpnId: ID, $tenantId: ID, $region: CspRegion!) { reseller(mpnId: $mpnId, tenantId: $tenantId) {
  mpaStatus(region: $region) {
    __typename
    ... on MpaPartnerCenterError { code httpStatus }
    ... on MpaCspRegionMismatch { resellerRegion }
    ... on MpaPartnerCenterUnavailable { reason retryAfterSeconds httpStatus }
  }
} }`;

/** The test identifier table's section of docs/partner-center.md, where README sends its readers. */
function identifierSection(): string {
  const page = readFileSync(path.join(__dirname, '../../../docs/partner-center.md'), 'utf8');
  const start = page.indexOf('\n## Test identifiers');
  const end = page.indexOf('\n## The emulator', start);
  if (start < 0 || end < 0) throw new Error('docs/partner-center.md has no "Test identifiers" section before "The emulator"');
  return page.slice(start, end);
}

/** The MPN IDs in the first column of the test identifier table, in order. */
function documentedIdentifiers(): string[] {
  const section = identifierSection();
  return [...section.matchAll(/^\| ([\d /]+) \|/gm)].flatMap((row) => row[1].split(' / ').map((id) => id.trim()));
}

/** The table's rows as (MPN IDs, names: relationship) pairs. */
function documentedRelationshipColumn(): Array<{ mpnIds: string[]; names: string[]; relationship: string }> {
  const section = identifierSection();
  return [...section.matchAll(/^\| ([\d /]+) \| .* \| ([^|]+): ([^|:]+) \|$/gm)].map((row) => ({
    mpnIds: row[1].split(' / ').map((id) => id.trim()),
    names: row[2].split(' / ').map((name) => name.trim()),
    relationship: row[3].trim(),
  }));
}

/** The table's rows as (MPN IDs, partner-of-record column) pairs: the column before the names. */
function documentedPartnerOfRecordColumn(): Array<{ mpnIds: string[]; verdict: string }> {
  const section = identifierSection();
  return [...section.matchAll(/^\| ([\d /]+) \| .* \| ([^|]+) \| [^|]+ \|$/gm)].map((row) => ({
    mpnIds: row[1].split(' / ').map((id) => id.trim()),
    verdict: row[2].trim(),
  }));
}

/** The same unavailable answer from three regions (three accounts, asked together), by MPN ID and by tenant ID. */
async function expectUnavailableEverywhere(on: Gateway, mpnId: string, fields: Record<string, unknown>): Promise<void> {
  const ask = async (variables: Record<string, string>) => (await execute(on, STATUS, variables)).data!.reseller.mpaStatus;
  const expected = { __typename: 'MpaPartnerCenterUnavailable', ...fields };
  const [unitedStates, japan, europe] = await Promise.all([
    ask({ mpnId, region: 'UNITED_STATES' }),
    ask({ mpnId, region: 'JAPAN' }),
    ask({ tenantId: sandboxTenantId(mpnId), region: 'EUROPE' }),
  ]);
  expect(unitedStates).toEqual(expected);
  expect(japan).toEqual(expected);
  expect(europe).toEqual(expected);
}

const REGION_BY_NAME = new Map(CSP_REGIONS.map((region) => [CSP_REGION_NAMES[region], region]));

describe('The documented test identifiers (docs/partner-center.md), asked through the sandbox', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    // Every identifier here answers; a busy machine must not turn a slow answer into TIMEOUT.
    // 1000408, which never answers, has its own gateway below.
    gateway = await startSandboxGateway({ partnerCenter: { timeoutMs: 60_000 }, resilience: { operationDeadlineMs: 120_000 } });
  });
  afterAll(() => gateway.stop());

  const byMpnId = async (mpnId: string, region: string) => (await execute(gateway, STATUS, { mpnId, region })).data!.reseller.mpaStatus;
  const byTenantId = async (mpnId: string, region: string) =>
    (await execute(gateway, STATUS, { tenantId: sandboxTenantId(mpnId), region })).data!.reseller.mpaStatus;
  const mismatch = (resellerRegion: string | null) => ({
    __typename: 'MpaCspRegionMismatch',
    code: '2201',
    httpStatus: 400,
    resellerRegion,
  });
  const tenantNotSigned = { __typename: 'MpaTenantNotSigned', code: '2206', httpStatus: 400 };
  const tenantNotFound = { __typename: 'MpaTenantNotFound', code: '2205', httpStatus: 400 };

  it('lists every identifier the emulator has, and no other', () => {
    expect(documentedIdentifiers().sort()).toEqual(TEST_RESELLERS.map((r) => r.mpnId).sort());
  });

  it('answers 2201 with resellerRegion UNITED_STATES for a United States MPN ID asked from elsewhere, and 2206 for its tenant ID', async () => {
    for (const mpnId of ['1000001', '1000002', '1000006', '1000007']) {
      expect(await byMpnId(mpnId, 'CANADA')).toEqual(mismatch('UNITED_STATES'));
      expect(await byTenantId(mpnId, 'CANADA')).toEqual(tenantNotSigned);
    }
  });

  it('has a name and relationship column that says what the emulator lists, row by row', async () => {
    const rows = documentedRelationshipColumn();
    expect(rows.flatMap((row) => row.mpnIds).sort()).toEqual(TEST_RESELLERS.map((r) => r.mpnId).sort());
    for (const row of rows) {
      for (const [index, mpnId] of row.mpnIds.entries()) {
        const reseller = TEST_RESELLERS.find((r) => r.mpnId === mpnId)!;
        expect([mpnId, row.names[index]]).toEqual([mpnId, nameOf(reseller)]);
        const relationships = Object.entries(relationshipsOf(reseller));
        const match = /^(active|[A-Z]\w+) with (.+)$/.exec(row.relationship);
        if (!match) {
          expect([mpnId, row.relationship, relationships]).toEqual([mpnId, expect.stringMatching(/^none/), []]);
          expect(reseller.tenantId === undefined).toBe(row.relationship === 'none (no tenant)');
          continue;
        }
        const region = REGION_BY_NAME.get(match[2])!;
        expect([mpnId, relationships]).toEqual([mpnId, [[region, match[1] === 'active' ? 'Active' : match[1]]]]);
        if (!SANDBOX_REGIONS.includes(region)) continue;
        // And the sandbox reads it so: the name, and the relationship with that region's account.
        const answer = await execute(
          gateway,
          `query ($mpnId: ID) { reseller(mpnId: $mpnId) { name relationship(region: ${region}) { __typename ... on MpaListedRelationship { state } } } }`,
          { mpnId },
        );
        expect(answer.data!.reseller).toEqual({
          name: nameOf(reseller),
          relationship:
            match[1] === 'active'
              ? { __typename: 'MpaRelationshipActive', state: 'Active' }
              : { __typename: 'MpaRelationshipNotActive', state: match[1] },
        });
      }
    }
  });

  it('has a partner-of-record column that says what validateresellers answers, row by row, from two region accounts', async () => {
    const rows = documentedPartnerOfRecordColumn();
    expect(rows.flatMap((row) => row.mpnIds).sort()).toEqual(TEST_RESELLERS.map((r) => r.mpnId).sort());
    const expected = (verdict: string) =>
      verdict === 'valid'
        ? { __typename: 'MpaPartnerOfRecordValid' }
        : verdict.startsWith('not valid: 900400')
          ? { __typename: 'MpaPartnerIdNotValidOnRecord', errorCode: '900400' }
          : verdict.startsWith('not valid: 900777')
            ? { __typename: 'MpaPartnerOfRecordUndocumentedCode', errorCode: '900777' }
            : verdict.startsWith('left out of the answer')
              ? { __typename: 'MpaPartnerOfRecordUnrecognized' }
              : { unknownColumnText: verdict };
    for (const row of rows) {
      for (const mpnId of row.mpnIds) {
        const answer = await execute(
          gateway,
          `query ($mpnId: ID) { reseller(mpnId: $mpnId) { us: partnerOfRecord(region: UNITED_STATES) { ...verdict } eu: partnerOfRecord(region: EUROPE) { ...verdict } } }
           fragment verdict on MpaPartnerOfRecord { __typename ... on MpaPartnerIdNotValidOnRecord { errorCode } ... on MpaPartnerOfRecordUndocumentedCode { errorCode } }`,
          { mpnId },
        );
        expect([mpnId, answer.data!.reseller]).toEqual([mpnId, { us: expected(row.verdict), eu: expected(row.verdict) }]);
      }
    }
  });

  it('1000010 and 1000011: signed, but no relationship and a suspended one with the United States account', async () => {
    const relationship = async (mpnId: string) =>
      (
        await execute(
          gateway,
          '{ r: reseller(mpnId: "' +
            mpnId +
            '") { relationship(region: UNITED_STATES) { __typename } mpaStatus(region: UNITED_STATES) { __typename } } }',
        )
      ).data!.r;
    expect(await relationship('1000010')).toEqual({
      relationship: { __typename: 'MpaNoRelationship' },
      mpaStatus: { __typename: 'MpaSigned' },
    });
    expect(await relationship('1000011')).toEqual({
      relationship: { __typename: 'MpaRelationshipNotActive' },
      mpaStatus: { __typename: 'MpaSigned' },
    });
  });

  it('1000001: signed for United States, its tenant ID too', async () => {
    expect(await byMpnId('1000001', 'UNITED_STATES')).toEqual({ __typename: 'MpaSigned' });
    expect(await byTenantId('1000001', 'UNITED_STATES')).toEqual({ __typename: 'MpaSigned' });
  });

  it('1000002: 2203 (tenant ID: 2206)', async () => {
    expect(await byMpnId('1000002', 'UNITED_STATES')).toEqual({ __typename: 'MpaNotSigned', code: '2203', httpStatus: 400 });
    expect(await byTenantId('1000002', 'UNITED_STATES')).toEqual(tenantNotSigned);
  });

  it('1000003: belongs to Europe, 2201 from other regions, signed from EUROPE (its tenant ID too)', async () => {
    expect(await byMpnId('1000003', 'UNITED_STATES')).toEqual(mismatch('EUROPE'));
    expect(await byMpnId('1000003', 'EUROPE')).toEqual({ __typename: 'MpaSigned' });
    expect(await byTenantId('1000003', 'EUROPE')).toEqual({ __typename: 'MpaSigned' });
  });

  it('1000004: 2200, and it has no tenant ID (2205)', async () => {
    expect(await byMpnId('1000004', 'UNITED_STATES')).toEqual({ __typename: 'MpaMpnIdNotRecognized', code: '2200', httpStatus: 400 });
    expect(await byTenantId('1000004', 'UNITED_STATES')).toEqual(tenantNotFound);
  });

  it('1000005: 2204 (tenant ID: 2205)', async () => {
    expect(await byMpnId('1000005', 'UNITED_STATES')).toEqual({ __typename: 'MpaNotIndirectReseller', code: '2204', httpStatus: 400 });
    expect(await byTenantId('1000005', 'UNITED_STATES')).toEqual(tenantNotFound);
  });

  it('1000006: 200 isAgreementSigned false (tenant ID: 2206)', async () => {
    expect(await byMpnId('1000006', 'UNITED_STATES')).toEqual({ __typename: 'MpaNotSigned', code: null, httpStatus: 200 });
    expect(await byTenantId('1000006', 'UNITED_STATES')).toEqual(tenantNotSigned);
  });

  it('1000007: 2203 from UNITED_STATES; from EUROPE, where its only acceptance is, 2201 with resellerRegion UNITED_STATES', async () => {
    expect(await byMpnId('1000007', 'UNITED_STATES')).toEqual({ __typename: 'MpaNotSigned', code: '2203', httpStatus: 400 });
    expect(await byMpnId('1000007', 'EUROPE')).toEqual(mismatch('UNITED_STATES'));
    expect(await byTenantId('1000007', 'EUROPE')).toEqual(tenantNotSigned);
  });

  it('1000008: belongs to Brazil, 2201 with resellerRegion BRAZIL, signed from BRAZIL', async () => {
    expect(await byMpnId('1000008', 'UNITED_STATES')).toEqual(mismatch('BRAZIL'));
    expect(await byMpnId('1000008', 'BRAZIL')).toEqual({ __typename: 'MpaSigned' });
  });

  it('1000009: belongs to Australia, 2201 with resellerRegion null; AUSTRALIA itself is not configured', async () => {
    expect(await byMpnId('1000009', 'UNITED_STATES')).toEqual(mismatch(null));
    expect((await byMpnId('1000009', 'AUSTRALIA')).__typename).toBe('MpaRegionNotConfigured');
  });

  it.each([
    ['1000429', { reason: 'THROTTLED', retryAfterSeconds: 1, httpStatus: 429 }],
    ['1000500', { reason: 'SERVER_ERROR', retryAfterSeconds: null, httpStatus: 500 }],
    ['1000502', { reason: 'SERVER_ERROR', retryAfterSeconds: null, httpStatus: 502 }],
    ['1000504', { reason: 'SERVER_ERROR', retryAfterSeconds: null, httpStatus: 504 }],
    ['1000503', { reason: 'SERVER_ERROR', retryAfterSeconds: 10, httpStatus: 503 }],
    ['1000999', { reason: 'MALFORMED_RESPONSE', retryAfterSeconds: null, httpStatus: 200 }],
    ['1000401', { reason: 'CREDENTIALS_REJECTED', retryAfterSeconds: null, httpStatus: 401 }],
    ['1000403', { reason: 'CREDENTIALS_REJECTED', retryAfterSeconds: null, httpStatus: 403 }],
  ])('%s: Partner Center unavailable alike from every region, by MPN ID or tenant ID', async (mpnId, fields) => {
    await expectUnavailableEverywhere(gateway, mpnId, fields);
  });

  describe('with a short Partner Center timeout', () => {
    // Nothing else is asked here: 1000408 never answers, so any timeout is reached, however busy the machine.
    let hanging: Gateway;
    beforeAll(async () => {
      hanging = await startSandboxGateway({ partnerCenter: { timeoutMs: 500 }, resilience: { operationDeadlineMs: 60_000 } });
    });
    afterAll(() => hanging.stop());

    it('1000408: Partner Center unavailable alike from every region, by MPN ID or tenant ID', async () => {
      await expectUnavailableEverywhere(hanging, '1000408', { reason: 'TIMEOUT', retryAfterSeconds: null, httpStatus: null });
    });
  });

  it.each([
    ['1000123', { __typename: 'MpaNotSigned', code: '900123', httpStatus: 403 }],
    ['1000015', { __typename: 'MpaMpnIdNotRecognized', code: '800015', httpStatus: 404 }],
    ['1000016', { __typename: 'MpaNotIndirectReseller', code: '800016', httpStatus: 400 }],
    ['1000777', { __typename: 'MpaUnrecognizedAnswer', code: '2299', httpStatus: 400 }],
  ])('%s: the same answer from every region, by MPN ID or tenant ID', async (mpnId, expected) => {
    expect(await byMpnId(mpnId, 'UNITED_STATES')).toEqual(expected);
    expect(await byTenantId(mpnId, 'BRAZIL')).toEqual(expected);
  });
});
