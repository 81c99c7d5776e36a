import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { URLResolver } from 'graphql-scalars';
import { CspRegion } from '../../partner-center/csp-region';
import { CspRegionEnum } from '../csp-region/csp-region.enum';
import { ResolvedStatus } from '../mpa-status/mpa-status.factory';
import { MpaStatus } from '../mpa-status/mpa-status.union';
import { MpaStatusValue } from '../mpa-status/mpa-status.type';
import { Reseller } from '../reseller/reseller.type';

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

@ObjectType('MpaGuidance', { description: 'What to tell the partner at the order form, in their language.' })
export class MpaGuidance {
  @Field({ description: 'A short title.' })
  headline!: string;

  @Field({ description: 'What the answer means for this order.' })
  whatItMeans!: string;

  @Field(() => [String], { description: 'Steps to take, in order. Empty when there is nothing to do.' })
  actions!: string[];

  @Field(() => URLResolver, { nullable: true, description: 'Where to read more.' })
  learnMoreUrl!: string | null;

  @Field({ description: 'True when, after acting, Microsoft may take a while to show the change.' })
  mayTakeTimeToUpdate!: boolean;

  @Field({ description: 'The locale the texts are in (en-US when the one asked for is not available).' })
  locale!: string;
}

@ObjectType('OrderEligibility', {
  description: "The order form's answer: may Submit be pressed for this reseller and region, and if not, what to do.",
})
export class OrderEligibility {
  @Field(() => ID, { nullable: true, description: 'The lineId given with the order, if any.' })
  lineId!: string | null;

  @Field({ description: 'True when the order may be submitted.' })
  canSubmit!: boolean;

  @Field(() => Reseller)
  reseller!: Reseller;

  @Field(() => CspRegionEnum)
  region!: CspRegion;

  @Field(() => MpaStatus)
  mpaStatus!: MpaStatusValue;

  @Field({ description: 'True when checking again later may change the answer without anyone acting (Partner Center was unavailable).' })
  retryable!: boolean;

  @Field({
    description:
      'False when Submit is allowed without Partner Center\'s confirmation: it could not answer and this deployment lets orders through in that case (fail-open policy).',
  })
  verified!: boolean;

  // `guidance` is a field resolver: it may need to find the reseller's region.

  /** The status with what guidance needs. */
  resolved!: ResolvedStatus;
}
