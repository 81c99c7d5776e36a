import fetch from 'node-fetch';
import { GatewayErrorCode } from '../../src/errors/gateway-error-code';
import { TEST_API_KEY } from '../support/production-like-gateway';
import { ProductionLikeGateway, startProductionLikeGateway } from '../support/production-like-gateway';

/**
 * Every class of hostile or broken request, sent over HTTP to a gateway configured as
 * deployed: each gets a 4xx and a stable code, never a 5xx, and nothing is asked upstream.
 */

const ORDER = 'query ($o: MpaOrderLineInput!) { orderEligibility(order: $o) { canSubmit } }';
const RESELLERS = 'query ($ids: [ID!]) { resellers(mpnIds: $ids) { mpaStatus(region: UNITED_STATES) { __typename } } }';

/** Three levels of 20 spreads: a short text that expands to tens of thousands of fields. */
function fragmentFanOut(): string {
  const spreads = (name: string) => Array.from({ length: 20 }, () => `...${name}`).join(' ');
  return `query { ${spreads('L1')} } fragment L1 on Query { ${spreads('L2')} } fragment L2 on Query { ${spreads('L3')} } fragment L3 on Query { __typename cspRegions { region } }`;
}

function deepSelection(levels: number): string {
  let selection = 'mpnId';
  for (let i = 0; i < levels; i += 1) selection = `orderEligibility(region: UNITED_STATES) { reseller { ${selection} } }`;
  return `{ reseller(mpnId: "1") { ${selection} } }`;
}

interface HostileCase {
  readonly label: string;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
  readonly status: number;
  readonly code: GatewayErrorCode;
}

const INVALID_VARIABLES: ReadonlyArray<readonly [string, unknown]> = [
  ['a line without its region', { o: { mpnId: '1000001' } }],
  ['a boolean MPN ID', { o: { mpnId: true, region: 'UNITED_STATES' } }],
  ['an unknown input field', { o: { mpnId: '1000001', region: 'UNITED_STATES', colour: 'red' } }],
  ['an unknown region', { o: { mpnId: '1000001', region: 'MARS' } }],
  ['a list where an object belongs', { o: [] }],
  ['no variables at all', undefined],
];

const CASES: HostileCase[] = [
  { label: 'a syntax error', body: { query: '{' }, status: 400, code: GatewayErrorCode.GRAPHQL_PARSE_FAILED },
  { label: 'an empty query', body: { query: '' }, status: 400, code: GatewayErrorCode.BAD_REQUEST },
  { label: 'a query that is not a string', body: { query: { a: 1 } }, status: 400, code: GatewayErrorCode.BAD_REQUEST },
  { label: 'variables that are not a map', body: { query: ORDER, variables: 'x' }, status: 400, code: GatewayErrorCode.BAD_REQUEST },
  {
    label: 'more tokens than allowed',
    body: { query: `{ ${'a '.repeat(12_000)}}` },
    status: 400,
    code: GatewayErrorCode.GRAPHQL_PARSE_FAILED,
  },
  { label: 'a deep query', body: { query: deepSelection(6) }, status: 400, code: GatewayErrorCode.GRAPHQL_VALIDATION_FAILED },
  {
    label: 'an alias flood',
    body: { query: `{ ${Array.from({ length: 50 }, (_, i) => `a${i}: cspRegions { region }`).join(' ')} }` },
    status: 400,
    code: GatewayErrorCode.GRAPHQL_VALIDATION_FAILED,
  },
  {
    label: 'a directive flood',
    body: { query: `{ __typename ${Array.from({ length: 60 }, () => '@include(if: true)').join(' ')} }` },
    status: 400,
    code: GatewayErrorCode.GRAPHQL_VALIDATION_FAILED,
  },
  {
    label: '10,000 IDs',
    body: { query: RESELLERS, variables: { ids: Array.from({ length: 10_000 }, (_, i) => String(i + 1)) } },
    status: 400,
    code: GatewayErrorCode.OPERATION_TOO_COSTLY,
  },
  { label: 'a fragment fan-out', body: { query: fragmentFanOut() }, status: 400, code: GatewayErrorCode.OPERATION_TOO_COSTLY },
  {
    label: 'a subscription',
    body: { query: 'subscription { __typename }' },
    status: 400,
    code: GatewayErrorCode.GRAPHQL_VALIDATION_FAILED,
  },
  {
    label: 'an unknown operation name',
    body: { query: '{ __typename }', operationName: 'Other' },
    status: 400,
    code: GatewayErrorCode.OPERATION_RESOLUTION_FAILURE,
  },
  {
    label: 'two operations and no name',
    body: { query: 'query A { __typename } query B { __typename }' },
    status: 400,
    code: GatewayErrorCode.OPERATION_RESOLUTION_FAILURE,
  },
  { label: 'an unknown field', body: { query: '{ nope }' }, status: 400, code: GatewayErrorCode.GRAPHQL_VALIDATION_FAILED },
  { label: 'malformed JSON', body: '{"query": ', status: 400, code: GatewayErrorCode.BAD_REQUEST },
  { label: 'a JSON body that is not an object', body: '"{ __typename }"', status: 400, code: GatewayErrorCode.BAD_REQUEST },
  {
    label: 'a __proto__ key in the body',
    body: '{"query":"{ __typename }","__proto__":{"x":1}}',
    status: 400,
    code: GatewayErrorCode.BAD_REQUEST,
  },
  {
    label: 'a __proto__ key in the variables',
    body: '{"query":"query ($o: MpaOrderLineInput!) { orderEligibility(order: $o) { canSubmit } }","variables":{"o":{"mpnId":"1000001","region":"UNITED_STATES","__proto__":{"admin":true}}}}',
    status: 400,
    code: GatewayErrorCode.BAD_REQUEST,
  },
  {
    label: 'batched operations',
    body: [{ query: '{ __typename }' }, { query: '{ __typename }' }],
    status: 400,
    code: GatewayErrorCode.BAD_REQUEST,
  },
  {
    label: 'a persisted-query hash',
    body: { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } },
    status: 400,
    code: GatewayErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
  },
  {
    label: 'a text/plain body (CSRF)',
    body: JSON.stringify({ query: '{ __typename }' }),
    headers: { 'content-type': 'text/plain' },
    status: 400,
    code: GatewayErrorCode.BAD_REQUEST,
  },
  {
    label: 'an unsupported content type',
    body: 'query={__typename}',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    status: 415,
    code: GatewayErrorCode.UNSUPPORTED_MEDIA_TYPE,
  },
  {
    label: 'a body over http.maxBodyBytes',
    body: { query: '{ __typename }', variables: { pad: 'x'.repeat(300_000) } },
    status: 413,
    code: GatewayErrorCode.PAYLOAD_TOO_LARGE,
  },
  {
    label: 'a query over http.maxQueryBytes',
    body: { query: `{ __typename } # ${'x'.repeat(70_000)}` },
    status: 413,
    code: GatewayErrorCode.QUERY_TOO_LARGE,
  },
  ...INVALID_VARIABLES.map(([label, variables]) => ({
    label: `invalid variables: ${label}`,
    body: { query: ORDER, variables },
    status: 400,
    code: GatewayErrorCode.BAD_USER_INPUT,
  })),
];

describe('Hostile input over HTTP (production-like configuration)', () => {
  let edge: ProductionLikeGateway;
  beforeAll(async () => {
    edge = await startProductionLikeGateway({ config: { http: { maxBodyBytes: 262_144 } } });
  });
  afterAll(() => edge.stop());
  beforeEach(() => edge.emulator.clearCalls());

  const expectRefusal = async (hostile: HostileCase) => {
    const response = await edge.post(hostile.body, hostile.headers);
    const text = await response.text();
    expect({ status: response.status, text }).toEqual({ status: hostile.status, text: expect.any(String) });
    const body = JSON.parse(text) as { errors: Array<{ extensions: { code: GatewayErrorCode } }>; data?: unknown };
    expect(body.errors.map((error) => error.extensions.code)).toContain(hostile.code);
    expect(body.errors.every((error) => error.extensions.code !== GatewayErrorCode.INTERNAL_SERVER_ERROR)).toBe(true);
    expect(edge.emulator.callCount()).toBe(0);
  };

  it.each(CASES.map((hostile) => [hostile.label, hostile] as const))('refuses %s with a 4xx and a stable code', async (_label, hostile) => {
    await expectRefusal(hostile);
  });

  it.each(INVALID_VARIABLES.map(([label, variables]) => [label, variables] as const))(
    'refuses %s the same way after the same text was costed with valid variables',
    async (_label, variables) => {
      const valid = await edge.post({ query: ORDER, variables: { o: { mpnId: '1000001', region: 'UNITED_STATES' } } });
      expect(valid.status).toBe(200);
      edge.emulator.clearCalls();
      await expectRefusal({ label: 'again', body: { query: ORDER, variables }, status: 400, code: GatewayErrorCode.BAD_USER_INPUT });
    },
  );

  it.each([
    ['a mutation over GET', 'GET', '?query=mutation%20%7B%20__typename%20%7D', 405, GatewayErrorCode.BAD_REQUEST],
    ['PUT on /graphql', 'PUT', '', 405, GatewayErrorCode.METHOD_NOT_ALLOWED],
    ['DELETE on /graphql', 'DELETE', '', 405, GatewayErrorCode.METHOD_NOT_ALLOWED],
    ['a path that serves nothing', 'GET', '/../../etc/passwd', 404, GatewayErrorCode.NOT_FOUND],
  ] as const)('refuses %s with a 4xx and a stable code', async (_label, method, suffix, status, code) => {
    const url = suffix.startsWith('/') ? edge.url.replace('/graphql', suffix) : `${edge.url}${suffix}`;
    const response = await fetch(url, { method, headers: { 'x-api-key': TEST_API_KEY, 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(status);
    expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe(code);
  });

  it.each([
    ['PUT with a body that is not JSON', 'PUT', '{"query": '],
    ['PATCH with a query over the size limit', 'PATCH', JSON.stringify({ query: `{ ${'__typename '.repeat(20_000)}}` })],
    ['DELETE with a forbidden key', 'DELETE', '{"__proto__": {"x": 1}, "query": "{ __typename }"}'],
  ] as const)('refuses %s on /graphql by its method alone: 405', async (_label, method, body) => {
    const response = await fetch(edge.url, { method, headers: { 'x-api-key': TEST_API_KEY, 'content-type': 'application/json' }, body });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST');
    expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe(
      GatewayErrorCode.METHOD_NOT_ALLOWED,
    );
  });

  it('answers a query over GET', async () => {
    const response = await fetch(`${edge.url}?query=%7B%20__typename%20%7D`, {
      headers: { 'x-api-key': TEST_API_KEY, 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('keeps schema details out of messages: no suggestions, no type names the query did not name', async () => {
    const schemaTypes = [
      'MpaStatus',
      'MpaStatusOutcome',
      'MpaSigned',
      'MpaOrderEligibility',
      'MpaOrderLineInput',
      'CspRegion',
      'Reseller',
      'MpaPartnerCenterError',
    ];
    const probes = [
      '{ resseller(mpnId: "1") { mpnId } }',
      '{ reseller(mpnId: "1") { mpaStatus(region: UNITED_STATES) { message } } }',
      '{ orderEligibility(order: {mpnId: "1", region: UNITED_STATE}) { canSubmit } }',
      '{ reseller(mpnId: "1") { mpaStatus(region: UNITED_STATES) { ... on MpaSigne { message } } } }',
      '{ reseller(mpnId: "1") { mpnIdd } }',
      '{ orderEligibility(order: {mpnId: "1"}) { canSubmit } }',
    ];
    for (const query of probes) {
      const response = await edge.post({ query });
      expect(response.status).toBe(400);
      const text = await response.text();
      expect(text).not.toMatch(/Did you mean/i);
      for (const name of schemaTypes.filter((type) => !query.includes(type))) expect(text).not.toContain(`"${name}`);
    }
    const coercion = await (await edge.post({ query: ORDER, variables: { o: { mpnId: '1', region: 'UNITED_STATE' } } })).text();
    expect(coercion).toContain('UNITED_STATE');
    expect(coercion).not.toMatch(/Did you mean|UNITED_STATES|CspRegion/);
  });
});
