import { GatewayErrorCode } from '../../src/errors/gateway-error-code';
import { ProductionLikeGateway, startProductionLikeGateway } from '../support/production-like-gateway';

const ENTITIES = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Reseller { mpnId } } }';
const representations = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ __typename: 'Reseller', mpnId: String(2_000_000 + i) }));

describe('_entities list cap', () => {
  let gateway: ProductionLikeGateway;

  beforeAll(async () => {
    gateway = await startProductionLikeGateway({ config: { limits: { maxResellersPerQuery: 5 } } });
  });
  afterAll(() => gateway.stop());

  const ask = async (query: string, variables: Record<string, unknown>) => {
    const response = await gateway.post({ query, variables });
    return (await response.json()) as {
      data: Record<string, unknown[] | null> | null;
      errors?: Array<{ extensions: Record<string, unknown> }>;
    };
  };

  it('resolves as many representations as resellers may hold', async () => {
    const answer = await ask(ENTITIES, { r: representations(5) });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!._entities).toHaveLength(5);
  });

  it('refuses one more, as resellers does, even when no status field is asked', async () => {
    const list = await ask('query ($ids: [ID!]) { resellers(mpnIds: $ids) { mpnId } }', { ids: representations(6).map((r) => r.mpnId) });
    const entities = await ask(ENTITIES, { r: representations(6) });
    for (const answer of [list, entities]) {
      expect(answer.data).toBeNull();
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors![0].extensions).toMatchObject({ code: GatewayErrorCode.BAD_USER_INPUT, limit: 5, length: 6 });
    }
  });
});
