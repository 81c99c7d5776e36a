import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { parse } from 'graphql';
import fetch from 'node-fetch';
import { sandboxToken } from '../../src/emulator/partner-center/emulated-world';
import { Emulator, startEmulator } from '../../src/emulator/partner-center/emulator-server';
import { scratchFolder } from '../support/audit-runner';
import { compiledGateway } from '../support/compiled-gateway';
import { runToEnd } from '../support/processes';
import { startGatewayProcess } from '../support/gateway-main-process';
import { ExportedSpan, startReceiver } from '../support/otlp-receiver';

const API_KEY = 'router-service-key-5d7e19b3a0c4';
const STATIC_TOKEN = sandboxToken('UNITED_STATES');
/** The trace the router started, and the router's own span (the parent of the gateway's first span). */
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const ROUTER_SPAN_ID = '00f067aa0ba902b7';

const attribute = (span: ExportedSpan, key: string): unknown => {
  const value = span.attributes.find((entry) => entry.key === key)?.value;
  return value === undefined ? undefined : Object.values(value)[0];
};

describe('OpenTelemetry tracing', () => {
  jest.setTimeout(60_000);

  describe('with an OTLP endpoint configured, behind an Apollo router', () => {
    let emulator: Emulator;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let gateway: Awaited<ReturnType<typeof startGatewayProcess>>;
    let router: ApolloServer;
    let routerUrl: string;

    beforeAll(async () => {
      emulator = await startEmulator();
      receiver = await startReceiver();
      const configFile = path.join(scratchFolder(), 'gateway.json');
      writeFileSync(
        configFile,
        JSON.stringify({
          partnerCenter: { baseUrl: emulator.url },
          accounts: [{ region: 'UNITED_STATES', staticToken: STATIC_TOKEN }],
          clientAuth: { apiKeys: [{ name: 'router', sha256: createHash('sha256').update(API_KEY).digest('hex') }] },
          tracing: { endpoint: receiver.url, resellerIds: 'plain' },
          // Each test asks its own query: a repeat within the minute is answered from the micro-cache.
          http: { responseCacheMs: 60_000 },
        }),
      );
      gateway = await startGatewayProcess({ MPA_CONFIG_FILE: configFile, OTEL_BSP_SCHEDULE_DELAY: '50', MPA_DECISION_LOG: 'stdout' });
      const composed = composeServices([
        { name: 'mpa', typeDefs: parse(readFileSync(path.join(__dirname, '../../schema.graphql'), 'utf8')), url: gateway.url },
      ]);
      if (composed.errors) throw composed.errors[0];
      router = new ApolloServer({
        gateway: new ApolloGateway({
          supergraphSdl: composed.supergraphSdl,
          buildService: ({ url }) =>
            new (class extends RemoteGraphQLDataSource {
              override willSendRequest({ request }: GraphQLDataSourceProcessOptions) {
                // What a router with OpenTelemetry on sends each subgraph: its trace and its own span.
                request.http!.headers.set('traceparent', `00-${TRACE_ID}-${ROUTER_SPAN_ID}-01`);
                request.http!.headers.set('x-api-key', API_KEY);
              }
            })({ url }),
        }),
      });
      routerUrl = (await startStandaloneServer(router, { listen: { port: 0, host: '127.0.0.1' } })).url;
    });
    afterAll(async () => {
      await router?.stop();
      gateway?.child.kill('SIGTERM');
      await receiver?.close();
      await emulator?.close();
    });

    it("continues the router's trace through the gateway to the Partner Center call, with its ids and no secret", async () => {
      const response = await fetch(routerUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'query CheckOrder { orderEligibility(order: { lineId: "1", mpnId: "1000001", region: UNITED_STATES }) { canSubmit } }',
        }),
      });
      const answer = (await response.json()) as { data?: { orderEligibility: { canSubmit: boolean } }; errors?: unknown };
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.orderEligibility.canSubmit).toBe(true);

      const call = await receiver.spanWhere((span) => span.name === 'partner-center agreementstatus' && span.traceId === TRACE_ID);
      const edge = await receiver.spanWhere((span) => span.traceId === TRACE_ID && span.parentSpanId === ROUTER_SPAN_ID);
      expect(edge.name).toBe('query CheckOrder__mpa__0'); // the router's name for its fetch from this subgraph
      expect(attribute(edge, 'graphql.operation.name')).toBe('CheckOrder__mpa__0');
      expect(attribute(edge, 'mpa.client')).toBe('apiKey:router');

      // The call span hangs under the gateway's request span, in the router's trace.
      const ancestors = new Map(receiver.spans.filter((span) => span.traceId === TRACE_ID).map((span) => [span.spanId, span]));
      let walker: ExportedSpan | undefined = call;
      while (walker && walker.spanId !== edge.spanId) walker = walker.parentSpanId ? ancestors.get(walker.parentSpanId) : undefined;
      expect(walker).toBe(edge);

      const emulated = emulator.calls().find((made) => made.mpnId === '1000001');
      expect(emulated).toBeDefined();
      expect(attribute(call, 'ms.correlation_id')).toBe(emulated!.headers.correlationId);
      expect(attribute(call, 'ms.request_id')).toBe(emulated!.headers.requestId);
      expect(attribute(call, 'partner_center.region')).toBe('UNITED_STATES');
      expect(attribute(call, 'partner_center.attempt')).toBe(1);
      expect(attribute(call, 'partner_center.outcome')).toBe('signed');
      expect(attribute(call, 'http.response.status_code')).toBe(200);
      expect(attribute(call, 'reseller.identifier')).toBe('1000001');
      expect(call.events?.map((event) => event.name)).toContain('account queue');

      // undici's own span for the exchange is the call span's child.
      const undici = await receiver.spanWhere((span) => span.parentSpanId === call.spanId);
      expect(attribute(undici, 'http.request.method')).toBe('GET');
      // Its URL without the query string, which names the reseller whatever tracing.resellerIds says.
      expect(attribute(undici, 'url.full')).toMatch(/\/agreementstatus\?\[omitted\]$/);
      expect(attribute(undici, 'url.query')).toBe('?[omitted]');

      const everything = receiver.bodies.join('\n');
      for (const secret of [API_KEY, STATIC_TOKEN, `Bearer ${STATIC_TOKEN}`]) expect(everything).not.toContain(secret);
      expect(everything).not.toMatch(/authorization|x-api-key/i);
      expect(everything).not.toContain('mpnId=');
    });

    it('makes the validateresellers and reseller-relationships calls spans too, with their ids and no secret', async () => {
      // The order above asked Microsoft's partner-of-record check, in the router's trace.
      const validate = await receiver.spanWhere((span) => span.name === 'partner-center validateresellers' && span.traceId === TRACE_ID);
      const validated = emulator.validateResellersCalls().find((made) => made.partnerIds?.includes('1000001'));
      expect(validated).toBeDefined();
      expect(attribute(validate, 'ms.correlation_id')).toBe(validated!.headers.correlationId);
      expect(attribute(validate, 'ms.request_id')).toBe(validated!.headers.requestId);
      expect(attribute(validate, 'partner_center.region')).toBe('UNITED_STATES');
      expect(attribute(validate, 'partner_center.attempt')).toBe(1);
      expect(attribute(validate, 'partner_center.outcome')).toBe('answered');
      expect(attribute(validate, 'http.response.status_code')).toBe(200);
      expect(attribute(validate, 'partner_center.batch_size')).toBe(1);
      // The batch's partner IDs are never an attribute.
      expect(validate.attributes.map((entry) => entry.key)).not.toContain('reseller.identifier');

      // The region's reseller list was read at start: one span per page asked.
      const listed = emulator.relationshipsCalls()[0];
      const page = await receiver.spanWhere(
        (span) => span.name === 'partner-center relationships' && attribute(span, 'ms.correlation_id') === listed.headers.correlationId,
      );
      expect(attribute(page, 'ms.request_id')).toBe(listed.headers.requestId);
      expect(attribute(page, 'partner_center.region')).toBe('UNITED_STATES');
      expect(attribute(page, 'partner_center.attempt')).toBe(1);
      expect(attribute(page, 'partner_center.page')).toBe(1);
      expect(attribute(page, 'partner_center.outcome')).toBe('answered');
      expect(attribute(page, 'http.response.status_code')).toBe(200);

      const everything = receiver.bodies.join('\n');
      for (const secret of [API_KEY, STATIC_TOKEN, `Bearer ${STATIC_TOKEN}`]) expect(everything).not.toContain(secret);
      expect(everything).not.toMatch(/authorization|x-api-key|partnerIds/i);
    });

    it('makes each attempt its own span, numbered, and shows the retry between them as an event', async () => {
      emulator.faults.setFor('1000011', { failure: { type: 'status', status: 503 }, times: 1 });
      const traceId = '5a0c1f2e3d4b5a69788796a5b4c3d2e1';
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': API_KEY, traceparent: `00-${traceId}-${ROUTER_SPAN_ID}-01` },
        body: JSON.stringify({
          query: '{ orderEligibility(order: { mpnId: "1000011", region: UNITED_STATES }) { mpaStatus { __typename } } }',
        }),
      });
      expect(
        ((await response.json()) as { data: { orderEligibility: { mpaStatus: { __typename: string } } } }).data.orderEligibility.mpaStatus
          .__typename,
      ).toBe('MpaSigned');
      const second = await receiver.spanWhere((span) => span.traceId === traceId && attribute(span, 'partner_center.attempt') === 2);
      const first = await receiver.spanWhere((span) => span.traceId === traceId && attribute(span, 'partner_center.attempt') === 1);
      expect([attribute(first, 'partner_center.outcome'), attribute(first, 'http.response.status_code')]).toEqual(['upstreamFailure', 503]);
      expect([attribute(second, 'partner_center.outcome'), attribute(second, 'http.response.status_code')]).toEqual(['signed', 200]);
      // The retry is decided outside either call: an event on the request's span.
      const edge = await receiver.spanWhere((span) => span.traceId === traceId && span.parentSpanId === ROUTER_SPAN_ID);
      const retry = edge.events?.find((event) => event.name === 'retry scheduled');
      expect(retry?.attributes?.find((entry) => entry.key === 'retry.after_outcome')?.value).toEqual({ stringValue: 'upstreamFailure' });
    });

    it('shows an answer read from the status cache as an event, with no Partner Center span', async () => {
      const traceId = '6b1d2e3f4a5b6c7d8e9fa0b1c2d3e4f5';
      const ask = (trace: string) =>
        fetch(gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': API_KEY, traceparent: `00-${trace}-${ROUTER_SPAN_ID}-01` },
          body: JSON.stringify({ query: '{ orderEligibility(order: { mpnId: "1000001", region: UNITED_STATES }) { canSubmit } }' }),
        });
      // 1000001 was asked in the first test; its signed answer is cached.
      await ask(traceId);
      const edge = await receiver.spanWhere((span) => span.traceId === traceId && span.parentSpanId === ROUTER_SPAN_ID);
      expect(edge.events?.map((event) => event.name)).toContain('status cache hit');
      expect(receiver.spans.filter((span) => span.traceId === traceId && span.name === 'partner-center agreementstatus')).toEqual([]);
    });

    it('puts trace_id and span_id on the log lines of a traced request, and the trace id on its decision record', async () => {
      await fetch(routerUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ orderEligibility(order: { mpnId: "1000002", region: UNITED_STATES }) { canSubmit } }' }),
      });
      await receiver.spanWhere(
        (span) => span.name === 'partner-center agreementstatus' && attribute(span, 'reseller.identifier') === '1000002',
      );
      const traced = gateway
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((line) => line.trace_id === TRACE_ID);
      expect(traced.length).toBeGreaterThan(0);
      expect(traced[0].span_id).toMatch(/^[0-9a-f]{16}$/);
      const decision = gateway
        .output()
        .split('\n')
        .filter((line) => line.includes('"order line decided"'))
        .map((line) => JSON.parse(line) as { traceId: string; line: { identifier: string } })
        .find((record) => record.line.identifier === '1000002');
      expect(decision?.traceId).toBe(TRACE_ID);
    });

    it("writes a response served from the micro-cache's decision record with the trace of the request it was served to", async () => {
      const traces = ['7c2e3f4a5b6c7d8e9fa0b1c2d3e4f5a6', '8d3f4a5b6c7d8e9fa0b1c2d3e4f5a6b7'];
      const body = JSON.stringify({ query: '{ orderEligibility(order: { mpnId: "1000003", region: UNITED_STATES }) { canSubmit } }' });
      const answers: string[] = [];
      for (const trace of traces) {
        const response = await fetch(gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': API_KEY, traceparent: `00-${trace}-${ROUTER_SPAN_ID}-01` },
          body,
        });
        answers.push(await response.text());
      }
      expect(answers[1]).toBe(answers[0]);
      const records = gateway
        .output()
        .split('\n')
        .filter((line) => line.includes('"order line decided"'))
        .map((line) => JSON.parse(line) as { traceId: string; line: { identifier: string }; checks: Array<{ source: string }> })
        .filter((record) => record.line.identifier === '1000003');
      expect(records.map((record) => record.traceId)).toEqual(traces);
      expect(records[0].checks[0].source).toBe('fresh call');
      expect(records[1].checks[0].source).toMatch(/^response micro-cache, age \d+ ms$/);
    });
  });

  it('loads no exporter, provider or instrumentation when nothing configures tracing', async () => {
    const build = await compiledGateway();
    const probe = (env: NodeJS.ProcessEnv) =>
      runToEnd(
        process.execPath,
        [
          '-e',
          `require(${JSON.stringify(path.join(build, 'src', 'observability', 'tracing-bootstrap.js'))});
           require(${JSON.stringify(path.join(build, 'src', 'compose', 'gateway.js'))});
           const { trace } = require('@opentelemetry/api');
           const loaded = Object.keys(require.cache).filter((file) => /sdk-trace|exporter-trace|instrumentation/.test(file));
           process.stdout.write(JSON.stringify({ loaded: loaded.length, recording: trace.getTracer('probe').startSpan('probe').isRecording() }));`,
        ],
        { env: { PATH: process.env.PATH ?? '', ...env }, cwd: build },
      );
    const off = await probe({});
    expect(JSON.parse(off.stdout)).toEqual({ loaded: 0, recording: false });
    const disabled = await probe({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:1', OTEL_TRACES_EXPORTER: 'none' });
    expect(JSON.parse(disabled.stdout)).toEqual({ loaded: 0, recording: false });
    // The same probe sees them when the standard variable turns tracing on.
    const on = await probe({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:1' });
    expect(JSON.parse(on.stdout).loaded).toBeGreaterThan(0);
    expect(JSON.parse(on.stdout).recording).toBe(true);
  });
});
