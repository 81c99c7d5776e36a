import { ServerResponse } from 'node:http';
import fetch from 'node-fetch';
import pino from 'pino';
import { parseGatewayConfig, GatewayConfigInput } from '../../src/config/gateway-config';
import { Gateway, createGateway } from '../../src/compose/gateway';
import { captureLogs } from '../support/log-capture';
import {
  HOSTILE_MPN_ID,
  HOSTILE_TENANT_ID,
  HostilePartnerCenter,
  HostileReply,
  HostileRoute,
  healthyItem,
  healthyRelationships,
  json,
  startForeignHost,
  startHostilePartnerCenter,
} from '../support/hostile-partner-center';

/**
 * The gateway against a Partner Center that is not our emulator and answers in ways nobody
 * planned for. Whatever comes back, an order is only let through on an unambiguous "signed",
 * "active" and "valid"; anything else is a typed answer that says whether asking again helps,
 * within the operation's deadline, and never a 500 or a leaked token.
 */

/** Not a JWT, so only an exact match can keep it out of answers and logs. */
const TOKEN = 'hostile-static-token-5b8e21d7c4';
const TIMEOUT_MS = 500;
const OTHER_TENANT = '4a1b2c3d-0000-4000-8000-00000000b002';
const DEADLINE_MS = 1_500;

const ELIGIBILITY = `query ($order: MpaOrderLineInput!) { orderEligibility(order: $order) {
  canSubmit retryable verified
  mpaStatus { __typename
    ... on MpaPartnerCenterUnavailable { reason retryAfterSeconds httpStatus }
    ... on MpaUnrecognizedAnswer { httpStatus code description bodyExcerpt } }
  checks { __typename passed verified retryable
    ... on MpaRelationshipCheck { relationship { __typename
      ... on MpaRelationshipUnknown { reason lastRefreshFailure }
      ... on MpaRelationshipNotActive { state }
      ... on MpaRelationshipActive { resellerName } } }
    ... on MpaPartnerOfRecordCheck { partnerOfRecord { __typename
      ... on MpaPartnerOfRecordUnavailable { reason }
      ... on MpaPartnerOfRecordRefusal { errorCode errorDescription }
      ... on MpaPartnerOfRecordUnrecognized { missingFromAnswer httpStatus code description } } } } } }`;

interface Answer {
  canSubmit: boolean;
  retryable: boolean;
  verified: boolean;
  mpaStatus: Record<string, unknown>;
  checks: Array<Record<string, any>>;
}

const logs = captureLogs();

function configFor(url: string, extra: GatewayConfigInput = {}): GatewayConfigInput {
  return {
    port: 0,
    partnerCenter: { baseUrl: url, timeoutMs: TIMEOUT_MS },
    accounts: [{ region: 'UNITED_STATES', staticToken: TOKEN }],
    clientAuth: { allowAnonymous: true },
    http: { responseCacheMs: 0, requestsPerMinute: 1_000_000 },
    limits: { upstreamCallsPerClientPerMinute: 100_000_000, rechecksPerClientPerMinute: 100_000_000 },
    cache: { ttlSeconds: { positive: 0, negative: 0 } },
    resilience: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10, operationDeadlineMs: DEADLINE_MS, circuitMinimumCalls: 1_000_000 },
    relationships: { forcedRefreshCooldownSeconds: 0, refreshTimeoutMs: DEADLINE_MS },
    ...extra,
  };
}

async function startGatewayOn(url: string, extra: GatewayConfigInput = {}): Promise<{ gateway: Gateway; graphqlUrl: string }> {
  const gateway = await createGateway({ config: parseGatewayConfig(configFor(url, extra)), logger: pino({ level: 'debug' }, logs.stream) });
  const listening = await gateway.listen();
  return { gateway, graphqlUrl: `${listening.url}/graphql` };
}

async function ask(graphqlUrl: string, order: Record<string, string> = { mpnId: HOSTILE_MPN_ID }): Promise<Answer> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: ELIGIBILITY, variables: { order: { region: 'UNITED_STATES', ...order } } }),
  });
  const text = await response.text();
  expect(text).not.toContain(TOKEN);
  expect(response.status).toBe(200);
  const body = JSON.parse(text) as { data?: { orderEligibility: Answer }; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data!.orderEligibility;
}

const check = (answer: Answer, kind: string) => answer.checks.find((c) => c.__typename === kind)!;

/** Replies written by hand. */
const raw =
  (status: number, body: string, headers: Record<string, string> = {}): HostileReply =>
  (res) => {
    res.writeHead(status, { 'content-length': Buffer.byteLength(body), ...headers });
    res.end(body);
  };
const html = (status: number) => raw(status, '<html><body><h1>Service unavailable</h1></body></html>', { 'content-type': 'text/html' });
/** Sends headers and the start of a body, then nothing more. */
const stallMidBody: HostileReply = (res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': 200 });
  res.write('{"isAgreementSigned": tr');
};
/** Sends headers and the start of a body, then resets the connection. */
const resetMidBody: HostileReply = (res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': 200 });
  res.write('{"isAgreementSigned": tr', () => res.socket?.resetAndDestroy());
};
/** A 200 whose chunked body never ends until the connection is dropped. */
const endlessBody: HostileReply = (res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = `{"isAgreementSigned": true, "padding": "${'x'.repeat(16_384)}`;
  const more = () => {
    while (!res.destroyed && res.write(chunk));
    if (!res.destroyed) res.once('drain', more);
  };
  more();
};
const huge = (status: number): HostileReply => raw(status, `{"isAgreementSigned": true, "padding": "${'x'.repeat(5_000_000)}"}`);

let upstream: HostilePartnerCenter;
let foreign: Awaited<ReturnType<typeof startForeignHost>>;
let shared: { gateway: Gateway; graphqlUrl: string };

beforeAll(async () => {
  upstream = await startHostilePartnerCenter();
  foreign = await startForeignHost();
  shared = await startGatewayOn(upstream.url);
  // Its reseller list is read before any test makes the fake answer oddly.
  expect((await ask(shared.graphqlUrl)).canSubmit).toBe(true);
});
afterAll(async () => {
  await shared?.gateway.stop();
  await upstream?.close();
  await foreign?.close();
});
let logLinesBefore = 0;
beforeEach(() => {
  logLinesBefore = logs.lines.length;
  upstream.reset();
  foreign.calls.length = 0;
});
afterEach(() => {
  // This test's lines only: one leak fails the test that caused it.
  expect(logs.lines.slice(logLinesBefore).join('')).not.toContain(TOKEN);
  expect(foreign.calls).toEqual([]);
});

describe('healthy', () => {
  it('lets an order through on signed, active and valid', async () => {
    const answer = await ask(shared.graphqlUrl);
    expect(answer).toMatchObject({ canSubmit: true, verified: true, mpaStatus: { __typename: 'MpaSigned' } });
  });
});

type Expected = { typename: string; reason?: string; retryable: boolean };
const unavailable = (reason: string): Expected => ({ typename: 'MpaPartnerCenterUnavailable', reason, retryable: true });
const unrecognized: Expected = { typename: 'MpaUnrecognizedAnswer', retryable: false };

describe('agreementstatus answering oddly', () => {
  it.each<[string, HostileReply, Expected]>([
    ['200 with an HTML page', html(200), unavailable('MALFORMED_RESPONSE')],
    ['200 with truncated JSON', json(200, '{"isAgreementSigned": tr'), unavailable('MALFORMED_RESPONSE')],
    ['200 with an empty body', raw(200, ''), unavailable('MALFORMED_RESPONSE')],
    ['200 with {}', json(200, {}), unrecognized],
    ['200 with null', json(200, 'null'), unrecognized],
    ['200 with "true" as a string', json(200, { isAgreementSigned: 'true' }), unrecognized],
    ['200 with 1 for true', json(200, { isAgreementSigned: 1 }), unrecognized],
    ['200 with null for the verdict', json(200, { isAgreementSigned: null }), unrecognized],
    ['200 with an array around the verdict', json(200, [{ isAgreementSigned: true }]), unrecognized],
    ['200 with the verdict nested', json(200, { result: { isAgreementSigned: true } }), unrecognized],
    [
      '200 with signed and an error code beside it',
      json(200, { isAgreementSigned: true, code: 2203, description: 'MPA not signed' }),
      unrecognized,
    ],
    ['200 signed, for another MPN ID', json(200, { isAgreementSigned: true, mpnId: '4999999' }), unrecognized],
    ['200 signed, for another CSP region', json(200, { isAgreementSigned: true, region: 'Europe' }), unrecognized],
    [
      '200 signed, for another CSP region spelt as an enum',
      json(200, { isAgreementSigned: true, cspRegion: 'ASIA_PACIFIC' }),
      unrecognized,
    ],
    ['200 signed, for an MPN ID that is no number', json(200, { isAgreementSigned: true, mpnId: { value: HOSTILE_MPN_ID } }), unrecognized],
    ['200 with two contradicting verdicts', json(200, '{"isAgreementSigned": true, "IsAgreementSigned": false}'), unrecognized],
    ['201 signed', json(201, { isAgreementSigned: true }), unrecognized],
    ['202 signed', json(202, { isAgreementSigned: true }), unrecognized],
    ['202 with an HTML page', html(202), unavailable('MALFORMED_RESPONSE')],
    ['204 without a body', raw(204, ''), unavailable('MALFORMED_RESPONSE')],
    ['a body over any sane size', huge(200), unavailable('MALFORMED_RESPONSE')],
    ['a body that stalls past the deadline', stallMidBody, unavailable('TIMEOUT')],
    ['a connection reset mid-body', resetMidBody, unavailable('NETWORK_ERROR')],
    ['a connection closed before any answer', (res) => res.socket?.destroy(), unavailable('NETWORK_ERROR')],
    ['an endless chunked body', endlessBody, unavailable('MALFORMED_RESPONSE')],
    [
      'a header over any sane size',
      json(200, { isAgreementSigned: true }, { 'x-padding': 'x'.repeat(100_000) }),
      unavailable('NETWORK_ERROR'),
    ],
    ['400 with an HTML page', html(400), unrecognized],
    ['404 without a body', raw(404, ''), unrecognized],
    ['400 with an unknown code', json(400, { code: 4242, description: 'Something new' }), unrecognized],
    ['400 with a code and no description', json(400, { code: 2203 }), unrecognized],
    ['401 with an HTML page', html(401), { typename: 'MpaPartnerCenterUnavailable', reason: 'CREDENTIALS_REJECTED', retryable: false }],
    ['403 with JSON', json(403, { code: 900123, description: 'x' }), { typename: 'MpaNotSigned', retryable: false }],
    ['408 without a body', raw(408, ''), unavailable('TIMEOUT')],
    ['500 with an HTML page', html(500), unavailable('SERVER_ERROR')],
    ['502 without a body', raw(502, ''), unavailable('SERVER_ERROR')],
    ['503 with a JSON error body', json(503, { code: 2203, description: 'not signed' }), unavailable('SERVER_ERROR')],
    ['503 with Retry-After far off', json(503, {}, { 'retry-after': '86400' }), unavailable('SERVER_ERROR')],
    ['599 with garbage', raw(599, '\u0000\u0001garbage'), unavailable('SERVER_ERROR')],
  ])('%s', async (_label, reply, expected) => {
    upstream.replies.agreementStatus = reply;
    const answer = await ask(shared.graphqlUrl);
    expect(answer.canSubmit).toBe(false);
    expect(answer.mpaStatus.__typename).toBe(expected.typename);
    if (expected.reason) expect(answer.mpaStatus.reason).toBe(expected.reason);
    expect(check(answer, 'MpaAgreementCheck').retryable).toBe(expected.retryable);
    expect(answer.retryable).toBe(expected.retryable);
  });

  it.each<[string, HostileReply]>([
    ['signed with unknown fields beside it', json(200, { isAgreementSigned: true, region: 'anything', extra: [1, 2] })],
    ['signed without a content type', raw(200, '{"isAgreementSigned":true}')],
    ['signed behind a byte-order mark', raw(200, '\ufeff{"isAgreementSigned":true}', { 'content-type': 'application/json' })],
    ['signed, for the region asked', json(200, { isAgreementSigned: true, region: 'United States' })],
    ['signed, the MPN ID asked with leading zeros', json(200, { isAgreementSigned: true, mpnId: `00${HOSTILE_MPN_ID}` })],
    ['signed, with empty error fields', json(200, { isAgreementSigned: true, code: null, errors: [], error: '' })],
    ['signed, labelled as HTML', raw(200, '{"isAgreementSigned":true}', { 'content-type': 'text/html' })],
  ])('reads %s as signed', async (_label, reply) => {
    upstream.replies.agreementStatus = reply;
    expect((await ask(shared.graphqlUrl)).mpaStatus.__typename).toBe('MpaSigned');
  });

  it.each<[string, HostileReply, string]>([
    ['signed, for another tenant', json(200, { isAgreementSigned: true, tenantId: OTHER_TENANT }), 'MpaUnrecognizedAnswer'],
    [
      'signed, for the tenant asked in capitals',
      json(200, { isAgreementSigned: true, TenantId: HOSTILE_TENANT_ID.toUpperCase() }),
      'MpaSigned',
    ],
    ['signed, naming an MPN ID beside the tenant asked', json(200, { isAgreementSigned: true, mpnId: '4999999' }), 'MpaSigned'],
  ])('asked by tenant ID, reads %s', async (_label, reply, typename) => {
    upstream.replies.agreementStatus = reply;
    expect((await ask(shared.graphqlUrl, { tenantId: HOSTILE_TENANT_ID })).mpaStatus.__typename).toBe(typename);
  });

  it.each(['301', '302', '303', '307', '308'])('never follows a %s to another host with the token', async (status) => {
    upstream.replies.agreementStatus = raw(Number(status), '', { location: `${foreign.url}/v1/compliance/csp/agreementstatus?mpnId=1` });
    const answer = await ask(shared.graphqlUrl);
    expect(answer.canSubmit).toBe(false);
    expect(answer.mpaStatus.__typename).toBe('MpaUnrecognizedAnswer');
  });
});

const page = (items: unknown[], extra: Record<string, unknown> = {}) => json(200, { ...healthyRelationships(items), ...extra });

describe('the relationships list answering oddly (a gateway started on it)', () => {
  const started: Gateway[] = [];
  afterAll(() => Promise.all(started.map((gateway) => gateway.stop())));
  async function firstListFrom(reply: HostileReply, order?: Record<string, string>): Promise<Answer> {
    upstream.replies.relationships = reply;
    const { gateway, graphqlUrl } = await startGatewayOn(upstream.url);
    started.push(gateway);
    return ask(graphqlUrl, order);
  }

  it.each<[string, HostileReply, string]>([
    ['200 with an HTML page', html(200), 'MALFORMED_RESPONSE'],
    ['200 with truncated JSON', json(200, '{"totalCount": 1, "items": [{"id": "'), 'MALFORMED_RESPONSE'],
    ['200 with {}', json(200, {}), 'UNRECOGNIZED_ANSWER'],
    ['200 with items as an object', json(200, { items: healthyItem() }), 'UNRECOGNIZED_ANSWER'],
    [
      '200 with items given twice in other letter case',
      json(200, `{"items": [], "Items": [${JSON.stringify(healthyItem())}]}`),
      'UNRECOGNIZED_ANSWER',
    ],
    [
      'an item whose state is given twice',
      json(200, `{"items": [${JSON.stringify(healthyItem()).replace('"state":"active"', '"state":"suspended","state":"active"')}]}`),
      'UNRECOGNIZED_ANSWER',
    ],
    ['202 with the list', json(202, healthyRelationships()), 'UNRECOGNIZED_ANSWER'],
    ['204 without a body', raw(204, ''), 'MALFORMED_RESPONSE'],
    ['a page over any sane size', raw(200, `{"items": [], "padding": "${'x'.repeat(5_000_000)}"}`), 'MALFORMED_RESPONSE'],
    ['a page that stalls mid-body', stallMidBody, 'TIMEOUT'],
    ['a connection reset mid-body', resetMidBody, 'NETWORK_ERROR'],
    ['500 with an HTML page', html(500), 'SERVER_ERROR'],
    ['503 with Retry-After as garbage', json(503, {}, { 'retry-after': 'soon' }), 'SERVER_ERROR'],
    ['401', json(401, { code: 401, description: 'no' }), 'CREDENTIALS_REJECTED'],
    ['404 with an HTML page', html(404), 'UNRECOGNIZED_ANSWER'],
    ['302 to another host', raw(302, '', { location: 'http://127.0.0.1:1/v1/relationships' }), 'UNRECOGNIZED_ANSWER'],
    [
      'a next link to another host',
      page([healthyItem()], { links: { next: { uri: 'http://127.0.0.1:1/v1/relationships?page=2', method: 'GET' } } }),
      'UNRECOGNIZED_ANSWER',
    ],
    [
      'a next link to itself',
      page([healthyItem()], {
        links: { next: { uri: '/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf', method: 'GET' } },
      }),
      'UNRECOGNIZED_ANSWER',
    ],
    ['fewer items than totalCount says', page([healthyItem()], { totalCount: 5 }), 'UNRECOGNIZED_ANSWER'],
  ])('%s: the relationship is unknown, and Submit stays off', async (_label, reply, failure) => {
    const answer = await firstListFrom(reply);
    expect(answer.canSubmit).toBe(false);
    const relationship = check(answer, 'MpaRelationshipCheck');
    expect(relationship.relationship).toEqual({
      __typename: 'MpaRelationshipUnknown',
      reason: 'DIRECTORY_UNAVAILABLE',
      lastRefreshFailure: failure,
    });
    expect(relationship.retryable).toBe(true);
  });

  it.each<[string, unknown[], string, string?]>([
    ['state in capitals', [healthyItem({ state: 'ACTIVE' })], 'MpaRelationshipActive'],
    ['state padded', [healthyItem({ state: ' Active ' })], 'MpaRelationshipActive'],
    ['state unknown', [healthyItem({ state: 'activePending' })], 'MpaRelationshipNotActive', 'activePending'],
    ['state missing', [healthyItem({ state: undefined })], 'MpaRelationshipNotActive', ''],
    ['state true', [healthyItem({ state: true })], 'MpaRelationshipNotActive', ''],
    ['state null', [healthyItem({ state: null })], 'MpaRelationshipNotActive', ''],
    ['another reseller only', [healthyItem({ id: OTHER_TENANT, mpnId: '4999999' })], 'MpaNoRelationship'],
    [
      'the reseller listed twice, active and suspended',
      [healthyItem(), healthyItem({ state: 'suspended' })],
      'MpaRelationshipNotActive',
      'suspended',
    ],
    [
      'the reseller listed twice, suspended and active',
      [healthyItem({ state: 'suspended' }), healthyItem()],
      'MpaRelationshipNotActive',
      'suspended',
    ],
    [
      'its MPN ID on two tenants, one suspended',
      [healthyItem(), healthyItem({ id: OTHER_TENANT, state: 'suspended' })],
      'MpaRelationshipNotActive',
      'suspended',
    ],
    [
      'its tenant twice, active under its MPN ID and suspended under another',
      [healthyItem(), healthyItem({ mpnId: '4999999', state: 'suspended' })],
      'MpaRelationshipNotActive',
      'suspended',
    ],
    ['the reseller under another relationship type', [healthyItem({ relationshipType: 'IsIndirectResellerOf' })], 'MpaNoRelationship'],
    [
      'the relationship type in other letter case',
      [healthyItem({ relationshipType: 'isindirectcloudsolutionproviderof' })],
      'MpaRelationshipActive',
    ],
    ['the MPN ID as a number', [healthyItem({ mpnId: Number(HOSTILE_MPN_ID) })], 'MpaRelationshipActive'],
    ['the item without an id', [healthyItem({ id: undefined })], 'MpaNoRelationship'],
    // A rest parameter: jest would take a fourth named one for a `done` callback when a row has three.
  ])('reads a list with %s', async (...[, items, typename, state]) => {
    const answer = await firstListFrom(page(items, { totalCount: items.length }));
    const relationship = check(answer, 'MpaRelationshipCheck').relationship;
    expect(relationship.__typename).toBe(typename);
    if (state !== undefined) expect(relationship.state).toBe(state);
    expect(answer.canSubmit).toBe(typename === 'MpaRelationshipActive');
  });
});

describe('validateresellers answering oddly', () => {
  const results = (...entries: unknown[]) => json(200, { validationResults: entries });
  const valid = { partnerId: HOSTILE_MPN_ID, isValidPartnerIdOnRecord: true };
  const invalid = {
    partnerId: HOSTILE_MPN_ID,
    isValidPartnerIdOnRecord: false,
    errorCode: 900400,
    errorDescription: 'The PLA ID is not valid',
  };

  it.each<[string, HostileReply, string, (string | boolean)?]>([
    ['200 with an HTML page', html(200), 'MpaPartnerOfRecordUnavailable', 'MALFORMED_RESPONSE'],
    ['200 with truncated JSON', json(200, '{"validationResults": [{"partnerId'), 'MpaPartnerOfRecordUnavailable', 'MALFORMED_RESPONSE'],
    ['200 with {}', json(200, {}), 'MpaPartnerOfRecordUnrecognized', false],
    ['200 with the results as an object', json(200, { validationResults: valid }), 'MpaPartnerOfRecordUnrecognized', false],
    [
      '200 with the results given twice in other letter case',
      json(200, `{"validationResults": [${JSON.stringify(invalid)}], "ValidationResults": [${JSON.stringify(valid)}]}`),
      'MpaPartnerOfRecordUnrecognized',
      false,
    ],
    [
      'a verdict given twice in one entry',
      json(
        200,
        `{"validationResults": [{"partnerId": "${HOSTILE_MPN_ID}", "isValidPartnerIdOnRecord": false, "isValidPartnerIdOnRecord": true}]}`,
      ),
      'MpaPartnerOfRecordUnrecognized',
      false,
    ],
    ['201 with every result valid', json(201, { validationResults: [valid] }), 'MpaPartnerOfRecordUnrecognized', false],
    ['204 without a body', raw(204, ''), 'MpaPartnerOfRecordUnavailable', 'MALFORMED_RESPONSE'],
    [
      'a body over any sane size',
      raw(200, `{"validationResults": [], "padding": "${'x'.repeat(5_000_000)}"}`),
      'MpaPartnerOfRecordUnavailable',
      'MALFORMED_RESPONSE',
    ],
    ['a body that stalls mid-way', stallMidBody, 'MpaPartnerOfRecordUnavailable', 'TIMEOUT'],
    ['a connection reset mid-body', resetMidBody, 'MpaPartnerOfRecordUnavailable', 'NETWORK_ERROR'],
    ['500 with an HTML page', html(500), 'MpaPartnerOfRecordUnavailable', 'SERVER_ERROR'],
    ['503 with Retry-After negative', json(503, {}, { 'retry-after': '-5' }), 'MpaPartnerOfRecordUnavailable', 'SERVER_ERROR'],
    ['403', json(403, {}), 'MpaPartnerOfRecordUnavailable', 'CREDENTIALS_REJECTED'],
    ['400 with an HTML page', html(400), 'MpaPartnerOfRecordUnrecognized', false],
    [
      '307 to another host',
      raw(307, '', { location: 'http://127.0.0.1:1/v1/partners/validateresellers' }),
      'MpaPartnerOfRecordUnrecognized',
      false,
    ],
    ['no result for the partner ID', results(), 'MpaPartnerOfRecordUnrecognized', true],
    ['a result for another partner ID only', results({ ...valid, partnerId: '4999999' }), 'MpaPartnerOfRecordUnrecognized', true],
    ['the verdict as a string', results({ ...valid, isValidPartnerIdOnRecord: 'true' }), 'MpaPartnerOfRecordUnrecognized', true],
    ['the verdict as 1', results({ ...valid, isValidPartnerIdOnRecord: 1 }), 'MpaPartnerOfRecordUnrecognized', true],
    ['the verdict missing', results({ partnerId: HOSTILE_MPN_ID }), 'MpaPartnerOfRecordUnrecognized', true],
    ['valid and invalid for the same ID', results(valid, invalid), 'MpaPartnerOfRecordUnrecognized', true],
    ['invalid and valid for the same ID', results(invalid, valid), 'MpaPartnerOfRecordUnrecognized', true],
    [
      'valid with an error code beside it',
      results({ ...valid, errorCode: 900400, errorDescription: 'not valid' }),
      'MpaPartnerOfRecordUnrecognized',
      true,
    ],
    ['invalid', results(invalid), 'MpaPartnerIdNotValidOnRecord'],
    ['invalid with an unknown code', results({ ...invalid, errorCode: 'X-1' }), 'MpaPartnerOfRecordUndocumentedCode'],
  ])('%s: Submit stays off', async (...[, reply, typename, detail]) => {
    upstream.replies.validateResellers = reply;
    const answer = await ask(shared.graphqlUrl);
    expect(answer.canSubmit).toBe(false);
    const verdict = check(answer, 'MpaPartnerOfRecordCheck');
    expect(verdict.partnerOfRecord.__typename).toBe(typename);
    if (typeof detail === 'string') expect(verdict.partnerOfRecord.reason).toBe(detail);
    if (typeof detail === 'boolean') expect(verdict.partnerOfRecord.missingFromAnswer).toBe(detail);
    expect(verdict.retryable).toBe(typename === 'MpaPartnerOfRecordUnavailable' && detail !== 'CREDENTIALS_REJECTED');
  });

  it.each<[string, HostileReply]>([
    ['valid, twice', results(valid, valid)],
    ['valid, with the ID as a number and leading zeros', results({ ...valid, partnerId: `00${HOSTILE_MPN_ID}` })],
    ['valid, in other letter case', json(200, { ValidationResults: [{ PartnerId: HOSTILE_MPN_ID, IsValidPartnerIdOnRecord: true }] })],
    ['valid, with an empty error code', results({ ...valid, errorCode: null, errorDescription: '' })],
  ])('reads %s as valid', async (_label, reply) => {
    upstream.replies.validateResellers = reply;
    expect(check(await ask(shared.graphqlUrl), 'MpaPartnerOfRecordCheck').partnerOfRecord.__typename).toBe('MpaPartnerOfRecordValid');
  });
});

describe('echoes of the token', () => {
  it("never passes the token on when a reseller list's item echoes it", async () => {
    upstream.replies.relationships = page([healthyItem({ name: `Reseller ${TOKEN}` })]);
    const { gateway, graphqlUrl } = await startGatewayOn(upstream.url);
    try {
      const answer = await ask(graphqlUrl);
      expect(check(answer, 'MpaRelationshipCheck').relationship.resellerName).toBe('Reseller [credential removed]');
    } finally {
      await gateway.stop();
    }
  });

  it.each<[string, HostileRoute, HostileReply]>([
    [
      'in an unknown 400 description',
      'agreementStatus',
      json(400, { code: 4242, description: `token ${TOKEN} is odd`, data: [`https://x.invalid/${TOKEN}`], source: TOKEN }),
    ],
    ['in a page that echoes the request', 'agreementStatus', raw(404, `GET /\nauthorization: Bearer ${TOKEN}\nx-seen-token: ${TOKEN}`)],
    ['in a response header', 'agreementStatus', json(200, { isAgreementSigned: false }, { 'ms-correlationid': TOKEN, 'ms-cv': TOKEN })],
    [
      'in a partner-of-record error description',
      'validateResellers',
      json(200, {
        validationResults: [
          { partnerId: HOSTILE_MPN_ID, isValidPartnerIdOnRecord: false, errorCode: 1, errorDescription: `seen ${TOKEN}` },
        ],
      }),
    ],
    ['in a validateresellers 400', 'validateResellers', json(400, { code: TOKEN, description: TOKEN })],
  ])('never passes the token on when Partner Center echoes it %s', async (_label, route, reply) => {
    upstream.replies[route] = reply;
    const answer = await ask(shared.graphqlUrl);
    expect(answer.canSubmit).toBe(false);
  });
});

describe('429 with odd Retry-After values (a gateway each: a 429 holds the whole account)', () => {
  // One attempt: what is read from the 429 is the point, not waiting out its hold.
  const ONE_ATTEMPT: GatewayConfigInput = {
    resilience: { maxAttempts: 1, operationDeadlineMs: DEADLINE_MS, circuitMinimumCalls: 1_000_000 },
    relationships: { forcedRefreshCooldownSeconds: 0, refreshTimeoutMs: DEADLINE_MS },
  };
  // A Partner Center of their own, so no hold outlives these tests.
  let throttling: HostilePartnerCenter;
  const started: Gateway[] = [];
  beforeAll(async () => {
    throttling = await startHostilePartnerCenter();
  });
  afterAll(async () => {
    await Promise.all(started.map((gateway) => gateway.stop()));
    await throttling.close();
  });
  const throttled = (headers: Record<string, string>, body: unknown = { statusCode: 429, message: 'Rate limit is exceeded.' }) =>
    json(429, body, headers);
  const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toUTCString();

  it.each<[string, () => HostileReply, number | null | [number, number]]>([
    ['in seconds', () => throttled({ 'retry-after': '30' }), 30],
    [
      'missing, with the wait in the message',
      () => throttled({}, { statusCode: 429, message: 'Rate limit is exceeded. Try again in 57 seconds.' }),
      57,
    ],
    ['missing, with no wait anywhere', () => throttled({}), null],
    ['zero', () => throttled({ 'retry-after': '0' }), 0],
    ['negative', () => throttled({ 'retry-after': '-5' }), null],
    ['a fraction', () => throttled({ 'retry-after': '1.5' }), null],
    ['garbage', () => throttled({ 'retry-after': 'soon' }), null],
    ['huge', () => throttled({ 'retry-after': '99999999999999999999' }), 300],
    ['an HTTP date 40 s ahead', () => throttled({ 'retry-after': inSeconds(40) }), [38, 41]],
    ['an HTTP date in the past', () => throttled({ 'retry-after': inSeconds(-60) }), 0],
    ['an HTTP date years ahead', () => throttled({ 'retry-after': inSeconds(86_400 * 800) }), 300],
  ])('agreementstatus: Retry-After %s', async (_label, reply, seconds) => {
    const { gateway, graphqlUrl } = await startGatewayOn(throttling.url, ONE_ATTEMPT);
    started.push(gateway);
    throttling.replies.agreementStatus = reply();
    const answer = await ask(graphqlUrl);
    expect(answer).toMatchObject({ canSubmit: false, retryable: true });
    expect(answer.mpaStatus).toMatchObject({ __typename: 'MpaPartnerCenterUnavailable', reason: 'THROTTLED' });
    if (Array.isArray(seconds)) {
      expect(answer.mpaStatus.retryAfterSeconds).toBeGreaterThanOrEqual(seconds[0]);
      expect(answer.mpaStatus.retryAfterSeconds).toBeLessThanOrEqual(seconds[1]);
    } else expect(answer.mpaStatus.retryAfterSeconds).toBe(seconds);
  });

  it.each<[string, HostileRoute]>([
    ['the relationships list', 'relationships'],
    ['validateresellers', 'validateResellers'],
  ])('%s: a 429 asking for days is THROTTLED and retryable, answered within the deadline', async (_label, route) => {
    throttling.replies[route] = throttled({ 'retry-after': '999999' });
    const { gateway, graphqlUrl } = await startGatewayOn(throttling.url, ONE_ATTEMPT);
    started.push(gateway);
    const answer = await ask(graphqlUrl);
    expect(answer).toMatchObject({ canSubmit: false, retryable: true });
    const found =
      route === 'relationships'
        ? check(answer, 'MpaRelationshipCheck').relationship.lastRefreshFailure
        : check(answer, 'MpaPartnerOfRecordCheck').partnerOfRecord.reason;
    expect(found).toBe('THROTTLED');
  });
});

describe('with failPolicy open: only answers Partner Center could not give let an order through unverified', () => {
  let open: { gateway: Gateway; graphqlUrl: string };
  const started: Gateway[] = [];
  beforeAll(async () => {
    // Before the first test's beforeEach: the last test's reply may still be set.
    upstream.reset();
    open = await startGatewayOn(upstream.url, { failPolicy: 'open' });
    expect((await ask(open.graphqlUrl)).canSubmit).toBe(true);
  });
  afterAll(() => Promise.all([open?.gateway.stop(), ...started.map((gateway) => gateway.stop())]));

  it.each<[string, HostileRoute, HostileReply, boolean]>([
    ['agreementstatus: 200 with an HTML page', 'agreementStatus', html(200), true],
    ['agreementstatus: 503', 'agreementStatus', raw(503, ''), true],
    ['agreementstatus: 204 without a body', 'agreementStatus', raw(204, ''), true],
    ['agreementstatus: 202 saying not signed', 'agreementStatus', json(202, { isAgreementSigned: false }), false],
    ['agreementstatus: 200 with "false" as a string', 'agreementStatus', json(200, { isAgreementSigned: 'false' }), false],
    ['agreementstatus: 200 with {}', 'agreementStatus', json(200, {}), false],
    [
      'agreementstatus: 200 with the verdict given twice',
      'agreementStatus',
      json(200, '{"isAgreementSigned": false, "isAgreementSigned": true}'),
      false,
    ],
    [
      'agreementstatus: 200 signed beside an error code',
      'agreementStatus',
      json(200, { isAgreementSigned: true, code: 2203, description: 'not signed' }),
      false,
    ],
    ['validateresellers: 200 with an HTML page', 'validateResellers', html(200), true],
    [
      'validateresellers: 200 with the results as an object',
      'validateResellers',
      json(200, { validationResults: { partnerId: HOSTILE_MPN_ID, isValidPartnerIdOnRecord: false } }),
      false,
    ],
    [
      'validateresellers: 200 with a verdict given twice',
      'validateResellers',
      json(
        200,
        `{"validationResults": [{"partnerId": "${HOSTILE_MPN_ID}", "isValidPartnerIdOnRecord": false, "isValidPartnerIdOnRecord": true}]}`,
      ),
      false,
    ],
  ])('%s', async (_label, route, reply, letThrough) => {
    upstream.replies[route] = reply;
    const answer = await ask(open.graphqlUrl);
    expect(answer.canSubmit).toBe(letThrough);
    if (letThrough) expect(answer.verified).toBe(false);
  });

  it.each<[string, HostileReply, boolean]>([
    ['200 with an HTML page', html(200), true],
    ['200 with items as an object', json(200, { items: healthyItem() }), false],
    [
      '200 with an item whose state is given twice',
      json(200, `{"items": [${JSON.stringify(healthyItem()).replace('"state":"active"', '"state":"suspended","state":"active"')}]}`),
      false,
    ],
  ])('the relationships list: %s', async (_label, reply, letThrough) => {
    upstream.replies.relationships = reply;
    const { gateway, graphqlUrl } = await startGatewayOn(upstream.url, { failPolicy: 'open' });
    started.push(gateway);
    const answer = await ask(graphqlUrl);
    expect(answer.canSubmit).toBe(letThrough);
    if (letThrough) expect(answer.verified).toBe(false);
  });
});
