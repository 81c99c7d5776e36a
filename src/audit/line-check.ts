// The order form's types are type-graphql classes, whose decorators need the metadata API loaded first.
import 'reflect-metadata';
import { GatewayContext } from '../graphql/gateway-context';
import { MpaGuidanceValue, eligibilityGuidance } from '../graphql/order-eligibility/guidance.factory';
import { eligibilityOf } from '../graphql/order-eligibility/order-eligibility.resolver';
import { OrderEligibility } from '../graphql/order-eligibility/order-eligibility.type';
import { Reseller, resellerFrom } from '../graphql/reseller/reseller.type';
import { CspRegion } from '../partner-center/csp-region';
import { AuditCheck, AuditRecord, agreementResult, lineOutcome } from './audit-record';
import { InputLine } from './input/input-line';

/**
 * The checks of one order form answer, in `AUDIT_CHECKS` order. The agreement check is the
 * status and guidance; the relationship check (partner of record), once OrderEligibility
 * carries it, is one more entry here.
 */
export function checksOf(eligibility: OrderEligibility, guidance: MpaGuidanceValue | null): AuditCheck[] {
  const status = eligibility.mpaStatus;
  const code = 'code' in status ? status.code : null;
  const reason = 'reason' in status ? String(status.reason) : 'problem' in status ? String(status.problem) : null;
  return [
    {
      check: 'agreement',
      result: agreementResult(status.__typename),
      status: status.__typename,
      code,
      reason,
      retryAfterSeconds: 'retryAfterSeconds' in status ? status.retryAfterSeconds : null,
      message: status.message,
      checkedAt: status.checkedAt.toISOString(),
      correlationId: status.correlationId,
      guidance,
    },
  ];
}

/** One region's record for a line: the order form's answer, asked in the window's operation context. */
async function regionRecord(line: number, reseller: Reseller, region: CspRegion, locale: string, context: GatewayContext): Promise<AuditRecord> {
  const eligibility = await eligibilityOf(reseller, region, null, locale, context);
  const guidance = await eligibilityGuidance(eligibility, context);
  const checks = checksOf(eligibility, guidance);
  const inputProblem = reseller.check.ok ? null : reseller.check.problem;
  return {
    line,
    mpnId: reseller.mpnId,
    tenantId: reseller.tenantId,
    region,
    outcome: lineOutcome(checks, eligibility.verified, inputProblem),
    canSubmit: eligibility.canSubmit,
    verified: eligibility.verified,
    retryable: eligibility.retryable,
    inputProblem,
    checks,
  };
}

/**
 * A line's records, one per region, exactly as the order form would answer each (a bad
 * identifier is refused there without asking Partner Center). A line that could not be read
 * gets a record per region too, so every line has as many records as there are regions.
 */
export function checkLine(input: InputLine, regions: readonly CspRegion[], locale: string, context: GatewayContext): Promise<AuditRecord[]> {
  if ('unreadable' in input) {
    return Promise.resolve(
      regions.map((region) => ({
        line: input.line,
        mpnId: null,
        tenantId: null,
        region,
        outcome: 'BAD_INPUT',
        canSubmit: false,
        verified: true,
        retryable: false,
        inputProblem: input.unreadable,
        checks: [],
      })),
    );
  }
  const reseller = resellerFrom({ mpnId: input.mpnId, tenantId: input.tenantId });
  return Promise.all(regions.map((region) => regionRecord(input.line, reseller, region, locale, context)));
}
