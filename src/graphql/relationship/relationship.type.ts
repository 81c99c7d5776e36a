import { Field, GraphQLISODateTime, ID, Int, InterfaceType, ObjectType } from 'type-graphql';
import { CspRegion } from '../../partner-center/csp-region';
import { CspRegionEnum } from '../csp-region/csp-region.enum';
import { MpaDirectoryFailureReason, MpaRelationshipUnknownReason } from './relationship.enums';
import { byTypename } from '../by-typename';
import { MessageText } from '../../guidance/message-text';
import { DirectoryFailureReason } from '../../relationship-directory/directory-store';
import { RelationshipUnknownReasonName } from '../../answers/relationship-answer';

export { MpaDirectoryFailureReason, MpaRelationshipUnknownReason } from './relationship.enums';

@InterfaceType('MpaRelationshipOutcome', {
  resolveType: byTypename,
  description: 'Fields every MpaRelationship member has. Clients can rely on these for members added in later versions.',
})
export abstract class MpaRelationshipOutcome {
  abstract readonly __typename: string;

  // Rendered by a field resolver when asked for (outcome-message.resolver.ts), from `text`.
  @Field({ description: 'One sentence saying what was found, in the requested locale.' })
  message?: string;

  /** The message, not yet rendered. */
  text!: MessageText;

  @Field(() => CspRegionEnum, { description: "The CSP region whose provider account's reseller list was read." })
  region!: CspRegion;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When Partner Center gave the reseller list this answer comes from; null when there is no usable list.',
  })
  checkedAt!: Date | null;
}

@InterfaceType('MpaListedRelationship', {
  implements: MpaRelationshipOutcome,
  resolveType: byTypename,
  description: "A relationship the region's reseller list holds, as Partner Center lists it.",
})
export abstract class MpaListedRelationship extends MpaRelationshipOutcome {
  @Field({ description: "The reseller's company name." })
  resellerName!: string;

  @Field({ description: 'The state of the relationship, verbatim (for example "Active").' })
  state!: string;

  @Field(() => ID, { description: "The reseller's CSP tenant ID." })
  tenantId!: string;

  @Field(() => ID, { nullable: true, description: "The reseller's MPN ID (PGA/PLA), when listed." })
  mpnId!: string | null;

  @Field(() => String, { nullable: true, description: "The reseller's location (a country code), when listed." })
  location!: string | null;
}

@ObjectType('MpaRelationshipActive', {
  simpleResolvers: true,
  implements: [MpaRelationshipOutcome, MpaListedRelationship],
  description: 'The reseller has an active relationship with this provider in the region: the partner-of-record check passes.',
})
export class MpaRelationshipActive extends MpaListedRelationship {
  readonly __typename = 'MpaRelationshipActive' as const;
}

@ObjectType('MpaRelationshipNotActive', {
  simpleResolvers: true,
  implements: [MpaRelationshipOutcome, MpaListedRelationship],
  description:
    'The reseller has a relationship with this provider in the region, but it is not active (`state` says what it is): Microsoft blocks its orders.',
})
export class MpaRelationshipNotActive extends MpaListedRelationship {
  readonly __typename = 'MpaRelationshipNotActive' as const;
}

@ObjectType('MpaNoRelationship', {
  simpleResolvers: true,
  implements: MpaRelationshipOutcome,
  description:
    "The region's reseller list has no relationship for the reseller: it has not accepted this provider's reseller relationship request there.",
})
export class MpaNoRelationship extends MpaRelationshipOutcome {
  readonly __typename = 'MpaNoRelationship' as const;
}

@ObjectType('MpaRelationshipUnknown', {
  simpleResolvers: true,
  implements: MpaRelationshipOutcome,
  description:
    "The relationship could not be checked: the region's reseller list is not loaded, unavailable or too old, or the reseller or region cannot be looked up.",
})
export class MpaRelationshipUnknown extends MpaRelationshipOutcome {
  readonly __typename = 'MpaRelationshipUnknown' as const;

  @Field(() => MpaRelationshipUnknownReason)
  reason!: RelationshipUnknownReasonName;

  @Field(() => Int, { nullable: true, description: 'Age of the last reseller list in seconds, when there is one.' })
  directoryAgeSeconds!: number | null;

  @Field(() => MpaDirectoryFailureReason, { nullable: true, description: 'Why the last refresh of the list failed, when it did.' })
  lastRefreshFailure!: DirectoryFailureReason | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the last refresh of the list failed, when it did.' })
  lastRefreshFailedAt!: Date | null;
}

/** Every member class, in the order the union lists them. */
export const MPA_RELATIONSHIP_MEMBERS = [
  MpaRelationshipActive,
  MpaRelationshipNotActive,
  MpaNoRelationship,
  MpaRelationshipUnknown,
] as const;

/** A member value as resolvers produce it: a plain object with the fields and its typename (relationship.mapping.ts). */
export type MpaRelationshipValue = InstanceType<(typeof MPA_RELATIONSHIP_MEMBERS)[number]>;
