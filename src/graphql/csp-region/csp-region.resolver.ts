import { Arg, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { CATALOGUES, DEFAULT_LOCALE, negotiateLocale } from '../../guidance/guidance';
import { CspRegion } from '../../partner-center/csp-region';
import { CspRegionEnum } from './csp-region.enum';
import { GatewayContext } from '../gateway-context';

@ObjectType('MpaCspRegionInfo', { simpleResolvers: true, description: 'A CSP region this deployment can check orders from.' })
export class MpaCspRegionInfo {
  @Field(() => CspRegionEnum)
  region!: CspRegion;

  @Field({ description: "The region's name in the requested locale." })
  name!: string;
}

@Resolver()
export class CspRegionResolver {
  @Query(() => [MpaCspRegionInfo], {
    description: 'The CSP regions this deployment has a Partner Center account for, i.e. the regions orders can be checked from.',
  })
  cspRegions(
    @Arg('locale', () => String, { nullable: true, description: 'Language of the names. Default: Accept-Language, else en-US.' })
    locale: string | null,
    @Ctx() context: GatewayContext,
  ): MpaCspRegionInfo[] {
    const catalogue = CATALOGUES.get(negotiateLocale(locale, context.locale)) ?? CATALOGUES.get(DEFAULT_LOCALE)!;
    return context.services.checker.configuredRegions.map((region) => ({ region, name: catalogue.regionNames[region] }));
  }
}
