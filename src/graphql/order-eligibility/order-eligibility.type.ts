import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { CspRegion } from '../../partner-center/csp-region';
import { CspRegionEnum } from '../csp-region/csp-region.enum';
import { EligibilityCheckValue, MpaEligibilityCheck } from './eligibility-check.type';
import type { AgreementLineCheck } from '../../operation/line-checks';
import { MpaStatus } from '../mpa-status/mpa-status.union';
import { MpaStatusValue } from '../mpa-status/mpa-status.type';
import { Reseller } from '../reseller/reseller.type';

export { MpaGuidance } from './mpa-guidance.type';

@InputType('MpaOrderLineInput', { description: 'One order (or cart line) to check: a reseller and the region the order is placed from.' })
export class MpaOrderLineInput {
  @Field(() => ID, { nullable: true, description: 'Your own reference for the line, echoed back unchanged.' })
  lineId?: string | null;

  @Field(() => ID, { nullable: true, description: "The reseller's MPN ID (PGA/PLA). Give this or tenantId." })
  mpnId?: string | null;

  @Field(() => ID, { nullable: true, description: "The reseller's CSP tenant ID. Give this or mpnId." })
  tenantId?: string | null;

  @Field(() => CspRegionEnum, { description: 'The CSP region the order is placed from.' })
  region!: CspRegion;
}

@ObjectType('OrderEligibility', {
  simpleResolvers: true,
  description: "The order form's answer: may Submit be pressed for this reseller and region, and if not, what to do.",
})
export class OrderEligibility {
  @Field(() => ID, { nullable: true, description: 'The lineId given with the order, if any.' })
  lineId!: string | null;

  @Field({ description: 'True when the order may be submitted: every enforced check passed.' })
  canSubmit!: boolean;

  @Field(() => Reseller)
  reseller!: Reseller;

  @Field(() => CspRegionEnum)
  region!: CspRegion;

  // A field resolver: with the agreement check off, Partner Center is asked only when it is selected.
  @Field(() => MpaStatus, {
    description: "What Partner Center says about the reseller's Microsoft Partner Agreement (the agreement check's status).",
  })
  mpaStatus?: MpaStatusValue;

  @Field(() => [MpaEligibilityCheck], {
    description:
      'Every check this deployment makes (agreement, reseller relationship), each with its own answer and guidance, so the order form can show every problem at once.',
  })
  checks!: EligibilityCheckValue[];

  @Field({
    description:
      'True when checking again later may change the answer without anyone acting (Partner Center or the reseller list was unavailable).',
  })
  retryable!: boolean;

  @Field({
    description:
      'False when Submit is allowed without confirmation: a check could not be made and this deployment lets orders through in that case (fail-open policy), or this deployment enforces no check at all.',
  })
  verified!: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Set by recheckMpaStatus when the fresh answer is kept: true when every replica of this deployment now answers from it, false when only the replica that rechecked does for now (the shared cache could not be written in time; it is written as soon as it can be). Null otherwise.',
  })
  shared!: boolean | null;

  // `guidance` is a field resolver: the agreement check's guidance, which may need the reseller's region.

  /** The agreement check, made once when first needed. */
  agreement!: () => Promise<AgreementLineCheck>;

  /** The agreement check once it has been made, else undefined: read without waiting. */
  agreementMade!: () => AgreementLineCheck | undefined;
}
