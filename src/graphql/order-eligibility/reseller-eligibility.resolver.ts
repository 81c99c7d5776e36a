import { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { negotiateLocale } from '../../guidance/guidance';
import { CspRegion } from '../../partner-center/csp-region';
import { CspRegionEnum } from '../csp-region/csp-region.enum';
import { GatewayContext } from '../gateway-context';
import { LOCALE_DESCRIPTION } from '../locale-argument';
import { Reseller } from '../reseller/reseller.type';
import { decidedVia } from './decided-via';
import { orderEligibilityOf } from './order-eligibility.mapping';
import { OrderEligibility } from './order-eligibility.type';
import { checkOrderLine } from '../../operation/order-line';

/** `Reseller.orderEligibility`: the order form's answer reached from a reseller, as a supergraph does. */
@Resolver(() => Reseller)
export class ResellerEligibilityResolver {
  @FieldResolver(() => OrderEligibility, {
    description: "The order form's answer for this reseller and region. Handy from a supergraph, where an order names its reseller.",
  })
  async orderEligibility(
    @Root() reseller: Reseller,
    @Arg('region', () => CspRegionEnum, { description: 'The CSP region the order is placed from.' }) region: CspRegion,
    @Arg('locale', () => String, { nullable: true, description: LOCALE_DESCRIPTION }) locale: string | null,
    @Ctx() context: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<OrderEligibility> {
    const via = context.services.decisionLog ? decidedVia(info) : undefined;
    const checked = await checkOrderLine(reseller, region, null, negotiateLocale(locale, context.locale), context, false, via);
    return orderEligibilityOf(checked, reseller, region, null);
  }
}
