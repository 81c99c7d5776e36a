import {
  Context,
  TextMapGetter,
  TextMapPropagator,
  TextMapSetter,
  TraceFlags,
  isSpanContextValid,
  isValidSpanId,
  isValidTraceId,
  trace,
} from '@opentelemetry/api';

const TRACEPARENT = 'traceparent';

/** `version-traceid-parentid-flags`, lower-case hex; a later version may append fields after a dash. */
const TRACEPARENT_FORM = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/**
 * W3C trace context, `traceparent` only. A router's trace is continued, but a client's
 * `tracestate` and `baggage` are neither read nor passed on: whatever a caller puts there would
 * otherwise reach Partner Center on every call made for it. A malformed `traceparent` (wrong
 * form, version `ff`, zero ids, repeated) is ignored and the request starts a trace of its own.
 */
export class TraceparentOnlyPropagator implements TextMapPropagator {
  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    const spanContext = trace.getSpanContext(context);
    if (!spanContext || !isSpanContextValid(spanContext)) return;
    const flags = (spanContext.traceFlags & TraceFlags.SAMPLED).toString(16).padStart(2, '0');
    setter.set(carrier, TRACEPARENT, `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`);
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    const header = getter.get(carrier, TRACEPARENT);
    // Several traceparent headers are no trace context at all.
    if (typeof header !== 'string' && !(Array.isArray(header) && header.length === 1)) return context;
    const parts = TRACEPARENT_FORM.exec((Array.isArray(header) ? header[0] : header).trim());
    if (!parts) return context;
    const [, version, traceId, spanId, flags, rest] = parts;
    if (version === 'ff' || (version === '00' && rest !== undefined)) return context;
    if (!isValidTraceId(traceId) || !isValidSpanId(spanId)) return context;
    return trace.setSpanContext(context, { traceId, spanId, isRemote: true, traceFlags: parseInt(flags, 16) & TraceFlags.SAMPLED });
  }

  fields(): string[] {
    return [TRACEPARENT];
  }
}
