import { Gateway } from '../../../src/compose/gateway';
import { SANDBOX_REGIONS } from '../../../src/compose/sandbox';
import { Emulator } from '../../../src/emulator/partner-center/emulator-server';
import { execute, startSandboxGateway } from '../../support/sandbox-gateway';

const CART = `query ($orders: [MpaOrderLineInput!]!) { orderEligibilities(orders: $orders) {
  canSubmit checks { __typename passed } reseller { name }
} }`;

/** 500 lines over 50 distinct resellers: listed test identifiers and unknown MPN IDs, in two regions. */
const DISTINCT = [
  ...['1000001', '1000002', '1000006', '1000007', '1000010', '1000011'].map((mpnId) => ({ mpnId, region: 'UNITED_STATES' })),
  { mpnId: '1000003', region: 'EUROPE' },
  ...Array.from({ length: 43 }, (_, i) => ({ mpnId: String(6_000_000 + i), region: 'UNITED_STATES' })),
];
const LINES = Array.from({ length: 500 }, (_, i) => ({ lineId: `line-${i}`, ...DISTINCT[i % DISTINCT.length] }));

/** Listings asked (first pages) per region. */
const listings = (emulator: Emulator) => {
  const counts: Record<string, number> = {};
  for (const call of emulator.relationshipsCalls()) if (call.page === 0) counts[call.region!] = (counts[call.region!] ?? 0) + 1;
  return counts;
};

describe('Upstream calls of the relationship check', () => {
  let both: Gateway;
  let agreementOnly: Gateway;
  beforeAll(async () => {
    [both, agreementOnly] = await Promise.all([
      // The partner-of-record verdict is counted in its own suite (test/partner-of-record).
      startSandboxGateway({ relationships: { forcedRefreshCooldownSeconds: 0 }, checks: { partnerOfRecord: 'off' } }),
      startSandboxGateway({ checks: { relationship: 'off', partnerOfRecord: 'off' } }),
    ]);
    await Promise.all([both, agreementOnly].map((gateway) => gateway.services.directories.loaded()));
  });
  afterAll(() => Promise.all([both, agreementOnly].map((gateway) => gateway.stop())));

  it("fetches each account's list once at start, every page of it", () => {
    expect(listings(both.emulator!)).toEqual(Object.fromEntries(SANDBOX_REGIONS.map((region) => [region, 1])));
    // 19 United States resellers in pages of 10.
    expect(
      both
        .emulator!.relationshipsCalls()
        .filter((call) => call.region === 'UNITED_STATES')
        .map((call) => call.page),
    ).toEqual([0, 1]);
  });

  it('asks no list for a 500-line cart, and no more agreement calls than the agreement check alone', async () => {
    const pagesBefore = both.emulator!.relationshipsCalls().length;
    both.emulator!.clearCalls();
    agreementOnly.emulator!.clearCalls();
    const [withBoth, alone] = await Promise.all([execute(both, CART, { orders: LINES }), execute(agreementOnly, CART, { orders: LINES })]);
    expect(withBoth.errors).toBeUndefined();
    expect(alone.errors).toBeUndefined();
    expect(both.emulator!.relationshipsCalls()).toHaveLength(0);
    expect(both.emulator!.callCount()).toBe(DISTINCT.length);
    expect(agreementOnly.emulator!.callCount()).toBe(DISTINCT.length);
    expect(pagesBefore).toBeGreaterThan(0);

    const lines = withBoth.data!.orderEligibilities;
    expect(lines).toHaveLength(500);
    expect(lines[0]).toEqual({
      canSubmit: true,
      reseller: { name: 'Northwind Traders' },
      checks: [
        { __typename: 'MpaAgreementCheck', passed: true },
        { __typename: 'MpaRelationshipCheck', passed: true },
      ],
    });
    expect(lines[4]).toMatchObject({ canSubmit: false, checks: [{ passed: true }, { passed: false }] });
    // Lines only the relationship blocks: the agreement alone would have let them through.
    const blockedByRelationshipAlone = lines.filter(
      (line: { canSubmit: boolean }, i: number) => !line.canSubmit && alone.data!.orderEligibilities[i].canSubmit,
    );
    expect(blockedByRelationshipAlone).toHaveLength(20); // 1000010 and 1000011, 10 lines each
  });

  it('asks for one list per refreshed account, however many orders come after', async () => {
    both.emulator!.clearCalls();
    const refreshed = await execute(both, 'mutation { refreshResellerDirectory(region: UNITED_STATES) { status } }');
    expect(refreshed.data!.refreshResellerDirectory.status).toBe('READY');
    expect(listings(both.emulator!)).toEqual({ UNITED_STATES: 1 });
    // A scheduled refresh of a fresh list asks nothing.
    await both.services.directories.refresh('EUROPE');
    expect(listings(both.emulator!)).toEqual({ UNITED_STATES: 1 });
    both.emulator!.clearCalls();
    for (let i = 0; i < 3; i += 1) await execute(both, CART, { orders: LINES.slice(0, 100) });
    expect(both.emulator!.relationshipsCalls()).toHaveLength(0);
  });
});
