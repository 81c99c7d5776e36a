import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import fetch from 'node-fetch';
import { sandboxToken } from '../../src/emulator/partner-center/emulated-world';
import { Emulator, startEmulator } from '../../src/emulator/partner-center/emulator-server';
import { scratchFolder } from '../support/audit-runner';
import { eventually } from '../support/eventually';
import { startGatewayProcess } from '../support/gateway-main-process';
import { startReceiver } from '../support/otlp-receiver';

const API_KEY = 'portal-key-9c1f4e27b8d3a6';
const STATIC_TOKEN = sandboxToken('UNITED_STATES');
const BAGGAGE_SECRET = 'baggage-secret-7e3b';
const TRACESTATE_SECRET = 'tracestate-secret-4a9d';

/** A pass-through in front of the emulator that keeps the headers of every request Partner Center would get. */
function startRecordingProxy(target: string): Promise<{ url: string; headers: http.IncomingHttpHeaders[]; close(): Promise<void> }> {
  const seen: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((request, response) => {
    seen.push(request.headers);
    const upstream = http.request(
      `${target}${request.url ?? ''}`,
      { method: request.method, headers: { ...request.headers, host: new URL(target).host } },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    request.pipe(upstream);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        headers: seen,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    ),
  );
}

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ extensions?: { code?: string } }> };
}

describe('Hostile trace context, baggage and credentials in what a client sends', () => {
  jest.setTimeout(60_000);
  let emulator: Emulator;
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let gateway: Awaited<ReturnType<typeof startGatewayProcess>>;
  let decisionFile: string;

  const ask = async (body: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY, ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  };
  const order = (mpnId: string, name = 'CheckOrder') => ({
    query: `query ${name}($mpnId: ID) { orderEligibility(order: { lineId: "1", mpnId: $mpnId, region: UNITED_STATES }) { canSubmit } }`,
    variables: { mpnId },
  });

  beforeAll(async () => {
    emulator = await startEmulator();
    proxy = await startRecordingProxy(emulator.url);
    receiver = await startReceiver();
    const folder = scratchFolder();
    decisionFile = path.join(folder, 'decisions.log');
    const configFile = path.join(folder, 'gateway.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        partnerCenter: { baseUrl: proxy.url },
        accounts: [{ region: 'UNITED_STATES', staticToken: STATIC_TOKEN }],
        clientAuth: { apiKeys: [{ name: 'portal', sha256: createHash('sha256').update(API_KEY).digest('hex') }] },
        tracing: { endpoint: receiver.url },
        decisionLog: { destination: decisionFile },
      }),
    );
    gateway = await startGatewayProcess({ MPA_CONFIG_FILE: configFile, OTEL_BSP_SCHEDULE_DELAY: '50' });
  });
  afterAll(async () => {
    gateway?.child.kill('SIGTERM');
    await proxy?.close();
    await receiver?.close();
    await emulator?.close();
  });

  it.each([
    ['10 KB of junk', 'x'.repeat(10_240)],
    ['an unknown version with extra fields', 'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra'],
    ['an all-zero trace id', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    ['non-hex digits', '00-zzf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    ['a header repeated with a newline-free comma list', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01,00-1-2-3'],
  ])('answers a request whose traceparent is %s, never with a 500', async (_, traceparent) => {
    const answer = await ask(order('1000001'), { traceparent, tracestate: 'y'.repeat(2_048), baggage: 'z'.repeat(2_048) });
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toEqual({ orderEligibility: { canSubmit: true } });
  });

  it("sends Partner Center none of a client's baggage or tracestate, and records neither", async () => {
    const answer = await ask(order('1000002'), {
      traceparent: '00-5bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      tracestate: `vendor=${TRACESTATE_SECRET}`,
      baggage: `user.id=${BAGGAGE_SECRET},mpa.client=apiKey:someone-else`,
    });
    expect(answer.status).toBe(200);
    await eventually('the trace exported', async () => receiver.bodies.join('\n').includes('5bf92f3577b34da6a3ce929d0e0e4736'));
    const upstream = JSON.stringify(proxy.headers);
    expect(upstream).not.toContain(BAGGAGE_SECRET);
    expect(upstream).not.toContain(TRACESTATE_SECRET);
    expect(receiver.bodies.join('\n')).not.toContain(BAGGAGE_SECRET);
    expect(receiver.bodies.join('\n')).not.toContain(TRACESTATE_SECRET);
    expect(gateway.output()).not.toContain(BAGGAGE_SECRET);
    // With the default `hashed` disclosure no span or decision record names the reseller.
    expect(receiver.bodies.join('\n')).not.toMatch(/\b1000002\b/);
    expect(readFileSync(decisionFile, 'utf8')).not.toMatch(/\b1000002\b/);
  });

  it('records no API key or token sent as a variable value, in an operation name, or with a refused request', async () => {
    // The API key as a variable value: the line names no valid reseller, and is blocked.
    const asVariable = await ask(order(API_KEY));
    expect(asVariable.status).toBe(200);
    expect(asVariable.body.data).toEqual({ orderEligibility: { canSubmit: false } });
    // A wrong key, a bearer token the gateway does not accept, and a key in a query string: refused.
    expect((await ask(order('1000001'), { 'x-api-key': `${API_KEY}-wrong` })).status).toBe(401);
    const bearer = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${STATIC_TOKEN}` },
      body: JSON.stringify(order('1000001')),
    });
    expect(bearer.status).toBe(401);
    // The API key as the operation's name: no such operation, a 400 that records no name.
    const named = await ask({ ...order('1000001'), operationName: API_KEY });
    expect(named.status).toBe(400);
    const inQuery = await fetch(`${gateway.url}?api_key=${API_KEY}&query=${encodeURIComponent('{ __typename }')}`);
    expect(inQuery.status).toBeLessThan(500);

    await eventually('the 401 exported', async () => /"intValue":401/.test(receiver.bodies.join('\n')));
    const everything = [receiver.bodies.join('\n'), gateway.output(), readFileSync(decisionFile, 'utf8')].join('\n');
    for (const secret of [API_KEY, STATIC_TOKEN]) expect(everything).not.toContain(secret);
    // A refused request decided no order line.
    const records = readFileSync(decisionFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { client: string; requestId: string });
    expect(records.every((record) => record.client === 'apiKey:portal')).toBe(true);
  });
});
