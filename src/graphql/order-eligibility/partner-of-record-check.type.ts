import { Field, ObjectType } from 'type-graphql';
import { MpaEligibilityCheck } from './eligibility-check.type';
import { MpaPartnerOfRecord } from '../partner-of-record/partner-of-record.union';
import { MpaPartnerOfRecordValue } from '../partner-of-record/partner-of-record.type';
import type { PartnerOfRecordLineCheck } from '../../operation/line-checks';

@ObjectType('MpaPartnerOfRecordCheck', {
  simpleResolvers: true,
  implements: MpaEligibilityCheck,
  description:
    "Microsoft's own partner-of-record check: is the reseller's partner ID (PLA ID) an authorized, active indirect reseller that may be named on the order (Partner Center validateresellers)? Asked in batches, cached per partner ID.",
})
export class MpaPartnerOfRecordCheck extends MpaEligibilityCheck {
  readonly __typename = 'MpaPartnerOfRecordCheck' as const;

  @Field(() => MpaPartnerOfRecord)
  partnerOfRecord!: MpaPartnerOfRecordValue;

  /** The check as the rules judged it, with what guidance needs. */
  judged!: PartnerOfRecordLineCheck;
}
