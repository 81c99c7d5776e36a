import { GatewayContext } from '../gateway-context';
import { CheckMode, failOpenAllows, judged } from '../order-eligibility/eligibility-checks';
import { MpaPartnerOfRecordCheck } from './partner-of-record-check.type';
import { ResolvedPartnerOfRecord } from './partner-of-record.factory';

/**
 * Whether fail-open lets a partner-of-record answer through: only when Partner Center could
 * not give its verdict, under the same allow-list as the agreement check (never for a question
 * the gateway never sent or cut short, never over a budget, and for our own rejected
 * credentials only when configured).
 */
function passesUnverified(resolved: ResolvedPartnerOfRecord, context: GatewayContext): boolean {
  if (context.services.failPolicy !== 'open' || !resolved.unavailable || resolved.budgetExceeded) return false;
  // A verdict Partner Center could not give follows the agreement check's allow-list; a tenant
  // whose partner ID could not be read from the reseller list is never let through unasked.
  const verdict = resolved.value;
  return verdict.__typename === 'MpaPartnerOfRecordUnavailable' && failOpenAllows(verdict.reason, context);
}

export function partnerOfRecordCheck(resolved: ResolvedPartnerOfRecord, mode: CheckMode, context: GatewayContext): MpaPartnerOfRecordCheck {
  const finding = {
    positive: resolved.positive,
    couldNotCheck: resolved.couldNotCheck,
    passesUnverified: passesUnverified(resolved, context),
    retryable: resolved.retryable,
  };
  return { __typename: 'MpaPartnerOfRecordCheck', partnerOfRecord: resolved.value, resolved, ...judged(finding, mode) };
}
