import { createGatewayContext } from '../../src/graphql/gateway-context';
import { GatewayServices } from '../../src/operation/operation-context';
import { gatewayOutcome } from '../../src/partner-center/outcome/outcome-table';
import { CheckOptions, StatusChecker } from '../../src/partner-center/status-checker';
import type { RelationshipDirectories } from '../../src/relationship-directory/relationship-directories';

/** A checker that answers at once and records the options of every question. */
function recordingChecker(): StatusChecker & { readonly asked: CheckOptions[] } {
  const asked: CheckOptions[] = [];
  return {
    asked,
    configuredRegions: ['UNITED_STATES', 'EUROPE'],
    isConfigured: () => true,
    check: (_identifier, _region, options = {}) => {
      asked.push(options);
      return Promise.resolve({ outcome: gatewayOutcome('budgetExceeded'), checkedAt: new Date() });
    },
    circuitStates: () => new Map(),
    capacities: () => new Map(),
    close: () => Promise.resolve(),
  };
}

function servicesWith(checker: StatusChecker, partnerOfRecord: StatusChecker): GatewayServices {
  return {
    checker,
    partnerOfRecord,
    // Not asked by the loaders under test.
    directories: {} as RelationshipDirectories,
    checks: { agreement: 'enforce', relationship: 'off', partnerOfRecord: 'off' },
    maxResellersPerQuery: 10,
    operationDeadlineMs: 4_000,
    failPolicy: 'closed',
    failOpenOnCredentialsRejected: false,
  };
}

describe("The operation's deadline", () => {
  // DataLoader dispatches on the next tick: only the clock and timers are fake.
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] }));
  afterEach(() => jest.useRealTimers());

  it('is one Deadline, made from operationDeadlineMs when the operation starts', () => {
    const context = createGatewayContext(servicesWith(recordingChecker(), recordingChecker()), 'en-US');
    expect(context.deadline.at()).toBe(Date.now() + 4_000);
  });

  it('reaches every agreement and partner-of-record question as that same object', async () => {
    const checker = recordingChecker();
    const partnerOfRecord = recordingChecker();
    const context = createGatewayContext(servicesWith(checker, partnerOfRecord), 'en-US');
    await Promise.all([
      context.statusLoader.load({ identifier: { kind: 'mpnId', value: '1000001' }, region: 'UNITED_STATES' }),
      context.statusLoader.load({ identifier: { kind: 'tenantId', value: '00000000-0000-0000-0000-000000000001' }, region: 'EUROPE' }),
      context.porLoader.load({ identifier: { kind: 'mpnId', value: '1000001' }, region: 'UNITED_STATES' }),
    ]);
    expect(checker.asked).toHaveLength(2);
    expect(partnerOfRecord.asked).toHaveLength(1);
    for (const options of [...checker.asked, ...partnerOfRecord.asked]) expect(options.deadline).toBe(context.deadline);
  });
});
