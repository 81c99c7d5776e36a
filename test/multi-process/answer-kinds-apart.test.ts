import { eventually } from '../support/eventually';
import { EmulatorProcess, GatewayProcess, createProcessGroup } from '../support/gateway-processes';

const ELIGIBILITY = `query ($mpnId: ID) {
  orderEligibility(order: { mpnId: $mpnId, region: UNITED_STATES }) {
    canSubmit
    mpaStatus { __typename }
    checks { ... on MpaPartnerOfRecordCheck { partnerOfRecord { __typename } } }
  }
}`;

const RECHECK = `mutation ($mpnId: ID) { recheckMpaStatus(order: { mpnId: $mpnId, region: UNITED_STATES }) { canSubmit } }`;

interface Eligibility {
  readonly canSubmit: boolean;
  readonly agreement: string;
  readonly partnerOfRecord: string;
}

/**
 * Two deployments on one Redis, against one Partner Center account (so one identity tag), whose
 * key prefixes differ by exactly the segment the partner-of-record verdicts were once kept
 * under: `mpa:` and `mpa:por:`. Under that layout the first deployment's verdict for a reseller
 * sat at the very key the second kept its agreement answer under, and a verdict "valid on record"
 * is stored as a "signed" outcome: 1000002, valid on record but never signed, became
 * `canSubmit: true` in the second deployment; and the second's "signed" for 1000012, which
 * Microsoft does not accept as partner of record (900400), became the first's verdict, again
 * `canSubmit: true`. Each kind of answer must only ever be read as that kind.
 */
describe('Agreement answers and partner-of-record verdicts of deployments whose key prefixes nest', () => {
  jest.setTimeout(60_000);
  const group = createProcessGroup();
  let emulator: EmulatorProcess;
  let outer: GatewayProcess;
  let nested: GatewayProcess;
  const eligibility = async (gateway: GatewayProcess, mpnId: string): Promise<Eligibility> => {
    const answer = await gateway.graphql<{
      orderEligibility: {
        canSubmit: boolean;
        mpaStatus: { __typename: string };
        checks: Array<{ partnerOfRecord?: { __typename: string } }>;
      };
    }>(ELIGIBILITY, { mpnId });
    expect(answer.errors).toBeUndefined();
    const { canSubmit, mpaStatus, checks } = answer.data!.orderEligibility;
    const partnerOfRecord = checks.find((check) => check.partnerOfRecord)?.partnerOfRecord?.__typename ?? 'none';
    return { canSubmit, agreement: mpaStatus.__typename, partnerOfRecord };
  };
  const configWith = (redisKeyPrefix: string) =>
    group.emulatorConfig(emulator, ['UNITED_STATES'], {
      cache: { redisKeyPrefix },
      http: { responseCacheMs: 0 },
      resilience: { maxAttempts: 1 },
    });

  beforeAll(async () => {
    await group.start();
    emulator = await group.emulator();
    [outer, nested] = await Promise.all([group.gateway({ config: configWith('mpa:') }), group.gateway({ config: configWith('mpa:por:') })]);
  });
  afterAll(() => group.stop());

  it("never reads one deployment's partner-of-record verdict as the other's agreement answer", async () => {
    // 1000002 has not signed the MPA (2203), and Microsoft accepts it as partner of record.
    const expected = { canSubmit: false, agreement: 'MpaNotSigned', partnerOfRecord: 'MpaPartnerOfRecordValid' };
    expect(await eligibility(outer, '1000002')).toEqual(expected);
    await emulator.clearCalls();
    expect(await eligibility(nested, '1000002')).toEqual(expected);
    // The nested deployment asked Partner Center for the agreement itself: nothing of that kind was stored for it.
    expect((await emulator.calls()).calls.filter((call) => call.mpnId === '1000002')).toHaveLength(1);
  });

  it("never reads one deployment's agreement answer as the other's partner-of-record verdict", async () => {
    // 1000012 has signed, and Microsoft does not accept it as partner of record (900400).
    const expected = { canSubmit: false, agreement: 'MpaSigned', partnerOfRecord: 'MpaPartnerIdNotValidOnRecord' };
    expect(await eligibility(nested, '1000012')).toEqual(expected);
    expect(await eligibility(outer, '1000012')).toEqual(expected);
  });
});

/**
 * The same guarantee for every user of Redis at once (the status stores of both kinds, the
 * claims and their notifications, the account budgets, the reseller lists, the client rate
 * limit, the response-invalidation channel, the list of deployments): a deployment whose
 * prefix is this one's plus some text S writes `S + name` where this one writes `name`, so two
 * deployments can only ever meet on a key when one of this deployment's names ends with
 * another of them. None does, so no prefix, however it nests, makes one of its keys or
 * channels another's.
 */
describe('Every key and channel one deployment uses in Redis', () => {
  jest.setTimeout(60_000);
  const group = createProcessGroup();
  const prefix = 'alone:';
  beforeAll(() => group.start());
  afterAll(() => group.stop());

  /** Pairs of distinct names where the first ends with the second. */
  const nesting = (names: readonly string[]) => names.flatMap((a) => names.filter((b) => a !== b && a.endsWith(b)).map((b) => [a, b]));

  it("names none so that it ends with another: no other deployment's prefix can reach it", async () => {
    const emulator = await group.emulator();
    const gateway = await group.gateway({
      config: group.emulatorConfig(emulator, ['UNITED_STATES'], { cache: { redisKeyPrefix: prefix }, http: { responseCacheMs: 0 } }),
    });
    for (const mpnId of ['1000001', '1000002', '1000012']) expect((await gateway.graphql(ELIGIBILITY, { mpnId })).errors).toBeUndefined();
    expect((await gateway.graphql(RECHECK, { mpnId: '1000001' })).errors).toBeUndefined();
    const keysOf = async () => (await group.redisClient.keys(`${prefix}*`)).map((key) => key.slice(prefix.length)).sort();
    // Whatever the layout: both kinds of answer for one reseller, a claim's result, a budget, a list, a rate count.
    const written = (keys: readonly string[]) =>
      keys.filter((key) => /status:.*mpnId:1000012@UNITED_STATES$/.test(key)).length === 2 &&
      [/^deployments$/, /asked:/, /result:/, /^budget:/, /:list:UNITED_STATES$/, /:rate:/].every((family) =>
        keys.some((key) => family.test(key)),
      );
    await eventually('every writer has written', async () => written(await keysOf()));
    const keys = await keysOf();
    const channels = ((await group.redisClient.pubsub('CHANNELS', `${prefix}*`)) as string[])
      .map((channel) => channel.slice(prefix.length))
      .sort();
    // The claims' notifications (agreement answers, verdicts, lists) and the response micro-caches'.
    expect(channels.filter((channel) => channel.endsWith(':settled'))).toHaveLength(3);
    expect(channels).toContainEqual(expect.stringMatching(/:response-invalidation$/));
    expect(nesting(keys)).toEqual([]);
    expect(nesting(channels)).toEqual([]);
  });
});
