import { GraphQLISODateTime, Field, ID, Int, InterfaceType, ObjectType } from 'type-graphql';
import { MpaResellerIdProblem, MpaUnavailableReason } from './mpa-status.enums';

export { MpaResellerIdProblem, MpaUnavailableReason } from './mpa-status.enums';
import { URLResolver } from 'graphql-scalars';
import { CspRegion } from '../../partner-center/csp-region';
import { CspRegionEnum } from '../csp-region/csp-region.enum';
import { byTypename } from '../by-typename';
import { MessageText } from '../../guidance/message-text';
import { ResellerIdProblemName, StatusUnavailableReasonName } from '../../partner-center/outcome/outcome-kinds';

// Each member object names its GraphQL type; the union and interfaces resolve by it.

@InterfaceType('MpaStatusOutcome', {
  resolveType: byTypename,
  description: 'Fields every MpaStatus member has. Clients can rely on these for members added in later versions.',
})
export abstract class MpaStatusOutcome {
  abstract readonly __typename: string;

  // Rendered by a field resolver when asked for (outcome-message.resolver.ts), from `text`.
  @Field({ description: 'One sentence saying what was found, in the requested locale.' })
  message?: string;

  /** The message, not yet rendered. */
  text!: MessageText;

  @Field(() => CspRegionEnum, { description: 'The CSP region the order is placed from, which the answer is about.' })
  region!: CspRegion;

  @Field(() => GraphQLISODateTime, { description: 'When Partner Center gave this answer (or the gateway decided it).' })
  checkedAt!: Date;

  @Field(() => String, {
    nullable: true,
    description: 'MS-CorrelationId of the Partner Center call behind this answer; quote it to support. Null when no call was made.',
  })
  correlationId!: string | null;
}

@InterfaceType('MpaPartnerCenterError', {
  implements: MpaStatusOutcome,
  resolveType: byTypename,
  description:
    'A member that reports an answer from Partner Center other than "signed", with its details verbatim (null on MpaInvalidResellerId when the gateway refused the identifier without asking).',
})
export abstract class MpaPartnerCenterError extends MpaStatusOutcome {
  @Field(() => String, {
    nullable: true,
    description: 'Partner Center\'s error code (for example "2203"); null when it answered without one.',
  })
  code!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Partner Center's own description, in English, verbatim. Show `message` to people instead.",
  })
  description!: string | null;

  @Field(() => URLResolver, { nullable: true, description: 'Where to read more about this answer.' })
  learnMoreUrl!: string | null;

  @Field(() => Int, { nullable: true, description: "HTTP status of Partner Center's answer." })
  httpStatus!: number | null;
}

@ObjectType('MpaSigned', {
  simpleResolvers: true,
  implements: MpaStatusOutcome,
  description: 'The reseller has accepted the Microsoft Partner Agreement for the region: orders may go through.',
})
export class MpaSigned extends MpaStatusOutcome {
  readonly __typename = 'MpaSigned' as const;
}

@ObjectType('MpaNotSigned', {
  simpleResolvers: true,
  implements: [MpaStatusOutcome, MpaPartnerCenterError],
  description:
    'The reseller has not accepted the Microsoft Partner Agreement for the region (Partner Center 2203, or isAgreementSigned false).',
})
export class MpaNotSigned extends MpaPartnerCenterError {
  readonly __typename = 'MpaNotSigned' as const;
}

@ObjectType('MpaCspRegionMismatch', {
  simpleResolvers: true,
  implements: [MpaStatusOutcome, MpaPartnerCenterError],
  description: 'The MPN ID belongs to another CSP region than the one the order is placed from (Partner Center 2201).',
})
export class MpaCspRegionMismatch extends MpaPartnerCenterError {
  readonly __typename = 'MpaCspRegionMismatch' as const;

  @Field(() => ID, { description: 'The MPN ID that was checked.' })
  mpnId!: string;

  // `resellerRegion` is a field resolver: asked only when selected.
}

@ObjectType('MpaMpnIdNotRecognized', {
  simpleResolvers: true,
  implements: [MpaStatusOutcome, MpaPartnerCenterError],
  description: 'Partner Center does not know the MPN ID, or it has not been moved from Partner Membership Center (2200).',
})
export class MpaMpnIdNotRecognized extends MpaPartnerCenterError {
  readonly __typename = 'MpaMpnIdNotRecognized' as const;

  @Field(() => ID, { description: 'The MPN ID that was checked.' })
  mpnId!: string;
}

@ObjectType('MpaNotIndirectReseller', {
  simpleResolvers: true,
  implements: [MpaStatusOutcome, MpaPartnerCenterError],
  description: 'The MPN ID is known but has no CSP indirect reseller enrolment (2204).',
})
export class MpaNotIndirectReseller extends MpaPartnerCenterError {
  readonly __typename = 'MpaNotIndirectReseller' as const;
}

@ObjectType('MpaTenantNotFound', {
  simpleResolvers: true,
  implements: [MpaStatusOutcome, MpaPartnerCenterError],
  description: 'Partner Center has no account for the tenant ID (2205).',
})
export class MpaTenantNotFound extends MpaPartnerCenterError {
  readonly __typename = 'MpaTenantNotFound' as const;

  @Field(() => ID, { description: 'The tenant ID that was checked, normalised to lower case.' })
  tenantId!: string;
}

@ObjectType('MpaTenantNotSigned', {
  simpleResolvers: true,
  implements: [MpaStatusOutcome, MpaPartnerCenterError],
  description: "The tenant's Partner Center account has not accepted the agreement for the region (2206).",
})
export class MpaTenantNotSigned extends MpaPartnerCenterError {
  readonly __typename = 'MpaTenantNotSigned' as const;

  @Field(() => ID, { description: 'The tenant ID that was checked, normalised to lower case.' })
  tenantId!: string;
}

@ObjectType('MpaInvalidResellerId', {
  simpleResolvers: true,
  implements: [MpaStatusOutcome, MpaPartnerCenterError],
  description:
    'The identifier given cannot identify a reseller. Usually the gateway refuses it without asking Partner Center (code, description and httpStatus are then null); when Partner Center itself refused an identifier the gateway accepted (2000, 2001), its code and description are kept.',
})
export class MpaInvalidResellerId extends MpaPartnerCenterError {
  readonly __typename = 'MpaInvalidResellerId' as const;

  @Field(() => MpaResellerIdProblem)
  problem!: ResellerIdProblemName;
}

@ObjectType('MpaRegionNotConfigured', {
  simpleResolvers: true,
  implements: MpaStatusOutcome,
  description: 'This deployment has no Partner Center account for the region, so it cannot check orders from there.',
})
export class MpaRegionNotConfigured extends MpaStatusOutcome {
  readonly __typename = 'MpaRegionNotConfigured' as const;

  @Field(() => [CspRegionEnum], { description: 'The regions this deployment can check.' })
  configuredRegions!: CspRegion[];
}

@ObjectType('MpaPartnerCenterUnavailable', {
  simpleResolvers: true,
  implements: MpaStatusOutcome,
  description:
    'Partner Center gave no answer about the reseller just now. Nothing is known about the agreement; asking again later may work.',
})
export class MpaPartnerCenterUnavailable extends MpaStatusOutcome {
  readonly __typename = 'MpaPartnerCenterUnavailable' as const;

  @Field(() => MpaUnavailableReason)
  reason!: StatusUnavailableReasonName;

  @Field(() => Int, { nullable: true, description: 'Seconds to wait before asking again, when known.' })
  retryAfterSeconds!: number | null;

  @Field(() => Int, { nullable: true, description: "HTTP status of Partner Center's answer, when there was one." })
  httpStatus!: number | null;
}

@ObjectType('MpaUnrecognizedAnswer', {
  simpleResolvers: true,
  implements: [MpaStatusOutcome, MpaPartnerCenterError],
  description: 'Partner Center answered with something this version does not know. Details are kept verbatim; treat it as not signed.',
})
export class MpaUnrecognizedAnswer extends MpaPartnerCenterError {
  readonly __typename = 'MpaUnrecognizedAnswer' as const;

  @Field(() => [String], { description: "The `data` array of Partner Center's answer, verbatim." })
  data!: string[];

  @Field(() => String, { nullable: true, description: "The `source` of Partner Center's answer, verbatim." })
  source!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The start of Partner Center's answer (up to 500 characters), verbatim but for credentials, when it was not Partner Center's error JSON: an HTML page, other JSON, text. Null when the body was empty or was the error JSON.",
  })
  bodyExcerpt!: string | null;
}

/** Every member class, in the order the union lists them. */
export const MPA_STATUS_MEMBERS = [
  MpaSigned,
  MpaNotSigned,
  MpaCspRegionMismatch,
  MpaMpnIdNotRecognized,
  MpaNotIndirectReseller,
  MpaTenantNotFound,
  MpaTenantNotSigned,
  MpaInvalidResellerId,
  MpaRegionNotConfigured,
  MpaPartnerCenterUnavailable,
  MpaUnrecognizedAnswer,
] as const;

/** A member value as resolvers produce it: a plain object with the fields and its typename (mpa-status.mapping.ts). */
export type MpaStatusValue = InstanceType<(typeof MPA_STATUS_MEMBERS)[number]>;
