/**
 * Required first by the gateway's and the audit's entry points, before anything that loads
 * fastify, undici, ioredis or pino: instrumentations only see modules loaded after them. With
 * tracing off it loads no OpenTelemetry SDK, exporter or instrumentation at all.
 */
import { tracingPlan } from './tracing-plan';
import { setResellerIdDisclosure } from './reseller-id-disclosure';
import type { RunningTracing } from './tracing';

let running: RunningTracing | undefined;

const plan = tracingPlan();
if (plan) {
  setResellerIdDisclosure(plan.resellerIds);
  // Loaded here, not imported: with tracing off the SDK never loads.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startTracing } = require('./tracing') as typeof import('./tracing');
  running = startTracing(plan);
}

/** Whether this process exports traces. */
export function tracingStarted(): boolean {
  return running !== undefined;
}

/** Exports the spans still buffered (at shutdown); nothing with tracing off. */
export function flushTracing(): Promise<void> {
  return running ? running.shutdown().catch(() => undefined) : Promise.resolve();
}
