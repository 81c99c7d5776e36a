import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CspRegion } from '../../partner-center/csp-region';
import { CspRegionEnum } from '../csp-region/csp-region.enum';
import { MpaDirectoryFailureReason } from '../relationship/relationship.enums';

/** How a region's reseller list stands. */
export enum MpaDirectoryStatus {
  LOADING = 'LOADING',
  READY = 'READY',
  STALE = 'STALE',
  TOO_OLD = 'TOO_OLD',
  UNAVAILABLE = 'UNAVAILABLE',
  REGION_NOT_CONFIGURED = 'REGION_NOT_CONFIGURED',
}

registerEnumType(MpaDirectoryStatus, {
  name: 'MpaDirectoryStatus',
  description: "How a region account's reseller list stands.",
  valuesConfig: {
    LOADING: { description: 'No list yet: the first refresh is under way.' },
    READY: { description: 'A list, and its last refresh worked.' },
    STALE: { description: 'A list, but the refresh after it failed; it is still used (see ageSeconds).' },
    TOO_OLD: { description: 'The last list is older than relationships.maxAgeSeconds and is not used.' },
    UNAVAILABLE: { description: 'No list: every refresh so far failed.' },
    REGION_NOT_CONFIGURED: { description: 'This deployment has no Partner Center account for the region.' },
  },
});

@ObjectType('MpaResellerDirectory', {
  simpleResolvers: true,
  description:
    "A region account's list of indirect resellers, fetched from Partner Center on a schedule: what the relationship check and reseller names read.",
})
export class MpaResellerDirectory {
  @Field(() => CspRegionEnum)
  region!: CspRegion;

  @Field(() => MpaDirectoryStatus)
  status!: MpaDirectoryStatus;

  @Field(() => Int, { nullable: true, description: 'Relationships in the list, of any state.' })
  resellerCount!: number | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When Partner Center gave the list.' })
  fetchedAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'Age of the list in seconds.' })
  ageSeconds!: number | null;

  @Field(() => MpaDirectoryFailureReason, { nullable: true, description: 'Why the last failed refresh failed, if one did.' })
  lastRefreshFailure!: MpaDirectoryFailureReason | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the last failed refresh failed, if one did.' })
  lastRefreshFailedAt!: Date | null;

  @Field({ description: 'True while a refresh is under way (one that outlasted this request goes on).' })
  refreshing!: boolean;
}
