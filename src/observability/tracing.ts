import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { TraceparentOnlyPropagator } from './trace-context-propagator';
import type { TracingPlan } from './tracing-plan';

/** Paths whose requests are not traced: probes and scrapes would drown the orders. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** Query strings are never recorded: Partner Center's name a reseller, a GET /graphql carries the whole query. */
const OMITTED_QUERY = '?[omitted]';

function withoutQuery(url: string): string {
  const at = url.indexOf('?');
  return at < 0 ? url : `${url.slice(0, at)}${OMITTED_QUERY}`;
}

/** Attributes that replace the instrumentations' URL attributes when the URL has a query string. */
function urlAttributesWithoutQuery(url: string | undefined, names: readonly string[], full: string | undefined): Record<string, string> {
  if (!url?.includes('?')) return {};
  const replaced: Record<string, string> = { 'url.query': OMITTED_QUERY };
  for (const name of names) replaced[name] = withoutQuery(name === 'http.target' ? url : (full ?? url));
  return replaced;
}

/** A started tracer provider; `shutdown` exports what is still buffered. */
export interface RunningTracing {
  shutdown(): Promise<void>;
}

/**
 * Creates the tracer provider, the OTLP/HTTP exporter and the instrumentations (HTTP edge with
 * W3C trace context, undici, ioredis, pino). Must run before fastify, undici, ioredis and pino
 * are first required, which is why only the bootstrap module calls it.
 */
export function startTracing(plan: TracingPlan): RunningTracing {
  // With no URL the exporter reads OTEL_EXPORTER_OTLP_TRACES_ENDPOINT / OTEL_EXPORTER_OTLP_ENDPOINT itself.
  const exporter = new OTLPTraceExporter(plan.endpoint ? { url: plan.endpoint } : {});
  // The batch delay and sizes come from the standard OTEL_BSP_* variables when set.
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': plan.serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  // A router's traceparent only: a client's tracestate and baggage are never read or sent on.
  provider.register({ propagator: new TraceparentOnlyPropagator() });
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has((request.url ?? '').split('?')[0]),
        startIncomingSpanHook: (request) =>
          urlAttributesWithoutQuery(
            request.url,
            ['http.target', 'http.url', 'url.full'],
            `http://${request.headers.host ?? 'localhost'}${request.url ?? ''}`,
          ),
        startOutgoingSpanHook: (request) =>
          urlAttributesWithoutQuery(
            request.path ?? undefined,
            ['http.target', 'http.url', 'url.full'],
            `${request.protocol ?? 'http:'}//${request.hostname ?? request.host ?? ''}${request.path ?? ''}`,
          ),
        // Headers are never recorded: they carry API keys and bearer tokens.
        headersToSpanAttributes: {
          client: { requestHeaders: [], responseHeaders: [] },
          server: { requestHeaders: [], responseHeaders: [] },
        },
      }),
      new UndiciInstrumentation({
        startSpanHook: (request) => urlAttributesWithoutQuery(request.path, ['url.full'], `${request.origin}${request.path}`),
      }),
      // Commands without their arguments: a key names a reseller, a value is an answer.
      new IORedisInstrumentation({ dbStatementSerializer: (command) => command }),
      new PinoInstrumentation({ disableLogSending: true }),
    ],
  });
  return { shutdown: () => provider.shutdown() };
}
