import { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { CspRegion } from '../../partner-center/csp-region';
import { CspRegionEnum } from '../csp-region/csp-region.enum';
import { GatewayContext } from '../gateway-context';
import { MpaStatus } from '../mpa-status/mpa-status.union';
import { MpaStatusValue } from '../mpa-status/mpa-status.type';
import { Reseller, resellerFrom } from './reseller.type';
import { distinctResellers } from '../../operation/named-reseller';
import { lookUpStatus } from '../../operation/status-lookup';
import { mpaStatusOf } from '../mpa-status/mpa-status.mapping';
import { assertListLength, regionsAskedPerReseller, reserveQuestions } from '../admission';
import { LOCALE_DESCRIPTION } from '../locale-argument';
import { negotiateLocale } from '../../guidance/guidance';
import { PartnerRelationship } from '../../partner-center/client/relationships-reading';
import { MpaRelationship } from '../relationship/relationship.union';
import { MpaRelationshipValue } from '../relationship/relationship.type';
import { lookUpRelationship } from '../../operation/relationship-lookup';
import { mpaRelationshipOf } from '../relationship/relationship.mapping';

/** The reseller as a region's reseller list holds it, in any configured region; not an upstream question. */
function listed(reseller: Reseller, context: GatewayContext): Promise<PartnerRelationship | undefined> {
  return reseller.check.ok ? context.services.directories.find(reseller.check.identifier, context.deadline) : Promise.resolve(undefined);
}

@Resolver(() => Reseller)
export class ResellerResolver {
  @Query(() => Reseller, {
    description:
      "A reseller by MPN ID or by tenant ID (give exactly one). An invalid identifier is not an error: the reseller's mpaStatus says what is wrong with it.",
  })
  reseller(
    @Arg('mpnId', () => ID, { nullable: true, description: 'MPN ID (PGA/PLA), digits only.' }) mpnId: string | null,
    @Arg('tenantId', () => ID, { nullable: true, description: 'CSP tenant ID (a GUID).' }) tenantId: string | null,
  ): Reseller {
    return resellerFrom({ mpnId, tenantId });
  }

  @Query(() => [Reseller], {
    description:
      'Several resellers at once, in the order given: MPN IDs first, then tenant IDs. Duplicates are checked once. The total is bounded by configuration.',
  })
  resellers(
    @Arg('mpnIds', () => [ID], { nullable: true }) mpnIds: string[] | null,
    @Arg('tenantIds', () => [ID], { nullable: true }) tenantIds: string[] | null,
    @Ctx() context: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ): Reseller[] {
    const total = (mpnIds?.length ?? 0) + (tenantIds?.length ?? 0);
    assertListLength('mpnIds and tenantIds', total, context);
    const resellers = [
      ...(mpnIds ?? []).map((mpnId) => resellerFrom({ mpnId })),
      ...(tenantIds ?? []).map((tenantId) => resellerFrom({ tenantId })),
    ];
    reserveQuestions(distinctResellers(resellers) * regionsAskedPerReseller(info), context);
    return resellers;
  }

  @FieldResolver(() => MpaStatus, {
    description: 'Whether the reseller may order from the given CSP region, and if not, why.',
  })
  async mpaStatus(
    @Root() reseller: Reseller,
    @Arg('region', () => CspRegionEnum, { description: 'The CSP region the order is placed from.' }) region: CspRegion,
    @Ctx() context: GatewayContext,
  ): Promise<MpaStatusValue> {
    return mpaStatusOf((await lookUpStatus(reseller, region, context)).value);
  }

  // mpnId and tenantId stay the identifier given (exactly one set): clients send them back as order lines.
  @FieldResolver(() => ID, {
    nullable: true,
    description:
      "The reseller's MPN ID as a region account's reseller list holds it: for a reseller named by tenant ID, the MPN ID it was not given. Null when no list holds the reseller.",
  })
  async listedMpnId(@Root() reseller: Reseller, @Ctx() context: GatewayContext): Promise<string | null> {
    return (await listed(reseller, context))?.mpnId ?? null;
  }

  @FieldResolver(() => ID, {
    nullable: true,
    description:
      "The reseller's CSP tenant ID as a region account's reseller list holds it: for a reseller named by MPN ID, the tenant ID it was not given. Null when no list holds the reseller.",
  })
  async listedTenantId(@Root() reseller: Reseller, @Ctx() context: GatewayContext): Promise<string | null> {
    return (await listed(reseller, context))?.tenantId ?? null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The reseller's company name, from the reseller lists of this deployment's region accounts; null when none lists the reseller.",
  })
  async name(@Root() reseller: Reseller, @Ctx() context: GatewayContext): Promise<string | null> {
    return (await listed(reseller, context))?.name ?? null;
  }

  @FieldResolver(() => MpaRelationship, {
    description:
      "Whether the reseller has an active relationship with this provider in the region (the partner-of-record check), from the region's reseller list. Never asks Partner Center per reseller.",
  })
  async relationship(
    @Root() reseller: Reseller,
    @Arg('region', () => CspRegionEnum, { description: 'The CSP region the order is placed from.' }) region: CspRegion,
    @Arg('locale', () => String, { nullable: true, description: LOCALE_DESCRIPTION }) locale: string | null,
    @Ctx() context: GatewayContext,
  ): Promise<MpaRelationshipValue> {
    return mpaRelationshipOf((await lookUpRelationship(reseller, region, context, negotiateLocale(locale, context.locale))).value);
  }
}
