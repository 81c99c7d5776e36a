import { statusKey, storedStatusKey, tagOfStoredStatusKey } from '../../src/status-cache/status-key';

// Redis entries are found by these keys: a change here orphans every entry a running
// deployment has cached, so the format is pinned.
describe('statusKey', () => {
  it('names a (reseller, region) question by identifier kind, value and region', () => {
    expect(statusKey({ identifier: { kind: 'mpnId', value: '1234567' }, region: 'UNITED_STATES' })).toBe('mpnId:1234567@UNITED_STATES');
    expect(statusKey({ identifier: { kind: 'tenantId', value: '00000000-0000-0000-0000-000000000001' }, region: 'EUROPE' })).toBe(
      'tenantId:00000000-0000-0000-0000-000000000001@EUROPE',
    );
  });

  it('keeps an MPN ID and a tenant ID with the same text apart', () => {
    const region = 'UNITED_STATES' as const;
    expect(statusKey({ identifier: { kind: 'mpnId', value: 'x' }, region })).not.toBe(
      statusKey({ identifier: { kind: 'tenantId', value: 'x' }, region }),
    );
  });
});

describe('storedStatusKey', () => {
  it('puts the account identity tag first, and the tag is read back from it', () => {
    const stored = storedStatusKey('emulator-united_states-0123456789ab', {
      identifier: { kind: 'mpnId', value: '1000001' },
      region: 'UNITED_STATES',
    });
    expect(stored).toBe('emulator-united_states-0123456789ab:mpnId:1000001@UNITED_STATES');
    expect(tagOfStoredStatusKey(stored)).toBe('emulator-united_states-0123456789ab');
  });
});
