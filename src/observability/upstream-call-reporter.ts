import { Logger } from 'pino';
import { CspRegion } from '../partner-center/csp-region';
import { AgreementOutcome } from '../partner-center/outcome/outcome';
import { GatewayMetrics } from './gateway-metrics';

/** What one Partner Center exchange reports. */
export interface UpstreamCall {
  readonly outcome: AgreementOutcome;
  readonly durationMs: number;
  readonly traceId?: string;
}

/** Counts every Partner Center call for /metrics and, at `debug`, logs it with its correlation id. */
export function createUpstreamCallReporter(metrics: GatewayMetrics, logger: Logger): (region: CspRegion) => (call: UpstreamCall) => void {
  return (region) => (call) => {
    metrics.upstreamCall(region, call.outcome, call.durationMs / 1000);
    logger.debug(
      {
        requestId: call.traceId,
        region,
        outcome: call.outcome.kind,
        httpStatus: call.outcome.httpStatus,
        partnerCenterCorrelationId: call.outcome.trace.correlationId,
        durationMs: Math.round(call.durationMs),
      },
      'Partner Center call',
    );
  };
}
