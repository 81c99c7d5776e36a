import { CspRegion } from '../../partner-center/csp-region';
import { Reseller } from '../reseller/reseller.type';
import { checkValueOf } from './eligibility-check.mapping';
import { OrderEligibility } from './order-eligibility.type';
import { CheckedLine } from '../../operation/order-line';

/** A checked order line as the schema's OrderEligibility; mpaStatus and guidance are resolved when a field asks. */
export function orderEligibilityOf(line: CheckedLine, reseller: Reseller, region: CspRegion, lineId: string | null): OrderEligibility {
  // An instance, not a plain object: type-graphql copies a plain root into a new instance for
  // every field resolver it reaches (mpaStatus, guidance).
  const eligibility = new OrderEligibility();
  eligibility.lineId = lineId;
  eligibility.reseller = reseller;
  eligibility.region = region;
  eligibility.checks = line.checks.map(checkValueOf);
  eligibility.canSubmit = line.canSubmit;
  eligibility.verified = line.verified;
  eligibility.retryable = line.retryable;
  eligibility.shared = line.shared;
  eligibility.agreement = line.agreement;
  eligibility.agreementMade = line.agreementMade;
  return eligibility;
}
