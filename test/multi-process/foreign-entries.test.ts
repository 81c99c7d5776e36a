import { STORED_FORMAT_VERSION } from '../../src/status-cache/redis-status-store';
import { EmulatorProcess, GatewayProcess, createProcessGroup } from '../support/gateway-processes';

/** Where this version keeps each kind of answer. */
const AGREEMENT = `mpa:v${STORED_FORMAT_VERSION}:agreement:`;
const PARTNER_OF_RECORD = `mpa:v${STORED_FORMAT_VERSION}:partner-of-record:`;

const ELIGIBILITY = `query ($mpnId: ID) { orderEligibility(order: { mpnId: $mpnId, region: UNITED_STATES }) { canSubmit retryable } }`;

/** What a version of the gateway with another layout, or anything else, might have left under this version's keys. */
const FOREIGN_ANSWERS: Record<string, string> = {
  'not JSON': 'signed',
  'JSON null': 'null',
  'a bare word': '"signed"',
  'a list': '[]',
  'a "signed" of another layout': '{"outcome":{"kind":"signed"},"checkedAt":1}',
  'a "signed" whose trace is not an object': JSON.stringify({
    outcome: { kind: 'signed', origin: 'partnerCenter', retryable: false, cacheClass: 'positive', trace: null },
    checkedAt: 1,
  }),
  'a "signed" checked at an impossible time': JSON.stringify({
    outcome: { kind: 'signed', origin: 'partnerCenter', retryable: false, cacheClass: 'positive', trace: {} },
    checkedAt: 1e300,
  }),
  'a "signed" with its time in microseconds': JSON.stringify({
    outcome: { kind: 'signed', origin: 'partnerCenter', retryable: false, cacheClass: 'positive', trace: {} },
    checkedAt: Date.now() * 1000,
  }),
};

/** Partner Center's own answer for a reseller that has not signed (or is not valid on record): not a retryable "could not check". */
const NOT_SIGNED = { canSubmit: false, retryable: false };

/**
 * Redis handing back, under this version's keys, values this version did not write: each must
 * count as a miss (Partner Center is asked), never as "signed", and never fail the request.
 */
describe('Values under the gateway keys that it did not write', () => {
  jest.setTimeout(60_000);
  const group = createProcessGroup();
  let emulator: EmulatorProcess;
  let gateway: GatewayProcess;
  let tag = '';
  const eligibility = async (mpnId: string) => {
    const answer = await gateway.graphql<{ orderEligibility: { canSubmit: boolean; retryable: boolean } }>(ELIGIBILITY, { mpnId });
    expect(answer.errors).toBeUndefined();
    return answer.data!.orderEligibility;
  };

  beforeAll(async () => {
    await group.start();
    emulator = await group.emulator();
    gateway = await group.gateway({
      config: group.emulatorConfig(emulator, ['UNITED_STATES'], {
        checks: { relationship: 'off' },
        http: { responseCacheMs: 0 },
        // Short, so that a question that can never be sent ends soon.
        resilience: { maxAttempts: 1, operationDeadlineMs: 2_000 },
        partnerCenter: { timeoutMs: 1_500 },
      }),
    });
    expect(await eligibility('1000001')).toEqual({ canSubmit: true, retryable: false });
    const [key] = await group.redisClient.keys(`${AGREEMENT}status:*:mpnId:1000001@UNITED_STATES`);
    tag = key.slice(`${AGREEMENT}status:`.length).split(':')[0];
  });
  afterAll(() => group.stop());

  it.each(Object.entries(FOREIGN_ANSWERS))('asks Partner Center again past %s under an agreement key', async (_, value) => {
    await group.redisClient.set(`${AGREEMENT}status:${tag}:mpnId:1000002@UNITED_STATES`, value, 'PX', 60_000);
    expect(await eligibility('1000002')).toEqual(NOT_SIGNED);
  });

  it.each(Object.entries(FOREIGN_ANSWERS))('asks Partner Center again past %s under a partner-of-record key', async (_, value) => {
    await group.redisClient.set(`${PARTNER_OF_RECORD}status:${tag}:mpnId:1000012@UNITED_STATES`, value, 'PX', 60_000);
    expect(await eligibility('1000012')).toEqual(NOT_SIGNED);
  });

  it.each(Object.entries(FOREIGN_ANSWERS))("fetches itself past %s handed over under another replica's claim", async (_, value) => {
    const mpnId = String(2_000_000 + Object.values(FOREIGN_ANSWERS).indexOf(value));
    await emulator.putReseller(mpnId, { homeRegion: 'UNITED_STATES', signedRegions: [] });
    const key = `${tag}:mpnId:${mpnId}@UNITED_STATES`;
    // A claim held for a moment, whose "result" is the foreign value.
    await group.redisClient.set(`${AGREEMENT}claim:${key}`, '0/another-replica', 'PX', 500);
    const handedOver =
      value === FOREIGN_ANSWERS['not JSON'] ? value : JSON.stringify({ token: '0/another-replica', value: JSON.parse(value) });
    await group.redisClient.set(`${AGREEMENT}result:${key}`, handedOver, 'PX', 60_000);
    expect(await eligibility(mpnId)).toEqual(NOT_SIGNED);
  });

  it.each([
    ['a negative pace', { rate: '-5' }],
    ['a pace of zero', { rate: '0' }],
    ['a turn at infinity', { rate: '10', tat: 'inf' }],
    ['a pace that is not a number', { rate: 'nan', tat: 'nan', held: 'nan' }],
  ])("keeps answering past %s in the account's budget", async (_, fields) => {
    const budget = `mpa:budget:v1:${tag}`;
    await group.redisClient.del(budget, `${AGREEMENT}status:${tag}:mpnId:1000002@UNITED_STATES`);
    await group.redisClient.hset(budget, { setAt: String(Date.now()), ...fields });
    await group.redisClient.pexpire(budget, 60_000);
    expect(await eligibility('1000002')).toEqual(NOT_SIGNED);
  });
});

describe('A reseller list under the gateway keys that it did not write', () => {
  jest.setTimeout(60_000);
  const group = createProcessGroup();
  let emulator: EmulatorProcess;

  beforeAll(async () => {
    await group.start();
    emulator = await group.emulator();
  });
  afterAll(() => group.stop());

  it('fetches the list itself rather than take one dated in microseconds, which would look fresh for ever', async () => {
    const config = group.emulatorConfig(emulator, ['UNITED_STATES'], { checks: { partnerOfRecord: 'off' }, http: { responseCacheMs: 0 } });
    const first = await group.gateway({ config });
    for (let tries = 0; (await group.redisClient.keys('mpa:directory-v2:*:list:UNITED_STATES')).length === 0 && tries < 500; tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await first.stop();
    const [key] = await group.redisClient.keys('mpa:directory-v2:*:list:UNITED_STATES');
    const [seconds, micros] = (await group.redisClient.time()).map(Number);
    // 1000011's relationship is suspended; this list, of another layout, says it is active.
    const foreign = {
      fetchedAt: Date.now() * 1000,
      startedAt: seconds * 1_000_000 + micros,
      relationships: [
        { tenantId: '00000000-0000-0000-0000-000001000011', mpnId: '1000011', name: 'VanArsdel', state: 'Active', location: null },
      ],
    };
    await group.redisClient.set(key, JSON.stringify(foreign), 'PX', 600_000);
    const gateway = await group.gateway({ config });
    expect(await gateway.graphql(ELIGIBILITY, { mpnId: '1000011' })).toEqual({
      data: { orderEligibility: { canSubmit: false, retryable: false } },
    });
  });
});
