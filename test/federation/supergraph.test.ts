import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import fetch from 'node-fetch';
import { Gateway } from '../../src/compose/gateway';
import { startSandboxGateway } from '../support/sandbox-gateway';

/** A second subgraph, as a partner portal would have: orders that name their reseller. */
const ORDERS_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])

  type Query {
    orders(count: Int!): [Order!]!
  }

  type Order @key(fields: "id") {
    id: ID!
    product: String!
    reseller: Reseller!
  }

  type Reseller @key(fields: "mpnId", resolvable: false) {
    mpnId: ID!
  }
`;

/** 50 distinct resellers: a few test identifiers, the rest unknown MPN IDs (2200). */
const DISTINCT_MPN_IDS = ['1000001', '1000002', '1000003', ...Array.from({ length: 47 }, (_, i) => String(5_000_000 + i))];

function startOrdersSubgraph() {
  const server = new ApolloServer({
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    schema: buildSubgraphSchema([
      {
        typeDefs: parse(ORDERS_SDL),
        resolvers: {
          Query: {
            orders: (_: unknown, { count }: { count: number }) =>
              Array.from({ length: count }, (_unused, i) => ({
                id: `order-${i}`,
                product: i % 2 ? 'Microsoft 365 E3' : 'Azure plan',
                reseller: { mpnId: DISTINCT_MPN_IDS[i % DISTINCT_MPN_IDS.length] },
              })),
          },
        },
      },
    ]),
  });
  return startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } }).then(({ url }) => ({ server, url }));
}

describe('Federation', () => {
  let mpa: Gateway;
  let mpaUrl: string;
  let orders: { server: ApolloServer; url: string };

  beforeAll(async () => {
    mpa = await startSandboxGateway();
    mpaUrl = `${(await mpa.listen()).url}/graphql`;
    orders = await startOrdersSubgraph();
  });
  afterAll(async () => {
    await orders.server.stop();
    await mpa.stop();
  });

  const subgraphSdl = () => readFileSync(path.join(__dirname, '../../schema.graphql'), 'utf8');

  it('serves schema.graphql as _service { sdl }', async () => {
    const response = await fetch(mpaUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
    });
    const { data } = await response.json();
    expect(`${data._service.sdl.trim()}\n`).toBe(subgraphSdl());
    expect(data._service.sdl).toMatch(/type Reseller\s+@key\(fields: "mpnId"\)\s+@key\(fields: "tenantId"\)/);
  });

  it("names the order form's answer OrderEligibility, as the design card does", async () => {
    const response = await fetch(mpaUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __type(name: "OrderEligibility") { name fields { name type { kind ofType { name } } } } }' }),
    });
    const { data } = await response.json();
    expect(data.__type.fields).toContainEqual({ name: 'canSubmit', type: { kind: 'NON_NULL', ofType: { name: 'Boolean' } } });
    const block = /^type OrderEligibility \{\n([\s\S]*?)\n\}/m.exec(subgraphSdl());
    expect(block?.[1]).toMatch(/^ {2}canSubmit: Boolean!$/m);
    expect(subgraphSdl()).not.toContain('MpaOrderEligibility');
  });

  describe('with another subgraph that also defines OrderEligibility', () => {
    const checkoutSdl = (fields: string, directive = '') => `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@shareable"])
      type Query { checkoutEligibility(cartId: ID!): OrderEligibility! }
      type OrderEligibility${directive} { ${fields} }
    `;
    const compose = (sdl: string) =>
      composeServices([
        { name: 'mpa', typeDefs: parse(subgraphSdl()), url: mpaUrl },
        { name: 'checkout', typeDefs: parse(sdl), url: 'http://127.0.0.1:1/graphql' },
      ]);
    const codes = (sdl: string) => [...new Set((compose(sdl).errors ?? []).map((error) => error.extensions.code))];

    it('fails composition when both define a field of the same name (fields are not @shareable)', () => {
      expect(codes(checkoutSdl('canSubmit: Boolean! cartId: ID!'))).toContain('INVALID_FIELD_SHARING');
    });

    it('fails composition when the fields differ: one merged type whose fields the other subgraph cannot resolve', () => {
      expect(codes(checkoutSdl('cartId: ID! approved: Boolean!'))).toEqual(['SATISFIABILITY_ERROR']);
    });

    it('composes once the other type is renamed', () => {
      const renamed = checkoutSdl('cartId: ID! approved: Boolean!').replace(/OrderEligibility/g, 'CheckoutEligibility');
      expect(compose(renamed).errors).toBeUndefined();
    });
  });

  it('composes with an orders subgraph, with only the hints we expect', () => {
    const result = composeServices([
      { name: 'mpa', typeDefs: parse(subgraphSdl()), url: mpaUrl },
      { name: 'orders', typeDefs: parse(ORDERS_SDL), url: orders.url },
    ]);
    expect(result.errors).toBeUndefined();
    // Reseller.mpnId is ID! in orders and ID in mpa (a tenant-only reseller has none):
    // composition keeps the nullable type, which is what we want.
    expect((result.hints ?? []).map((hint) => `${hint.definition.code}: ${hint.message}`)).toEqual([
      expect.stringMatching(/^INCONSISTENT_BUT_COMPATIBLE_FIELD_TYPE: Type of field "Reseller\.mpnId" is inconsistent but compatible/),
    ]);
  });

  it('resolves a reseller by tenant ID through _entities as well', async () => {
    const response = await fetch(mpaUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Reseller { mpnId tenantId listedMpnId mpaStatus(region: UNITED_STATES) { __typename } } } }`,
        variables: {
          r: [
            { __typename: 'Reseller', tenantId: '00000000-0000-0000-0000-000001000001' },
            { __typename: 'Reseller', mpnId: 1000002 },
            { __typename: 'Reseller', mpnId: 'not-a-number' },
          ],
        },
      }),
    });
    const { data, errors } = await response.json();
    expect(errors).toBeUndefined();
    expect(data._entities).toEqual([
      // Named by tenant ID: its MPN ID comes from the United States account's reseller list.
      { mpnId: null, tenantId: '00000000-0000-0000-0000-000001000001', listedMpnId: '1000001', mpaStatus: { __typename: 'MpaSigned' } },
      { mpnId: '1000002', tenantId: null, listedMpnId: '1000002', mpaStatus: { __typename: 'MpaNotSigned' } },
      { mpnId: 'not-a-number', tenantId: null, listedMpnId: null, mpaStatus: { __typename: 'MpaInvalidResellerId' } },
    ]);
  });

  describe('through a real Apollo gateway', () => {
    let router: ApolloServer;
    let routerUrl: string;
    const requests: Array<{ subgraph: string; query: string }> = [];

    beforeAll(async () => {
      const composed = composeServices([
        { name: 'mpa', typeDefs: parse(subgraphSdl()), url: mpaUrl },
        { name: 'orders', typeDefs: parse(ORDERS_SDL), url: orders.url },
      ]);
      if (composed.errors) throw composed.errors[0];
      const gateway = new ApolloGateway({
        supergraphSdl: composed.supergraphSdl,
        buildService: ({ name, url }) =>
          new (class extends RemoteGraphQLDataSource {
            override willSendRequest({ request }: GraphQLDataSourceProcessOptions) {
              requests.push({ subgraph: name, query: request.query ?? '' });
            }
          })({ url }),
      });
      router = new ApolloServer({ gateway });
      routerUrl = (await startStandaloneServer(router, { listen: { port: 0, host: '127.0.0.1' } })).url;
    });
    afterAll(() => router.stop());
    beforeEach(() => {
      requests.length = 0;
      mpa.emulator!.clearCalls();
    });

    it('sends federated traces (ftv1) to a router that asks for them, as any Apollo subgraph does', async () => {
      // A router that records traces (as with usage reporting) asks every subgraph for ftv1.
      const fetches: Array<{
        serviceName?: string | null;
        trace?: { root?: { child?: Array<{ responseName?: string | null }> | null } | null } | null;
        traceParsingFailed?: boolean | null;
      }> = [];
      const collect = (node: unknown): void => {
        if (!node || typeof node !== 'object') return;
        const record = node as Record<string, unknown>;
        if (record.fetch) fetches.push(record.fetch);
        for (const value of Object.values(record)) {
          if (Array.isArray(value)) value.forEach(collect);
          else if (value && typeof value === 'object') collect(value);
        }
      };
      const composed = composeServices([
        { name: 'mpa', typeDefs: parse(subgraphSdl()), url: mpaUrl },
        { name: 'orders', typeDefs: parse(ORDERS_SDL), url: orders.url },
      ]);
      const tracing = new ApolloServer({
        gateway: new ApolloGateway({ supergraphSdl: composed.supergraphSdl! }),
        plugins: [
          {
            async requestDidStart(requestContext) {
              requestContext.metrics.captureTraces = true;
              return {
                async willSendResponse({ metrics }) {
                  collect(metrics.queryPlanTrace);
                },
              };
            },
          },
        ],
      });
      const tracingUrl = (await startStandaloneServer(tracing, { listen: { port: 0, host: '127.0.0.1' } })).url;
      try {
        const response = await fetch(tracingUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ orders(count: 3) { id reseller { mpnId mpaStatus(region: UNITED_STATES) { __typename } } } }' }),
        });
        expect((await response.json()).errors).toBeUndefined();
        const mpaFetch = fetches.find((fetched) => fetched.serviceName === 'mpa');
        expect(mpaFetch).toBeDefined();
        expect(mpaFetch!.traceParsingFailed).toBeFalsy();
        // The subgraph's own trace: its root holds the field it resolved for the router.
        expect(mpaFetch!.trace?.root?.child?.map((child) => child.responseName)).toContain('_entities');
      } finally {
        await tracing.stop();
      }
    });

    it('answers 500 orders with one _entities request and one upstream call per distinct reseller', async () => {
      const response = await fetch(routerUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `{ orders(count: 500) { id product reseller {
            mpnId
            mpaStatus(region: UNITED_STATES) { __typename ... on MpaStatusOutcome { message } }
            orderEligibility(region: UNITED_STATES, locale: "pt-PT") { canSubmit retryable guidance { headline } }
          } } }`,
        }),
      });
      const { data, errors } = await response.json();
      expect(errors).toBeUndefined();
      expect(data.orders).toHaveLength(500);
      expect(data.orders[0].reseller).toEqual({
        mpnId: '1000001',
        mpaStatus: { __typename: 'MpaSigned', message: 'The reseller has accepted the Microsoft Partner Agreement for United States.' },
        orderEligibility: { canSubmit: true, retryable: false, guidance: null },
      });
      expect(data.orders[1].reseller.orderEligibility).toEqual({
        canSubmit: false,
        retryable: false,
        guidance: { headline: 'Contrato de Parceiro por aceitar na região Estados Unidos' },
      });
      expect(data.orders[2].reseller.mpaStatus.__typename).toBe('MpaCspRegionMismatch');

      expect(requests.map((r) => r.subgraph)).toEqual(['orders', 'mpa']);
      expect(requests.filter((r) => r.query.includes('_entities'))).toHaveLength(1);
      // 50 distinct resellers in one region, plus the region-mismatch guidance of 1000003
      // asking the four other configured regions where it belongs.
      const calls = mpa.emulator!.calls();
      expect(calls.filter((call) => call.region === 'UNITED_STATES')).toHaveLength(50);
      expect(calls).toHaveLength(54);
      expect(new Set(calls.map((call) => `${call.mpnId}@${call.region}`)).size).toBe(54);
      // Microsoft's partner-of-record verdict for the 50 distinct resellers: one validateresellers call of 50.
      expect(mpa.emulator!.validateResellersCalls().map((call) => [call.region, call.partnerIds!.length])).toEqual([['UNITED_STATES', 50]]);
    });

    it('shows an order list with reseller names and both checks, asking no reseller list and no more agreement calls', async () => {
      const response = await fetch(routerUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `{ orders(count: 200) { id reseller {
            mpnId name
            relationship(region: UNITED_STATES) { __typename }
            orderEligibility(region: UNITED_STATES) {
              canSubmit
              checks { __typename passed blocksSubmit guidance { headline } }
            }
          } } }`,
        }),
      });
      const { data, errors } = await response.json();
      expect(errors).toBeUndefined();
      expect(data.orders).toHaveLength(200);
      expect(data.orders[0].reseller).toEqual({
        mpnId: '1000001',
        name: 'Northwind Traders',
        relationship: { __typename: 'MpaRelationshipActive' },
        orderEligibility: {
          canSubmit: true,
          checks: [
            { __typename: 'MpaAgreementCheck', passed: true, blocksSubmit: false, guidance: null },
            { __typename: 'MpaRelationshipCheck', passed: true, blocksSubmit: false, guidance: null },
            { __typename: 'MpaPartnerOfRecordCheck', passed: true, blocksSubmit: false, guidance: null },
          ],
        },
      });
      // 1000003 belongs to Europe: named from the Europe account's list, with no relationship with the United States one.
      expect(data.orders[2].reseller).toMatchObject({
        name: 'Fabrikam Europe',
        relationship: { __typename: 'MpaNoRelationship' },
        orderEligibility: {
          canSubmit: false,
          checks: [
            { __typename: 'MpaAgreementCheck', blocksSubmit: true },
            {
              __typename: 'MpaRelationshipCheck',
              blocksSubmit: true,
              guidance: { headline: 'No reseller relationship with us in United States' },
            },
            { __typename: 'MpaPartnerOfRecordCheck', blocksSubmit: false },
          ],
        },
      });
      expect(data.orders[3].reseller).toMatchObject({ mpnId: '5000000', name: null, relationship: { __typename: 'MpaNoRelationship' } });
      expect(requests.filter((r) => r.query.includes('_entities'))).toHaveLength(1);
      expect(mpa.emulator!.relationshipsCalls()).toHaveLength(0);
      expect(mpa.emulator!.calls().filter((call) => call.region === 'UNITED_STATES')).toHaveLength(50);
    });
  });
});
