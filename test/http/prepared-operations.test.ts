import { readFileSync } from 'node:fs';
import path from 'node:path';
import fetch from 'node-fetch';
import { Gateway } from '../../src/compose/gateway';
import { GatewayConfigInput } from '../../src/config/gateway-config';
import { startSandboxGateway } from '../support/sandbox-gateway';

/**
 * A query Apollo has answered cleanly is answered again without Apollo's per-request
 * pipeline. These compare, request by request, the gateway under test (the first time through
 * Apollo, the second prepared) with a reference gateway that has no document store and so
 * never prepares anything: status, media type and bytes must match, and so must the calls
 * made to Partner Center.
 */
const LIMITS: GatewayConfigInput = { limits: { maxResellersPerQuery: 20 }, http: { maxCost: 1_000 } };

const ELIGIBILITY = '{ orderEligibility(order: {mpnId: "1000001", region: UNITED_STATES}) { canSubmit verified retryable mpaStatus { __typename ... on MpaStatusOutcome { message } } } }';
const LIST = 'query List($ids: [ID!]) { resellers(mpnIds: $ids) { mpnId mpaStatus(region: UNITED_STATES) { __typename } } }';
const TWO_OPERATIONS = `${LIST} query One($id: ID!, $region: CspRegion!) { reseller(mpnId: $id) { mpaStatus(region: $region) { __typename } } }`;
/** What the order-form kit sends: fragments, two queries and a mutation in one document. */
const ORDER_FORM = readFileSync(path.join(__dirname, '../../web/order-check/operations/order-check.graphql'), 'utf8');
const CART = ['1000001', '1000002', '1000003', '1000004', '1000005', '1000006', '1000007', '1000008', '1000009', '1000010', '1000011', '1000500', '1000503', '1000015', 'not-an-id'];
const ENTITIES = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Reseller { mpnId mpaStatus(region: UNITED_STATES) { __typename } } } }';

interface Exchange {
  readonly status: number;
  readonly contentType: string | null;
  readonly body: string;
  readonly upstreamCalls: number;
}

describe('Prepared operations', () => {
  let subject: Gateway;
  let reference: Gateway;
  let subjectUrl: string;
  let referenceUrl: string;
  let requestNumber = 0;

  beforeAll(async () => {
    subject = await startSandboxGateway(LIMITS);
    reference = await startSandboxGateway({ ...LIMITS, http: { ...LIMITS.http, documentCacheBytes: 0 } });
    subjectUrl = (await subject.listen()).url;
    referenceUrl = (await reference.listen()).url;
  });
  afterAll(async () => {
    await subject.stop();
    await reference.stop();
  });

  const send = async (gateway: Gateway, url: string, body: string, headers: Record<string, string>, requestId: string): Promise<Exchange> => {
    gateway.emulator!.clearCalls();
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...headers }, body });
    // Partner Center gives every call its own correlation id; everything else must match.
    const text = (await response.text()).replace(/"correlationId":"[^"]+"/g, '"correlationId":"(per call)"');
    return { status: response.status, contentType: response.headers.get('content-type'), body: text, upstreamCalls: gateway.emulator!.callCount() };
  };

  /** Prepared answers so far, by engine. */
  const preparedAnswers = async (): Promise<{ compiled: number; interpreted: number }> => {
    const text = await (await fetch(`${subjectUrl}/metrics`)).text();
    const count = (engine: string) => Number(new RegExp(`^mpa_graphql_prepared_answers_total\\{engine="${engine}"\\} (\\d+)`, 'm').exec(text)?.[1]);
    return { compiled: count('compiled'), interpreted: count('interpreted') };
  };

  /**
   * The same request twice to the subject and once to the reference, all three answered
   * alike; whether the subject answered the second one prepared (1) or through Apollo (0),
   * and if prepared, how.
   */
  const compare = async (body: string, headers: Record<string, string> = {}) => {
    requestNumber += 1;
    const id = `prepared-test-${requestNumber}`;
    const first = await send(subject, subjectUrl, body, headers, id);
    const before = await preparedAnswers();
    const second = await send(subject, subjectUrl, body, headers, id);
    const after = await preparedAnswers();
    const compiled = after.compiled - before.compiled;
    const interpreted = after.interpreted - before.interpreted;
    const prepared = compiled + interpreted;
    const engine = compiled ? 'compiled' : interpreted ? 'interpreted' : 'apollo';
    const expected = await send(reference, referenceUrl, body, headers, id);
    expect(first).toEqual(expected);
    expect(second).toEqual(expected);
    return { prepared, engine, answer: expected };
  };

  const json = (query: string, rest: Record<string, unknown> = {}) => JSON.stringify({ query, ...rest });

  it('answers a query it has answered before without the pipeline, byte for byte as Apollo does', async () => {
    const { prepared, engine, answer } = await compare(json(ELIGIBILITY));
    expect(prepared).toBe(1);
    expect(engine).toBe('compiled');
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('"MpaSigned"');
    expect(answer.contentType).toBe('application/json; charset=utf-8');
  });

  it('runs a prepared operation with new variables, each asked of Partner Center', async () => {
    await compare(json(LIST, { variables: { ids: ['1000001', '1000002'] } }));
    const { prepared, answer } = await compare(json(LIST, { variables: { ids: ['1000003', '1000001', '1000003'] } }));
    expect(prepared).toBe(1);
    expect(answer.upstreamCalls).toBe(2);
  });

  it("answers the order-form kit's cart as Apollo does in every language, with the same upstream calls", async () => {
    const orders = CART.map((mpnId, index) => ({ lineId: `line-${index}`, mpnId, region: index % 3 === 0 ? 'EUROPE' : 'UNITED_STATES' }));
    for (const locale of ['en-US', 'pt-PT', 'de-DE']) {
      const cart = await compare(json(ORDER_FORM, { operationName: 'CartCheck', variables: { orders, locale } }));
      expect(cart.engine).toBe('compiled');
      expect(cart.answer.body).toContain('"MpaCspRegionMismatch"');
      expect(cart.answer.body).toContain('"MpaPartnerCenterUnavailable"');
    }
    const byHeader = await compare(json(ORDER_FORM, { operationName: 'OrderCheck', variables: { order: { mpnId: '1000002', region: 'UNITED_STATES' } } }), {
      'accept-language': 'pt-PT',
    });
    expect(byHeader.engine).toBe('compiled');
    expect(byHeader.answer.body).toContain('"guidance"');
  });

  it('answers queries with directives, introspection or hundreds of fields on graphql-js, and the federation SDL compiled, alike', async () => {
    const withDirectives = 'query ($full: Boolean!) { reseller(mpnId: "1000002") { mpnId ...Status @include(if: $full) } } fragment Status on Reseller { mpaStatus(region: UNITED_STATES) { __typename } }';
    expect((await compare(json(withDirectives, { variables: { full: true } }))).engine).toBe('interpreted');
    const skipped = await compare(json(withDirectives, { variables: { full: false } }));
    expect(skipped.engine).toBe('interpreted');
    expect(skipped.answer.body).not.toContain('mpaStatus');
    expect((await compare(json('{ __schema { queryType { name } } __type(name: "CspRegion") { enumValues { name } } }'))).engine).toBe('interpreted');
    expect((await compare(json('{ _service { sdl } }'))).engine).toBe('compiled');
    // More fields than are worth compiling: 20 lines of the kit's fragment.
    const lines = Array.from({ length: 20 }, (_, i) => `l${i}: orderEligibility(order: {mpnId: "${1_000_001 + i}", region: UNITED_STATES}) { ...OrderCheckLine }`);
    const fragment = ORDER_FORM.slice(ORDER_FORM.indexOf('fragment OrderCheckLine'), ORDER_FORM.indexOf('query OrderCheck'));
    expect((await compare(json(`{ ${lines.join(' ')} } ${fragment}`))).engine).toBe('interpreted');
    const entity = await compare(json(ENTITIES, { variables: { r: [{ __typename: 'Reseller', mpnId: '1000002' }, { __typename: 'Reseller', tenantId: '00000000-0000-0000-0000-000000000000' }] } }));
    expect(entity.engine).toBe('compiled');
  });

  it('keeps the operations of one document apart by operationName', async () => {
    const list = await compare(json(TWO_OPERATIONS, { operationName: 'List', variables: { ids: ['1000001'] } }));
    const one = await compare(json(TWO_OPERATIONS, { operationName: 'One', variables: { id: '1000002', region: 'EUROPE' } }));
    expect([list.engine, one.engine]).toEqual(['compiled', 'compiled']);
    expect(one.answer.body).toContain('"reseller"');
    const missing = await compare(json(TWO_OPERATIONS));
    expect(missing.prepared).toBe(0);
    expect(missing.answer.status).toBe(400);
  });

  it('answers in the media type Apollo negotiates from Accept, and leaves a 406 to Apollo', async () => {
    const graphqlJson = await compare(json(ELIGIBILITY), { accept: 'application/graphql-response+json' });
    expect(graphqlJson.engine).toBe('compiled');
    expect(graphqlJson.answer.contentType).toBe('application/graphql-response+json; charset=utf-8');
    const preferred = await compare(json(ELIGIBILITY), { accept: 'text/plain;q=0.9, application/graphql-response+json;q=0.5, application/json;q=0.4' });
    expect(preferred.answer.contentType).toBe('application/graphql-response+json; charset=utf-8');
    const refused = await compare(json(ELIGIBILITY), { accept: 'text/html' });
    expect(refused.prepared).toBe(0);
    expect(refused.answer.status).toBe(406);
  });

  it('leaves variables that cannot be coerced, and an operation over the cost limit, to Apollo', async () => {
    const ONE = 'query ($region: CspRegion!) { reseller(mpnId: "1000001") { mpaStatus(region: $region) { __typename } } }';
    await compare(json(ONE, { variables: { region: 'UNITED_STATES' } }));
    const badEnum = await compare(json(ONE, { variables: { region: 'ATLANTIS' } }));
    expect(badEnum.prepared).toBe(0);
    expect(badEnum.answer.status).toBe(400);
    expect(badEnum.answer.body).toContain('BAD_USER_INPUT');
    const costly = await compare(json(LIST, { variables: { ids: Array.from({ length: 400 }, (_, i) => String(1_000_001 + i)) } }));
    expect(costly.prepared).toBe(0);
    expect(costly.answer.body).toContain('OPERATION_TOO_COSTLY');
    expect(costly.answer.upstreamCalls).toBe(0);
  });

  it('runs an operation that ends with errors again through Apollo, without asking Partner Center twice', async () => {
    await compare(json(ENTITIES, { variables: { r: [{ __typename: 'Reseller', mpnId: '1000001' }] } }));
    const partial = await compare(
      json(ENTITIES, { variables: { r: [{ __typename: 'Reseller', mpnId: '1000002' }, { __typename: 'Nope' }, { __typename: 'Reseller', mpnId: '1000003' }] } }),
    );
    expect(partial.prepared).toBe(0);
    expect(partial.answer.body).toContain('Representation 1');
    expect(partial.answer.upstreamCalls).toBe(2);
    const tooLong = await compare(json(LIST, { variables: { ids: Array.from({ length: 21 }, (_, i) => String(i + 1)) } }));
    expect(tooLong.prepared).toBe(0);
    expect(tooLong.answer.body).toContain('at most 20 entries');
  });

  it('prepares a request whose extensions only describe the client (as Apollo Client 4 sends them)', async () => {
    const described = await compare(json(ELIGIBILITY, { extensions: { clientLibrary: { name: '@apollo/client', version: '4.0.0' } } }));
    expect(described.engine).toBe('compiled');
    const notAnObject = await compare(json(ELIGIBILITY, { extensions: 'x' }));
    expect(notAnObject.prepared).toBe(0);
    expect(notAnObject.answer.status).toBe(400);
  });

  it('never prepares a mutation, a persisted-query hash, or a body with fields Apollo does not read', async () => {
    const mutation = await compare(json('mutation { recheckMpaStatus(order: {mpnId: "1000001", region: UNITED_STATES}) { canSubmit } }'));
    expect(mutation.prepared).toBe(0);
    expect(mutation.answer.status).toBe(200);
    const hashed = await compare(json(ELIGIBILITY, { extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }));
    expect(hashed.prepared).toBe(0);
    const extra = await compare(json(ELIGIBILITY, { unexpected: true }));
    expect(extra.prepared).toBe(0);
    const badVariables = await compare(json(ELIGIBILITY, { variables: [1] }));
    expect(badVariables.prepared).toBe(0);
    expect(badVariables.answer.status).toBe(400);
  });
});
