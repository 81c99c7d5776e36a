import { Span, SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import type { AgreementOutcome, ResponseTrace } from '../partner-center/outcome/outcome';
import { discloseResellerId } from './reseller-id-disclosure';

/** The gateway's tracer; a no-op until a tracer provider is registered (tracing on). */
export const gatewayTracer = trace.getTracer('mpa-compliance-gateway');

/** What is known when a Partner Center call starts. */
export interface PartnerCenterCallFacts {
  readonly operation: 'agreementstatus' | 'relationships' | 'validateresellers';
  readonly region: string | undefined;
  readonly attempt: number;
  readonly correlationId: string;
  readonly requestId: string;
  readonly resellerIdentifier?: { readonly kind: string; readonly value: string };
  /** Relationships: which page of the list (from 1). */
  readonly page?: number;
  /** Validateresellers: how many partner IDs the batch asks about (never the IDs themselves). */
  readonly batchSize?: number;
}

/** A call Partner Center answered with what was asked (a readable page, a batch's results): no outcome, but its status and ids. */
export interface AnsweredCall {
  readonly kind: 'answered';
  readonly httpStatus: number;
  readonly trace: ResponseTrace;
}

/**
 * Runs one Partner Center call inside a client span named for it, so undici's own span is its
 * child, and records the outcome on it. No header, token or body goes into an attribute.
 * `outcomeOf` reads the outcome from a result that is not `{ outcome }` (default: its `outcome`).
 */
export async function withPartnerCenterSpan<T>(
  facts: PartnerCenterCallFacts,
  call: () => Promise<T>,
  outcomeOf: (result: T) => AgreementOutcome | AnsweredCall = (result) => (result as { outcome: AgreementOutcome }).outcome,
): Promise<T> {
  const attributes: Record<string, string | number> = {
    'partner_center.operation': facts.operation,
    'partner_center.attempt': facts.attempt,
    'ms.correlation_id': facts.correlationId,
    'ms.request_id': facts.requestId,
  };
  if (facts.region) attributes['partner_center.region'] = facts.region;
  if (facts.page !== undefined) attributes['partner_center.page'] = facts.page;
  if (facts.batchSize !== undefined) attributes['partner_center.batch_size'] = facts.batchSize;
  if (facts.resellerIdentifier) {
    const shown = discloseResellerId(facts.resellerIdentifier.value);
    attributes['reseller.identifier_kind'] = facts.resellerIdentifier.kind;
    if (shown !== undefined) attributes['reseller.identifier'] = shown;
  }
  const span = gatewayTracer.startSpan(`partner-center ${facts.operation}`, { kind: SpanKind.CLIENT, attributes });
  try {
    const result = await context.with(trace.setSpan(context.active(), span), call);
    recordOutcome(span, outcomeOf(result));
    return result;
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

function recordOutcome(span: Span, outcome: AgreementOutcome | AnsweredCall): void {
  if (!span.isRecording()) return;
  span.setAttribute('partner_center.outcome', outcome.kind);
  span.setAttribute('partner_center.outcome_origin', outcome.kind === 'answered' ? 'partnerCenter' : outcome.origin);
  if (outcome.httpStatus !== undefined) span.setAttribute('http.response.status_code', outcome.httpStatus);
  // Partner Center's own ids when it answered with them (they may differ from the ones sent).
  if (outcome.trace.correlationId) span.setAttribute('ms.correlation_id', outcome.trace.correlationId);
  if (outcome.trace.requestId) span.setAttribute('ms.request_id', outcome.trace.requestId);
  if (outcome.trace.cv) span.setAttribute('ms.cv', outcome.trace.cv);
  if (outcome.kind === 'upstreamFailure') span.setAttribute('partner_center.failure_reason', outcome.reason);
  if (outcome.kind === 'upstreamFailure' || outcome.kind === 'credentialsRejected' || outcome.kind === 'unrecognized')
    span.setStatus({ code: SpanStatusCode.ERROR });
}

/** Adds an event to the span in force, if any is recording (queue waits, retries, refusals, cache hits). */
export function traceEvent(name: string, attributes?: Record<string, string | number | boolean>): void {
  const span = trace.getActiveSpan();
  if (span?.isRecording()) span.addEvent(name, attributes);
}
