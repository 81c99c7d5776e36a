import { GatewayContext } from '../gateway-context';
import { CheckMode, judged } from '../order-eligibility/eligibility-checks';
import { MpaPartnerOfRecordCheck } from './partner-of-record-check.type';
import { ResolvedPartnerOfRecord } from './partner-of-record.factory';

/**
 * Whether fail-open lets a partner-of-record answer through: only when Partner Center could
 * not give its verdict (or the list that gives a tenant's partner ID could not be had), under
 * the same rules as the agreement check: never over the operation's budget, and for our own
 * rejected credentials only when configured.
 */
function passesUnverified(resolved: ResolvedPartnerOfRecord, context: GatewayContext): boolean {
  if (context.services.failPolicy !== 'open' || !resolved.unavailable || resolved.budgetExceeded) return false;
  return !resolved.credentialsRejected || context.services.failOpenOnCredentialsRejected;
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
