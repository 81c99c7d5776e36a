import { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import fetch from 'node-fetch';
import pino from 'pino';
import { Gateway, createGateway } from '../../src/compose/gateway';
import { parseGatewayConfig } from '../../src/config/gateway-config';
import { GatewayContext } from '../../src/graphql/gateway-context';
import { WEB_DIR_ENV } from '../support/compiled-gateway';

/**
 * Every GraphQL request that executes goes through Apollo Server's request pipeline and every
 * installed plugin: a plugin added to the gateway (here a request-dependent rule, as Apollo
 * documents for didResolveOperation) runs on a query repeated with other variables, and on the
 * same text sent again, however often it has been answered cleanly before. Only the response
 * micro-cache answers in front of the pipeline, and only an identical request.
 */
const QUERY = 'query Status($mpnId: ID!) { reseller(mpnId: $mpnId) { mpaStatus(region: UNITED_STATES) { __typename } } }';

describe('One request pipeline', () => {
  let gateway: Gateway;
  let url: string;
  const resolved: string[] = [];

  /** Counts every operation Apollo resolves, and refuses one caller's by a request header. */
  const rule: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, operationName }) {
          resolved.push(operationName ?? '(anonymous)');
          if (request.http?.headers.get('x-portal-tenant') === 'suspended') {
            throw new GraphQLError('This portal tenant is suspended.', { extensions: { code: 'PORTAL_SUSPENDED', http: { status: 403 } } });
          }
        },
      };
    },
  };

  beforeAll(async () => {
    gateway = await createGateway({
      config: parseGatewayConfig({ port: 0, http: { responseCacheMs: 0 } }),
      logger: pino({ level: 'silent' }),
      webDir: process.env[WEB_DIR_ENV],
      plugins: [rule],
    });
    url = `${(await gateway.listen()).url}/graphql`;
  });
  afterAll(() => gateway.stop());
  beforeEach(() => {
    resolved.length = 0;
  });

  const post = async (variables: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: QUERY, variables }),
    });
    return {
      status: response.status,
      body: (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> },
    };
  };

  it('runs the plugin on every repeat of a query, with the same and with other variables', async () => {
    for (let i = 0; i < 5; i += 1) expect((await post({ mpnId: '1000001' })).status).toBe(200);
    for (const mpnId of ['1000002', '1000003', '1000004']) expect((await post({ mpnId })).status).toBe(200);
    expect(resolved).toEqual(Array(8).fill('Status'));
  });

  it('applies a request-dependent rule to a query other callers have run cleanly many times', async () => {
    for (let i = 0; i < 3; i += 1) expect((await post({ mpnId: '1000001' })).status).toBe(200);
    const refused = await post({ mpnId: '1000001' }, { 'x-portal-tenant': 'suspended' });
    expect(refused.status).toBe(403);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('PORTAL_SUSPENDED');
    expect(refused.body.data).toBeUndefined();
  });
});
