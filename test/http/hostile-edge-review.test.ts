import { createHash } from 'node:crypto';
import net from 'node:net';
import zlib from 'node:zlib';
import fetch, { Response } from 'node-fetch';
import { GatewayErrorCode } from '../../src/errors/gateway-error-code';
import { ProductionLikeGateway, TEST_API_KEY, startProductionLikeGateway } from '../support/production-like-gateway';

/**
 * The HTTP and GraphQL edge as a hostile client meets it, over real sockets to a gateway
 * configured as deployed (API keys with scopes, introspection off, the response micro-cache
 * on): every refusal is a 4xx in the gateway's own error shape with a stable code, nothing in
 * a body names a file, a stack or a key, and a normal question is still answered afterwards.
 * Complements hostile-input.test.ts (the GraphQL limits) and the security suite.
 */

const BROWSER_KEY = 'browser-order-form-key-7d2e91c4b8';
const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');
const TYPENAME = JSON.stringify({ query: '{ __typename }' });
const ORDER = 'query ($o: MpaOrderLineInput!) { orderEligibility(order: $o) { canSubmit } }';
const SIGNED_LINE = { o: { mpnId: '1000001', region: 'UNITED_STATES' } };

/** What a refusal's body must never carry: a source path, a stack frame, an engine error, a key. */
const LEAKS = /node_modules|\/src\/|\.[jt]s:\d+|\n\s+at |call stack|FST_ERR|checkout-service-key|browser-order-form-key/i;

interface RawAnswer {
  readonly status: number;
  readonly headers: string;
  readonly body: string;
}

/** Writes `request` as bytes on a new connection and reads until the server closes it. */
function exchange(url: string, request: string | Buffer): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const [head, ...rest] = text.split('\r\n\r\n');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(head);
      if (!status) return reject(new Error(`no HTTP answer: ${JSON.stringify(text.slice(0, 200))}`));
      resolve({ status: Number(status[1]), headers: head, body: rest.join('\r\n\r\n') });
    });
    socket.write(request);
  });
}

/** A request as its bytes: the request line, headers (Host and Connection: close added), and a body. */
function rawRequest(requestLine: string, headers: readonly string[], body = ''): string {
  return [requestLine, 'Host: gateway', ...headers, 'Connection: close', '', body].join('\r\n');
}

const keyed = [`x-api-key: ${TEST_API_KEY}`, 'content-type: application/json'];
const withLength = (body: string) => [`content-length: ${Buffer.byteLength(body)}`];
const chunked = (parts: readonly string[]) =>
  parts.map((part) => `${Buffer.byteLength(part).toString(16)}\r\n${part}\r\n`).join('') + '0\r\n\r\n';

function expectRefusal(status: number, body: string, expected: { status: number; code: GatewayErrorCode }) {
  expect({ status, body }).toEqual({ status: expected.status, body: expect.any(String) });
  expect(body).not.toMatch(LEAKS);
  const parsed = JSON.parse(body) as { errors: Array<{ message: string; extensions: { code: GatewayErrorCode } }> };
  expect(parsed.errors.map((error) => error.extensions.code)).toContain(expected.code);
  expect(parsed.errors.every((error) => error.extensions.code !== GatewayErrorCode.INTERNAL_SERVER_ERROR)).toBe(true);
  return parsed;
}

async function expectRefused(response: Response, status: number, code: GatewayErrorCode) {
  return expectRefusal(response.status, await response.text(), { status, code });
}

/** `{"a":{"a":…"x"…}}` nested `depth` objects deep, as text (JSON.stringify would recurse as deep). */
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`;
const nestedLists = (depth: number) => `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;

describe('Hostile edge review (production-like gateway, micro-cache on)', () => {
  let edge: ProductionLikeGateway;
  beforeAll(async () => {
    edge = await startProductionLikeGateway({
      config: {
        http: { responseCacheMs: 60_000 },
        clientAuth: {
          apiKeys: [
            { name: 'checkout', sha256: sha256(TEST_API_KEY) },
            { name: 'order-form-browser', sha256: sha256(BROWSER_KEY), scopes: ['orders:check'] },
          ],
        },
      },
    });
  });
  afterAll(async () => {
    // Whatever came before, a plain order line is still answered.
    const healthy = await edge.post({ query: ORDER, variables: SIGNED_LINE });
    expect([healthy.status, await healthy.json()]).toEqual([200, { data: { orderEligibility: { canSubmit: true } } }]);
    await edge.stop();
  });

  describe('requests the HTTP parser refuses', () => {
    it.each<[string, string | Buffer, number, GatewayErrorCode]>([
      [
        'a CR inside X-Request-Id (header injection)',
        rawRequest('POST /graphql HTTP/1.1', [...keyed, 'x-request-id: a\rset-cookie: x=1', ...withLength(TYPENAME)], TYPENAME),
        400,
        GatewayErrorCode.BAD_REQUEST,
      ],
      [
        'a NUL inside Accept-Language (the micro-cache key separator)',
        rawRequest('POST /graphql HTTP/1.1', [...keyed, 'accept-language: pt\u0000en', ...withLength(TYPENAME)], TYPENAME),
        400,
        GatewayErrorCode.BAD_REQUEST,
      ],
      [
        'a chunk size that is not hexadecimal',
        rawRequest('POST /graphql HTTP/1.1', [...keyed, 'transfer-encoding: chunked'], 'zz\r\n{}\r\n0\r\n\r\n'),
        400,
        GatewayErrorCode.BAD_REQUEST,
      ],
      [
        'Transfer-Encoding beside Content-Length (smuggling)',
        rawRequest('POST /graphql HTTP/1.1', [...keyed, 'transfer-encoding: chunked', 'content-length: 5'], chunked([TYPENAME])),
        400,
        GatewayErrorCode.BAD_REQUEST,
      ],
      [
        'two Content-Length headers that disagree',
        rawRequest('POST /graphql HTTP/1.1', [...keyed, ...withLength(TYPENAME), 'content-length: 3'], TYPENAME),
        400,
        GatewayErrorCode.BAD_REQUEST,
      ],
      [
        'a folded header line',
        rawRequest('POST /graphql HTTP/1.1', [...keyed, 'x-note: a', ' b', ...withLength(TYPENAME)], TYPENAME),
        400,
        GatewayErrorCode.BAD_REQUEST,
      ],
      ['a request line that is not HTTP', 'GARBAGE\r\n\r\n', 400, GatewayErrorCode.BAD_REQUEST],
      [
        'headers over 16 KB',
        rawRequest('POST /graphql HTTP/1.1', [...keyed, `x-pad: ${'p'.repeat(20_000)}`, ...withLength(TYPENAME)], TYPENAME),
        431,
        GatewayErrorCode.REQUEST_HEADERS_TOO_LARGE,
      ],
      [
        'a URL over 16 KB',
        rawRequest(`GET /graphql?query=${'a'.repeat(20_000)} HTTP/1.1`, keyed),
        431,
        GatewayErrorCode.REQUEST_HEADERS_TOO_LARGE,
      ],
      [
        'a path with a broken percent-escape',
        rawRequest('POST /graphql%zz HTTP/1.1', [...keyed, ...withLength(TYPENAME)], TYPENAME),
        400,
        GatewayErrorCode.BAD_REQUEST,
      ],
      [
        'an HTTP/1.1 request without Host',
        ['POST /graphql HTTP/1.1', ...keyed, ...withLength(TYPENAME), 'Connection: close', '', TYPENAME].join('\r\n'),
        400,
        GatewayErrorCode.BAD_REQUEST,
      ],
      [
        'a chunked body over http.maxBodyBytes',
        rawRequest('POST /graphql HTTP/1.1', [...keyed, 'transfer-encoding: chunked'], chunked(Array(40).fill('x'.repeat(8_192)))),
        413,
        GatewayErrorCode.PAYLOAD_TOO_LARGE,
      ],
      [
        'a Content-Length of 100 GB',
        rawRequest('POST /graphql HTTP/1.1', [...keyed, 'content-length: 100000000000'], '{'),
        413,
        GatewayErrorCode.PAYLOAD_TOO_LARGE,
      ],
    ])('answers %s in the gateway error shape', async (_label, request, status, code) => {
      const answer = await exchange(edge.url, request);
      expectRefusal(answer.status, answer.body, { status, code });
      expect(answer.body).not.toContain('%zz');
      expect(answer.headers).toMatch(/content-type: application\/json/i);
    });

    it('answers a request with an expectation it does not know (Expect: bogus) as if it had none', async () => {
      const answer = await exchange(
        edge.url,
        rawRequest('POST /graphql HTTP/1.1', [...keyed, 'expect: bogus', ...withLength(TYPENAME)], TYPENAME),
      );
      expect([answer.status, answer.body]).toEqual([200, '{"data":{"__typename":"Query"}}\n']);
    });

    it('reads an odd but valid chunked body: one byte per chunk, chunk extensions, a trailer', async () => {
      const body = `${chunked(TYPENAME.split('')).replace('1\r\n', '1;ext=1\r\n').slice(0, -2)}x-trailer: 1\r\n\r\n`;
      const answer = await exchange(edge.url, rawRequest('POST /graphql HTTP/1.1', [...keyed, 'transfer-encoding: chunked'], body));
      expect([answer.status, answer.body]).toEqual([200, '{"data":{"__typename":"Query"}}\n']);
    });

    it.each([
      ['two X-Api-Key headers, the second one valid', [`x-api-key: ${'w'.repeat(43)}`, `x-api-key: ${TEST_API_KEY}`]],
      ['the API key in the query string', []],
    ])('refuses %s: 401', async (_label, keys) => {
      const target = keys.length ? '/graphql' : `/graphql?x-api-key=${TEST_API_KEY}&api_key=${TEST_API_KEY}`;
      const answer = await exchange(
        edge.url,
        rawRequest(`POST ${target} HTTP/1.1`, [...keys, 'content-type: application/json', ...withLength(TYPENAME)], TYPENAME),
      );
      expectRefusal(answer.status, answer.body, { status: 401, code: GatewayErrorCode.UNAUTHENTICATED });
    });

    it.each([
      ['5,000 characters', 'r'.repeat(5_000)],
      ['UTF-8 bytes', Buffer.from('pedido-ñ-日本', 'utf8').toString('latin1')],
      ['two values', 'a-1\r\nx-request-id: b-2'],
    ])('never echoes an X-Request-Id of %s: the answer carries a fresh id', async (_label, value) => {
      const request = rawRequest('POST /graphql HTTP/1.1', [...keyed, `x-request-id: ${value}`, ...withLength(TYPENAME)], TYPENAME);
      const answer = await exchange(edge.url, Buffer.from(request, 'latin1'));
      expect(answer.status).toBe(200);
      expect(answer.headers).toMatch(/\r\nx-request-id: [0-9a-f-]{36}(\r\n|$)/);
    });
  });

  describe('bodies the gateway does not read', () => {
    const post = (body: string | Buffer, headers: Record<string, string>) =>
      fetch(edge.url, { method: 'POST', headers: { 'x-api-key': TEST_API_KEY, ...headers }, body });
    const json = { 'content-type': 'application/json' };

    it.each<[string, string | Buffer, Record<string, string>]>([
      ['a gzip-compressed body', zlib.gzipSync(TYPENAME), { ...json, 'content-encoding': 'gzip' }],
      ['a deflate-compressed body', zlib.deflateSync(TYPENAME), { ...json, 'content-encoding': 'deflate' }],
      ['a brotli-compressed body', zlib.brotliCompressSync(TYPENAME), { ...json, 'content-encoding': 'br' }],
      ['a plain body labelled with an unknown coding', TYPENAME, { ...json, 'content-encoding': 'x-bogus' }],
      ['a body in Latin-1', TYPENAME, { 'content-type': 'application/JSON; charset=latin1' }],
      ['a body in UTF-16', Buffer.from(TYPENAME, 'utf16le'), { 'content-type': 'application/json; charset=utf-16' }],
      ['a JSON Patch document', TYPENAME, { 'content-type': 'application/json-patch+json' }],
      ['a bare GraphQL document', '{ __typename }', { 'content-type': 'application/graphql' }],
    ])('refuses %s: 415 UNSUPPORTED_MEDIA_TYPE', async (_label, body, headers) => {
      await expectRefused(await post(body, headers), 415, GatewayErrorCode.UNSUPPORTED_MEDIA_TYPE);
    });

    it('never answers a body under a content coding from the micro-cache, even one it holds for the plain body', async () => {
      const plain = JSON.stringify({ query: '{ cspRegions { region } }' });
      expect((await post(plain, json)).status).toBe(200);
      await expectRefused(await post(plain, { ...json, 'content-encoding': 'gzip' }), 415, GatewayErrorCode.UNSUPPORTED_MEDIA_TYPE);
    });

    it.each([
      ['Content-Encoding: identity', { ...json, 'content-encoding': 'identity' }],
      ['charset=UTF-8', { 'content-type': 'application/json; charset=UTF-8' }],
      ['a quoted charset and upper-case type', { 'content-type': 'APPLICATION/JSON; charset="utf-8"' }],
    ])('reads a plain UTF-8 body with %s', async (_label, headers) => {
      const response = await post(TYPENAME, headers);
      expect([response.status, await response.json()]).toEqual([200, { data: { __typename: 'Query' } }]);
    });
  });

  describe('JSON the gateway refuses before GraphQL sees it', () => {
    it.each<[string, string]>([
      ['nothing (an empty body)', ''],
      ['null', 'null'],
      ['an empty list', '[]'],
      ['an empty object', '{}'],
      ['a number', '1'],
      ['extensions as a string', '{"query":"{ __typename }","extensions":"{}"}'],
      ['extensions as a list', '{"query":"{ __typename }","extensions":[1]}'],
      [
        'constructor.prototype inside a list of variables',
        '{"query":"{ __typename }","variables":{"a":[{"constructor":{"prototype":{"x":1}}}]}}',
      ],
      ['__proto__ inside extensions', '{"query":"{ __typename }","extensions":{"__proto__":{"x":1}}}'],
      ['variables nested 5,000 objects deep', `{"query":${JSON.stringify(ORDER)},"variables":{"o":${nestedObjects(5_000)}}}`],
      ['an unused variable nested 5,000 objects deep', `{"query":"{ __typename }","variables":{"z":${nestedObjects(5_000)}}}`],
      ['extensions nested 50,000 lists deep', `{"query":"{ __typename }","extensions":{"z":${nestedLists(50_000)}}}`],
      ['variables nested 40 deep', `{"query":"{ __typename }","variables":{"z":${nestedObjects(40)}}}`],
    ])('refuses a body of %s: 400 BAD_REQUEST', async (_label, body) => {
      await expectRefused(await edge.post(body), 400, GatewayErrorCode.BAD_REQUEST);
    });

    it('refuses GET variables nested deeper than a body may be: 400 BAD_REQUEST', async () => {
      const url = `${edge.url}?query=${encodeURIComponent('{ __typename }')}&variables=${encodeURIComponent(`{"z":${nestedLists(100)}}`)}`;
      const response = await fetch(url, { headers: { 'x-api-key': TEST_API_KEY, 'apollo-require-preflight': 'true' } });
      await expectRefused(response, 400, GatewayErrorCode.BAD_REQUEST);
    });

    it('counts no bracket inside a string, escaped quotes included', async () => {
      const locale = `\\"${'['.repeat(100)}\\"${'{'.repeat(100)}`;
      const response = await edge.post({ query: `{ cspRegions(locale: "${locale}") { region } }` });
      expect([response.status, await response.json()]).toEqual([200, { data: { cspRegions: [{ region: 'UNITED_STATES' }] } }]);
    });

    it("answers a router's _entities representations, as deep as a real request nests", async () => {
      const response = await edge.post({
        query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Reseller { mpnId } } }',
        variables: { r: [{ __typename: 'Reseller', mpnId: '1000001' }] },
      });
      expect(await response.json()).toEqual({ data: { _entities: [{ mpnId: '1000001' }] } });
    });
  });

  describe('GraphQL documents', () => {
    it.each<[string, unknown, number, GatewayErrorCode]>([
      [
        'a fragment cycle',
        { query: '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }' },
        400,
        GatewayErrorCode.GRAPHQL_VALIDATION_FAILED,
      ],
      [
        'a fragment spreading itself',
        { query: '{ ...A } fragment A on Query { __typename ...A }' },
        400,
        GatewayErrorCode.GRAPHQL_VALIDATION_FAILED,
      ],
      ['a NUL in the query text', '{"query":"{ __typename \\u0000 }"}', 400, GatewayErrorCode.GRAPHQL_PARSE_FAILED],
      ['a lone surrogate in the query text', '{"query":"{ __typename \\ud800 }"}', 400, GatewayErrorCode.GRAPHQL_PARSE_FAILED],
      [
        'introspection under an alias',
        { query: '{ s: __schema { queryType { name } } }' },
        400,
        GatewayErrorCode.GRAPHQL_VALIDATION_FAILED,
      ],
      [
        '__type inside a fragment',
        { query: '{ ...F } fragment F on Query { __type(name: "Reseller") { name } }' },
        400,
        GatewayErrorCode.GRAPHQL_VALIDATION_FAILED,
      ],
      [
        'a subscription chosen by operationName',
        { query: 'subscription S { __typename } query Q { __typename }', operationName: 'S' },
        400,
        GatewayErrorCode.GRAPHQL_VALIDATION_FAILED,
      ],
      [
        'an empty operationName',
        { query: 'query A { __typename }', operationName: '' },
        400,
        GatewayErrorCode.OPERATION_RESOLUTION_FAILURE,
      ],
      [
        'aliases spread through fragments, counted at every spread',
        {
          query: `{ ...A ...B } fragment A on Query { ${Array.from({ length: 15 }, (_, i) => `a${i}: cspRegions { region }`).join(' ')} } fragment B on Query { ${Array.from({ length: 15 }, (_, i) => `b${i}: cspRegions { region }`).join(' ')} }`,
        },
        400,
        GatewayErrorCode.GRAPHQL_VALIDATION_FAILED,
      ],
    ])('refuses %s', async (_label, body, status, code) => {
      await expectRefused(await edge.post(body), status, code);
    });

    it.each([
      ['a list literal nested 3,000 deep', `{ resellers(mpnIds: ${'['.repeat(3_000)}"1"${']'.repeat(3_000)}) { mpnId } }`],
      ['an object literal nested 3,000 deep', `{ orderEligibility(order: ${'{a:'.repeat(3_000)}1${'}'.repeat(3_000)}) { canSubmit } }`],
    ])('refuses %s as a parse failure that says what is wrong', async (_label, query) => {
      const refused = await expectRefused(await edge.post({ query }), 400, GatewayErrorCode.GRAPHQL_PARSE_FAILED);
      expect(refused.errors[0].message).toMatch(/nest/i);
    });

    it('refuses the same field asked 1,000 times as a validation failure that says what is wrong', async () => {
      const refused = await expectRefused(
        await edge.post({ query: `{ ${'cspRegions { region } '.repeat(1_000)}}` }),
        400,
        GatewayErrorCode.GRAPHQL_VALIDATION_FAILED,
      );
      expect(refused.errors[0].message).not.toBe('Validation aborted.');
      expect(refused.errors[0].message).toMatch(/too complex/i);
    });

    it.each<[string, string, GatewayErrorCode]>([
      [
        'a persisted-query hash',
        `query=&extensions=${encodeURIComponent('{"persistedQuery":{"version":1,"sha256Hash":"' + 'a'.repeat(64) + '"}}')}`,
        GatewayErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
      ],
      ['a subscription', `query=${encodeURIComponent('subscription { __typename }')}`, GatewayErrorCode.GRAPHQL_VALIDATION_FAILED],
      ['variables that are not JSON', `query=${encodeURIComponent('{ __typename }')}&variables=%7B`, GatewayErrorCode.BAD_REQUEST],
      [
        'the query twice',
        `query=${encodeURIComponent('{ __typename }')}&query=${encodeURIComponent('{ cspRegions { region } }')}`,
        GatewayErrorCode.BAD_REQUEST,
      ],
    ])('refuses over GET %s: 400', async (_label, search, code) => {
      const response = await fetch(`${edge.url}?${search}`, { headers: { 'x-api-key': TEST_API_KEY, 'apollo-require-preflight': 'true' } });
      await expectRefused(response, 400, code);
    });

    it('runs the body of a POST, never a query in its URL', async () => {
      edge.emulator.clearCalls();
      const mutation = encodeURIComponent('mutation { recheckMpaStatus(order: {mpnId: "1000001", region: UNITED_STATES}) { canSubmit } }');
      const response = await fetch(`${edge.url}?query=${mutation}`, {
        method: 'POST',
        headers: { 'x-api-key': BROWSER_KEY, 'content-type': 'application/json' },
        body: TYPENAME,
      });
      expect([response.status, await response.json(), edge.emulator.callCount()]).toEqual([200, { data: { __typename: 'Query' } }, 0]);
    });

    it('answers 2,000 operations in one document when operationName picks one', async () => {
      const query = Array.from({ length: 2_000 }, (_, i) => `query Q${i} { __typename }`).join(' ');
      const response = await edge.post({ query, operationName: 'Q1999' });
      expect([response.status, await response.json()]).toEqual([200, { data: { __typename: 'Query' } }]);
    });
  });

  describe('a key with orders:check only, dodging its scope', () => {
    const asBrowser = (body: unknown) => edge.post(body, { 'x-api-key': BROWSER_KEY });

    it.each<[string, unknown, string]>([
      ['under @skip(if: true)', { query: '{ reseller(mpnId: "1000001") { mpnId name @skip(if: true) } }' }, 'Reseller.name'],
      [
        'under @include(if: $f) with f false',
        { query: 'query ($f: Boolean!) { reseller(mpnId: "1000001") { mpnId name @include(if: $f) } }', variables: { f: false } },
        'Reseller.name',
      ],
      [
        'through fragments on an interface and its sub-interface',
        {
          query: `{ orderEligibility(order: {mpnId: "1000001", region: UNITED_STATES}) { checks { ... on MpaRelationshipCheck {
            relationship { ... on MpaRelationshipOutcome { ... on MpaListedRelationship { resellerName } } } } } } }`,
        },
        'MpaListedRelationship.resellerName',
      ],
      [
        'through _entities and a fragment on the _Entity union',
        {
          query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on _Entity { ... on Reseller { listedTenantId } } } }',
          variables: { r: [{ __typename: 'Reseller', mpnId: '1000001' }] },
        },
        'Reseller.listedTenantId',
      ],
    ])('is refused a book field %s: 403', async (_label, body, field) => {
      edge.emulator.clearCalls();
      const refused = await expectRefused(await asBrowser(body), 403, GatewayErrorCode.FORBIDDEN);
      expect(refused.errors[0].message).toContain(field);
      expect(edge.emulator.callCount()).toBe(0);
    });

    it('runs the query a document names even when the document also holds a recheck it may not ask', async () => {
      const query =
        'mutation M { recheckMpaStatus(order: {mpnId: "1000001", region: UNITED_STATES}) { canSubmit } } query Q { __typename }';
      const response = await asBrowser({ query, operationName: 'Q' });
      expect([response.status, await response.json()]).toEqual([200, { data: { __typename: 'Query' } }]);
    });
  });

  describe('methods and paths', () => {
    it.each([
      ['TRACE', undefined],
      ['QUERY', TYPENAME],
    ])('answers %s on /graphql 405 METHOD_NOT_ALLOWED', async (method, body) => {
      const headers = [...keyed, ...(body ? withLength(body) : [])];
      const answer = await exchange(edge.url, rawRequest(`${method} /graphql HTTP/1.1`, headers, body));
      expectRefusal(answer.status, answer.body, { status: 405, code: GatewayErrorCode.METHOD_NOT_ALLOWED });
      expect(answer.headers).toMatch(/\r\nallow: GET, POST/i);
    });

    it('answers HEAD 405 with Allow, and a CORS preflight 401 with no Access-Control header', async () => {
      const head = await fetch(`${edge.url}?query=%7B__typename%7D`, {
        method: 'HEAD',
        headers: { 'x-api-key': TEST_API_KEY, 'apollo-require-preflight': 'true' },
      });
      expect([head.status, head.headers.get('allow')]).toEqual([405, 'GET, POST']);
      const preflight = await fetch(edge.url, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-api-key' },
      });
      expect(preflight.status).toBe(401);
      expect([...preflight.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    });

    it.each(['/graphql/', '//graphql', '/GRAPHQL', '/graphql%2F', '/graphql%00'])('answers POST %s 404 NOT_FOUND', async (path) => {
      const answer = await exchange(edge.url, rawRequest(`POST ${path} HTTP/1.1`, [...keyed, ...withLength(TYPENAME)], TYPENAME));
      expectRefusal(answer.status, answer.body, { status: 404, code: GatewayErrorCode.NOT_FOUND });
    });
  });
});

describe('Hostile edge review: a client that times out its headers', () => {
  it('is answered 408 REQUEST_TIMEOUT in the gateway error shape', async () => {
    const edge = await startProductionLikeGateway({ config: { http: { headersTimeoutMs: 200, requestTimeoutMs: 400 } } });
    try {
      const answer = await exchange(edge.url, `POST /graphql HTTP/1.1\r\nHost: gateway\r\nx-api-key: ${TEST_API_KEY}\r\n`);
      expectRefusal(answer.status, answer.body, { status: 408, code: GatewayErrorCode.REQUEST_TIMEOUT });
    } finally {
      await edge.stop();
    }
  });
});

describe('Hostile edge review: addresses behind a trusted proxy', () => {
  let edge: ProductionLikeGateway;
  beforeAll(async () => {
    edge = await startProductionLikeGateway({
      config: {
        clientAuth: { maxFailuresPerMinute: 3, allowAnonymous: true },
        http: { trustProxy: '127.0.0.1', requestsPerMinute: 3 },
      },
    });
  });
  afterAll(() => edge.stop());

  const from = (address: string, headers: Record<string, string>) => edge.post(TYPENAME, { 'x-forwarded-for': address, ...headers });
  const wrongKey = { 'x-api-key': 'w'.repeat(43) };
  const anonymous = { 'x-api-key': '' };

  it('holds an IPv6 guesser to one limit across the addresses of its /56', async () => {
    for (const address of ['2001:db8:1:200::1', '2001:db8:1:2ab::2', '2001:db8:1:2ff:ffff:ffff:ffff:3']) {
      expect((await from(address, wrongKey)).status).toBe(401);
    }
    await expectRefused(await from('2001:db8:1:2cd::9', { 'x-api-key': TEST_API_KEY }), 429, GatewayErrorCode.AUTH_FAILURES_LIMITED);
    expect((await from('2001:db8:1:300::1', { 'x-api-key': TEST_API_KEY })).status).toBe(200);
  });

  it('counts an IPv4 address and its IPv4-mapped IPv6 form as one address', async () => {
    for (const address of ['198.51.100.7', '::ffff:198.51.100.7', '::ffff:c633:6407'])
      expect((await from(address, wrongKey)).status).toBe(401);
    await expectRefused(await from('198.51.100.7', { 'x-api-key': TEST_API_KEY }), 429, GatewayErrorCode.AUTH_FAILURES_LIMITED);
  });

  it('holds anonymous IPv6 callers to one request limit across their /56', async () => {
    const statuses = [];
    for (const host of ['1', '2', '3', '4']) statuses.push((await from(`2001:db8:5:6::${host}`, anonymous)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe('Hostile edge review: X-Forwarded-For without a trusted proxy', () => {
  it('never lets a locked-out address back in by naming another one', async () => {
    const edge = await startProductionLikeGateway({ config: { clientAuth: { maxFailuresPerMinute: 2 } } });
    try {
      for (let i = 0; i < 2; i += 1) expect((await edge.post(TYPENAME, { 'x-api-key': 'w'.repeat(43) })).status).toBe(401);
      const spoofs: Array<Record<string, string>> = [
        { 'x-forwarded-for': '203.0.113.9' },
        { 'x-real-ip': '203.0.113.9' },
        { forwarded: 'for=203.0.113.9' },
      ];
      for (const spoof of spoofs) {
        await expectRefused(await edge.post(TYPENAME, spoof), 429, GatewayErrorCode.AUTH_FAILURES_LIMITED);
      }
    } finally {
      await edge.stop();
    }
  });
});
