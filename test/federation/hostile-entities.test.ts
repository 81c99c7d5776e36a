import { readFileSync } from 'node:fs';
import path from 'node:path';
import fetch from 'node-fetch';
import { scratchFolder } from '../support/audit-runner';
import { useListeningSandbox } from '../support/sandbox-gateway';

const decisionFile = path.join(scratchFolder(), 'decisions.log');
const SELECTION = `... on Reseller { mpnId tenantId orderEligibility(region: UNITED_STATES) { canSubmit verified } }`;

interface Answer {
  status: number;
  body: {
    data?: {
      _entities?: Array<{
        mpnId: string | null;
        tenantId: string | null;
        orderEligibility: { canSubmit: boolean; verified: boolean };
      } | null>;
    } | null;
    errors?: Array<{ message: string; path?: unknown[]; extensions?: { code?: string } }>;
  };
}

type DecisionRecord = { field: string; canSubmit: boolean; verified: boolean; line: { identifierKind: string | null } };

describe('_entities with hostile representations', () => {
  const gateway = useListeningSandbox({ decisionLog: { destination: decisionFile }, limits: { maxResellersPerQuery: 50 } });
  const records = (): DecisionRecord[] =>
    readFileSync(decisionFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as DecisionRecord);

  const entities = async (representations: unknown[], selection = SELECTION): Promise<Answer> => {
    const response = await fetch(gateway.url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `query ($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`,
        variables: { r: representations },
      }),
    });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  };

  it.each([
    ['a wrong __typename', { __typename: 'Order', mpnId: '1000001' }],
    ['no __typename', { mpnId: '1000001' }],
    ['no key at all', { __typename: 'Reseller' }],
    ['both mpnId and tenantId', { __typename: 'Reseller', mpnId: '1000001', tenantId: '00000000-0000-0000-0000-000001000001' }],
    [
      'both keys, one of them a signed reseller and one unknown',
      { __typename: 'Reseller', mpnId: '1000002', tenantId: '00000000-0000-0000-0000-000001000001' },
    ],
    ['a nested object as mpnId', { __typename: 'Reseller', mpnId: { $gt: '' } }],
    ['an array as tenantId', { __typename: 'Reseller', tenantId: ['00000000-0000-0000-0000-000001000001'] }],
    ['a 100 KB mpnId', { __typename: 'Reseller', mpnId: '1'.repeat(100_000) }],
    ['a fractional mpnId', { __typename: 'Reseller', mpnId: 1000001.5 }],
    ['a boolean mpnId', { __typename: 'Reseller', mpnId: true }],
    ['a string', 'Reseller:1000001'],
    ['null mpnId beside a tenantId that is not a GUID', { __typename: 'Reseller', mpnId: null, tenantId: 'x'.repeat(5000) }],
  ])('never answers canSubmit true, nor a 500, for %s', async (_, representation) => {
    const before = records().length;
    const answer = await entities([representation, { __typename: 'Reseller', mpnId: '1000001' }]);
    expect(answer.status).toBeLessThan(500);
    const [hostile, good] = answer.body.data?._entities ?? [];
    expect(hostile?.orderEligibility?.canSubmit ?? false).toBe(false);
    // A bad representation fails for itself alone.
    expect(good?.orderEligibility.canSubmit).toBe(true);
    for (const error of answer.body.errors ?? []) expect(error.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
    // No record claims a decision it did not make: one per entity answered, none passing the hostile one.
    const added = records().slice(before);
    expect(added.filter((record) => record.canSubmit).length).toBe(1);
    expect(added.length).toBe(hostile ? 2 : 1);
  });

  it('refuses thousands of representations as a whole, with a typed error and no decision', async () => {
    const before = records().length;
    const many = Array.from({ length: 5000 }, (_, i) => ({ __typename: 'Reseller', mpnId: String(6_000_000 + i) }));
    const answer = await entities(many);
    expect(answer.status).toBeLessThan(500);
    expect(answer.body.data?._entities ?? null).toBeNull();
    expect(answer.body.errors?.[0].extensions?.code).toBeDefined();
    expect(answer.body.errors?.[0].extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
    expect(records().length).toBe(before);
  });

  it('writes one record per entity asked, marked as asked through Reseller.orderEligibility, even for duplicates', async () => {
    const before = records().length;
    const answer = await entities([
      { __typename: 'Reseller', mpnId: '1000001' },
      { __typename: 'Reseller', mpnId: '1000001' },
      { __typename: 'Reseller', mpnId: '1000002' },
    ]);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?._entities?.map((entity) => entity?.orderEligibility.canSubmit)).toEqual([true, true, false]);
    const added = records().slice(before);
    // Written as each line is decided, in whatever order the answers come.
    expect(added.map((record) => `${record.field} ${String(record.canSubmit)}`).sort()).toEqual([
      'Reseller.orderEligibility false',
      'Reseller.orderEligibility true',
      'Reseller.orderEligibility true',
    ]);
  });
});
