import { Field, GraphQLISODateTime, ID, Int, InterfaceType, ObjectType } from 'type-graphql';
import { URLResolver } from 'graphql-scalars';
import { CspRegion } from '../../partner-center/csp-region';
import { CspRegionEnum } from '../csp-region/csp-region.enum';
import { MpaUnavailableReason } from '../mpa-status/mpa-status.enums';
import { byTypename } from '../by-typename';
import { MessageText } from '../../guidance/message-text';
import { StatusUnavailableReasonName } from '../../partner-center/outcome/outcome-kinds';
import { PartnerOfRecordUnknownReasonName } from '../../answers/partner-of-record-answer';
import { MpaPartnerOfRecordUnknownReason } from './partner-of-record.enums';

export { MpaPartnerOfRecordUnknownReason } from './partner-of-record.enums';

@InterfaceType('MpaPartnerOfRecordOutcome', {
  resolveType: byTypename,
  description: 'Fields every MpaPartnerOfRecord member has. Clients can rely on these for members added in later versions.',
})
export abstract class MpaPartnerOfRecordOutcome {
  abstract readonly __typename: string;

  // Rendered by a field resolver when asked for (outcome-message.resolver.ts), from `text`.
  @Field({ description: 'One sentence saying what was found, in the requested locale.' })
  message?: string;

  /** The message, not yet rendered. */
  text!: MessageText;

  @Field(() => CspRegionEnum, { description: 'The CSP region whose provider account asked Microsoft.' })
  region!: CspRegion;

  @Field(() => ID, {
    nullable: true,
    description:
      'The partner ID (PLA ID, formerly MPN ID) Microsoft was asked about: the one given, or for a tenant ID the one the reseller list gives. Null when none could be had.',
  })
  partnerId!: string | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When Partner Center gave this answer (or the gateway decided it); null when nothing was asked.',
  })
  checkedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'MS-CorrelationId of the validateresellers call behind this answer; quote it to support. Null when no call was made.',
  })
  correlationId!: string | null;
}

@InterfaceType('MpaPartnerOfRecordRefusal', {
  implements: MpaPartnerOfRecordOutcome,
  resolveType: byTypename,
  description:
    'Microsoft refused the partner ID as partner of record: its error code and description, verbatim. A client can show these for any refusal, documented or not.',
})
export abstract class MpaPartnerOfRecordRefusal extends MpaPartnerOfRecordOutcome {
  @Field(() => String, {
    nullable: true,
    description: "Microsoft's errorCode as sent (a number is written in digits); null when the result had none.",
  })
  errorCode!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Microsoft's errorDescription, verbatim; null when the result had none. Show `message` to people instead.",
  })
  errorDescription!: string | null;
}

@ObjectType('MpaPartnerOfRecordValid', {
  simpleResolvers: true,
  implements: MpaPartnerOfRecordOutcome,
  description:
    'Microsoft says the partner ID is valid on record: an authorized, active indirect reseller that can be named as partner of record.',
})
export class MpaPartnerOfRecordValid extends MpaPartnerOfRecordOutcome {
  readonly __typename = 'MpaPartnerOfRecordValid' as const;
}

@ObjectType('MpaPartnerIdNotValidOnRecord', {
  simpleResolvers: true,
  implements: [MpaPartnerOfRecordOutcome, MpaPartnerOfRecordRefusal],
  description:
    'Microsoft says the partner ID is not valid on record, with error code 900400 (the code its page documents): the PLA ID is not an authorized, active indirect reseller. Microsoft refuses orders naming it.',
})
export class MpaPartnerIdNotValidOnRecord extends MpaPartnerOfRecordRefusal {
  readonly __typename = 'MpaPartnerIdNotValidOnRecord' as const;

  @Field(() => URLResolver, { description: "Microsoft's page for the partner-of-record check." })
  learnMoreUrl!: string;
}

@ObjectType('MpaPartnerOfRecordUndocumentedCode', {
  simpleResolvers: true,
  implements: [MpaPartnerOfRecordOutcome, MpaPartnerOfRecordRefusal],
  description:
    'Microsoft says the partner ID is not valid on record, with an error code its page does not document (or none). The code and description are kept exactly as sent; treat the reseller as not valid.',
})
export class MpaPartnerOfRecordUndocumentedCode extends MpaPartnerOfRecordRefusal {
  readonly __typename = 'MpaPartnerOfRecordUndocumentedCode' as const;
}

@ObjectType('MpaPartnerOfRecordUnavailable', {
  simpleResolvers: true,
  implements: MpaPartnerOfRecordOutcome,
  description:
    "Partner Center gave no verdict just now (the batch's call failed, was throttled or ran out of time, or our credentials were refused). Nothing is known about the reseller; asking again later may work.",
})
export class MpaPartnerOfRecordUnavailable extends MpaPartnerOfRecordOutcome {
  readonly __typename = 'MpaPartnerOfRecordUnavailable' as const;

  @Field(() => MpaUnavailableReason)
  reason!: StatusUnavailableReasonName;

  @Field(() => Int, { nullable: true, description: 'Seconds to wait before asking again, when known.' })
  retryAfterSeconds!: number | null;

  @Field(() => Int, { nullable: true, description: "HTTP status of Partner Center's answer, when there was one." })
  httpStatus!: number | null;
}

@ObjectType('MpaPartnerOfRecordUnrecognized', {
  simpleResolvers: true,
  implements: MpaPartnerOfRecordOutcome,
  description:
    'Partner Center answered with something this version does not know: an error for the whole call, or an answer with no result for this partner ID. Details are kept verbatim; treat the reseller as not valid.',
})
export class MpaPartnerOfRecordUnrecognized extends MpaPartnerOfRecordOutcome {
  readonly __typename = 'MpaPartnerOfRecordUnrecognized' as const;

  @Field({ description: 'True when the call succeeded but its answer held no result for this partner ID.' })
  missingFromAnswer!: boolean;

  @Field(() => Int, { nullable: true, description: "HTTP status of Partner Center's answer." })
  httpStatus!: number | null;

  @Field(() => String, { nullable: true, description: 'The `code` of the error body, verbatim, when there was one.' })
  code!: string | null;

  @Field(() => String, { nullable: true, description: 'The `description` of the error body, verbatim, when there was one.' })
  description!: string | null;
}

@ObjectType('MpaPartnerOfRecordUnknown', {
  simpleResolvers: true,
  implements: MpaPartnerOfRecordOutcome,
  description: 'Microsoft could not be asked: no partner ID for the reseller, an identifier or region that cannot be checked.',
})
export class MpaPartnerOfRecordUnknown extends MpaPartnerOfRecordOutcome {
  readonly __typename = 'MpaPartnerOfRecordUnknown' as const;

  @Field(() => MpaPartnerOfRecordUnknownReason)
  unknownReason!: PartnerOfRecordUnknownReasonName;
}

/** Every member class, in the order the union lists them. */
export const MPA_PARTNER_OF_RECORD_MEMBERS = [
  MpaPartnerOfRecordValid,
  MpaPartnerIdNotValidOnRecord,
  MpaPartnerOfRecordUndocumentedCode,
  MpaPartnerOfRecordUnavailable,
  MpaPartnerOfRecordUnrecognized,
  MpaPartnerOfRecordUnknown,
] as const;

/** A member value as resolvers produce it (partner-of-record.mapping.ts). */
export type MpaPartnerOfRecordValue = InstanceType<(typeof MPA_PARTNER_OF_RECORD_MEMBERS)[number]>;
