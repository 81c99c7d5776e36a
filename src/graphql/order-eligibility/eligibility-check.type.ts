import { Field, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { MpaStatus } from '../mpa-status/mpa-status.union';
import { MpaStatusValue } from '../mpa-status/mpa-status.type';
import { MpaRelationship } from '../relationship/relationship.union';
import { MpaRelationshipValue } from '../relationship/relationship.type';
import { MpaGuidance } from './mpa-guidance.type';
import { byTypename } from '../by-typename';
import type { MpaPartnerOfRecordCheck } from './partner-of-record-check.type';
import type { AgreementLineCheck, RelationshipLineCheck } from '../../operation/line-checks';

/** What a check does to `canSubmit`, as configured (`checks.*`). */
export enum MpaCheckMode {
  ENFORCED = 'ENFORCED',
  REPORT_ONLY = 'REPORT_ONLY',
}

registerEnumType(MpaCheckMode, {
  name: 'MpaCheckMode',
  description: 'Whether a check can block Submit. Checks this deployment switched off are not listed.',
  valuesConfig: {
    ENFORCED: { description: 'Submit needs this check to pass.' },
    REPORT_ONLY: { description: 'Shown for information; it never blocks Submit.' },
  },
});

@InterfaceType('MpaEligibilityCheck', {
  resolveType: byTypename,
  description:
    "One of the checks behind an order's canSubmit, with its own answer and guidance, so the order form can show every problem at once. Switch on __typename.",
})
export abstract class MpaEligibilityCheck {
  abstract readonly __typename: string;

  @Field(() => MpaCheckMode)
  mode!: MpaCheckMode;

  @Field({
    description:
      "True when the check lets the order through: its answer is positive, or it could not be made and this deployment's fail policy lets orders through then (verified is then false).",
  })
  passed!: boolean;

  @Field({
    description:
      'False when the check could not be made (Partner Center or the reseller list unavailable, an identifier or region that cannot be checked).',
  })
  verified!: boolean;

  @Field({ description: 'True when this check alone keeps Submit disabled (an enforced check that did not pass).' })
  blocksSubmit!: boolean;

  @Field({ description: 'True when checking again later may change the answer without anyone acting.' })
  retryable!: boolean;

  // A field resolver on each member: the agreement's may ask other regions where the reseller belongs.
  @Field(() => MpaGuidance, {
    nullable: true,
    description: 'What to tell the partner about this check; null when it passed on a verified answer.',
  })
  guidance?: MpaGuidance | null;
}

@ObjectType('MpaAgreementCheck', {
  simpleResolvers: true,
  implements: MpaEligibilityCheck,
  description:
    "The Microsoft Partner Agreement check: has the reseller accepted the MPA for the order's CSP region (Partner Center agreementstatus)?",
})
export class MpaAgreementCheck extends MpaEligibilityCheck {
  readonly __typename = 'MpaAgreementCheck' as const;

  @Field(() => MpaStatus)
  status!: MpaStatusValue;

  /** The check as the rules judged it, with what guidance needs. */
  judged!: AgreementLineCheck;
}

@ObjectType('MpaRelationshipCheck', {
  simpleResolvers: true,
  implements: MpaEligibilityCheck,
  description:
    "The partner-of-record check: does the reseller have an active relationship with this provider in the order's CSP region? Read from the region's reseller list, never asked per order.",
})
export class MpaRelationshipCheck extends MpaEligibilityCheck {
  readonly __typename = 'MpaRelationshipCheck' as const;

  @Field(() => MpaRelationship)
  relationship!: MpaRelationshipValue;

  /** The check as the rules judged it, with what guidance needs. */
  judged!: RelationshipLineCheck;
}

/** A check as resolvers produce it. */
export type EligibilityCheckValue = MpaAgreementCheck | MpaRelationshipCheck | MpaPartnerOfRecordCheck;
