import { identifierKey, parseResellerIdentifier } from '../../src/partner-center/reseller-identifier';

const kindOf = (input: Parameters<typeof parseResellerIdentifier>[0]) => {
  const check = parseResellerIdentifier(input);
  return check.ok ? check.identifier : check.outcome.kind;
};

describe('parseResellerIdentifier', () => {
  it('accepts an MPN ID and drops leading zeros', () => {
    expect(kindOf({ mpnId: '0001234567' })).toEqual({ kind: 'mpnId', value: '1234567' });
    expect(kindOf({ mpnId: 1234567 })).toEqual({ kind: 'mpnId', value: '1234567' });
  });

  it.each(['12a', '-5', '0', '1.5', '1e5', '2147483648', '99999999999999999999', ' ', '+5'])(
    'refuses the MPN ID %p as invalidMpnId (or missing when blank)',
    (mpnId) => {
      expect(kindOf({ mpnId })).toBe(mpnId.trim() === '' ? 'missingIdentifier' : 'invalidMpnId');
    },
  );

  it('accepts the largest 32-bit MPN ID', () => {
    expect(kindOf({ mpnId: '2147483647' })).toEqual({ kind: 'mpnId', value: '2147483647' });
  });

  it.each([
    'A2898E3A-06CA-454E-A0D0-C73B0EE36BBA',
    'a2898e3a06ca454ea0d0c73b0ee36bba',
    '{a2898e3a-06ca-454e-a0d0-c73b0ee36bba}',
    ' a2898e3a-06ca-454e-a0d0-c73b0ee36bba ',
  ])('normalises the tenant ID %p', (tenantId) => {
    expect(kindOf({ tenantId })).toEqual({ kind: 'tenantId', value: 'a2898e3a-06ca-454e-a0d0-c73b0ee36bba' });
  });

  it.each(['a2898e3a-06ca-454e-a0d0', 'zzzzzzzz-06ca-454e-a0d0-c73b0ee36bba', "1' OR '1'='1", '<script>'])(
    'refuses the tenant ID %p as invalidTenantId',
    (tenantId) => {
      expect(kindOf({ tenantId })).toBe('invalidTenantId');
    },
  );

  it('checks types before it checks for both, as Partner Center does', () => {
    expect(kindOf({ mpnId: 'x', tenantId: 'y' })).toBe('invalidMpnId');
    expect(kindOf({ mpnId: '1', tenantId: 'y' })).toBe('invalidTenantId');
    expect(kindOf({ mpnId: '1', tenantId: 'a2898e3a-06ca-454e-a0d0-c73b0ee36bba' })).toBe('bothIdentifiers');
    expect(kindOf({})).toBe('missingIdentifier');
    expect(kindOf({ mpnId: '', tenantId: null })).toBe('missingIdentifier');
  });

  it("marks a refusal as the gateway's own, never cached", () => {
    const check = parseResellerIdentifier({ mpnId: 'x' });
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.outcome).toMatchObject({ origin: 'gateway', cacheClass: 'never', retryable: false });
      expect(check.problem).toMatch(/mpnId/);
    }
  });

  it('gives equal identifiers one key', () => {
    const a = parseResellerIdentifier({ tenantId: 'A2898E3A06CA454EA0D0C73B0EE36BBA' });
    const b = parseResellerIdentifier({ tenantId: 'a2898e3a-06ca-454e-a0d0-c73b0ee36bba' });
    if (!a.ok || !b.ok) throw new Error('expected both to parse');
    expect(identifierKey(a.identifier)).toBe(identifierKey(b.identifier));
  });
});
