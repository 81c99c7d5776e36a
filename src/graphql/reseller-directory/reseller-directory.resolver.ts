import { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Mutation, Query, Resolver } from 'type-graphql';
import { CspRegion } from '../../partner-center/csp-region';
import { withinDeadline } from '../../time/within-deadline';
import { DirectoryState } from '../../relationship-directory/directory-snapshot';
import { CspRegionEnum } from '../csp-region/csp-region.enum';
import { GatewayContext } from '../gateway-context';
import { MpaDirectoryFailureReason } from '../relationship/relationship.enums';
import { MpaDirectoryStatus, MpaResellerDirectory } from './reseller-directory.type';

const STATUSES = {
  loading: MpaDirectoryStatus.LOADING,
  ready: MpaDirectoryStatus.READY,
  stale: MpaDirectoryStatus.STALE,
  tooOld: MpaDirectoryStatus.TOO_OLD,
  unavailable: MpaDirectoryStatus.UNAVAILABLE,
} as const;

function directoryOf(region: CspRegion, state: DirectoryState | undefined): MpaResellerDirectory {
  return {
    region,
    status: state ? STATUSES[state.status] : MpaDirectoryStatus.REGION_NOT_CONFIGURED,
    resellerCount: state?.resellers ?? null,
    fetchedAt: state?.fetchedAt ? new Date(state.fetchedAt) : null,
    ageSeconds: state?.ageSeconds ?? null,
    lastRefreshFailure: state?.lastFailure ? MpaDirectoryFailureReason[state.lastFailure.reason] : null,
    lastRefreshFailedAt: state?.lastFailure ? new Date(state.lastFailure.at) : null,
    refreshing: state?.refreshing ?? false,
  };
}

@Resolver(() => MpaResellerDirectory)
export class ResellerDirectoryResolver {
  @Query(() => [MpaResellerDirectory], { description: "Each configured region account's reseller list: its size, age and last refresh." })
  resellerDirectories(@Ctx() context: GatewayContext): MpaResellerDirectory[] {
    const { directories } = context.services;
    return directories.regions.map((region) => directoryOf(region, directories.state(region)));
  }

  @Mutation(() => MpaResellerDirectory, {
    description:
      "Fetches a region's reseller list from Partner Center now, once across replicas, for the partner who has just accepted the reseller relationship. It never takes a list whose fetch started before it was asked, on any replica, except one fetched by another forced refresh within relationships.forcedRefreshCooldownSeconds. Waits up to the operation's deadline; a refresh that takes longer goes on (refreshing: true).",
  })
  async refreshResellerDirectory(
    @Arg('region', () => CspRegionEnum, { description: 'The CSP region whose list to refresh.' }) region: CspRegion,
    @Ctx() context: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<MpaResellerDirectory> {
    const { directories } = context.services;
    if (!directories.regions.includes(region)) return directoryOf(region, undefined);
    context.response.reusable = false;
    await withinDeadline(directories.refresh(region, { force: true }), context.deadline);
    const refreshed = directoryOf(region, directories.state(region));
    context.services.decisionLog?.directoryRefresh({
      via: { operation: info.operation.name?.value ?? null, field: info.fieldName },
      client: context.client.id,
      region,
      refreshing: refreshed.refreshing,
      fetchedAt: refreshed.fetchedAt ?? null,
      requestId: context.requestId,
    });
    return refreshed;
  }
}
