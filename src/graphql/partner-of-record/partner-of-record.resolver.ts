import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { CspRegion } from '../../partner-center/csp-region';
import { negotiateLocale } from '../../guidance/guidance';
import { CspRegionEnum } from '../csp-region/csp-region.enum';
import { GatewayContext } from '../gateway-context';
import { LOCALE_DESCRIPTION } from '../locale-argument';
import { Reseller } from '../reseller/reseller.type';
import { lookUpPartnerOfRecord } from '../../operation/partner-of-record-lookup';
import { mpaPartnerOfRecordOf } from './partner-of-record.mapping';
import { MpaPartnerOfRecordValue } from './partner-of-record.type';
import { MpaPartnerOfRecord } from './partner-of-record.union';

@Resolver(() => Reseller)
export class ResellerPartnerOfRecordResolver {
  @FieldResolver(() => MpaPartnerOfRecord, {
    description:
      "Microsoft's own verdict on the reseller as partner of record for orders from the region (Partner Center validateresellers): for a reseller named by tenant ID, about the partner ID the region's reseller list gives. Asked in batches per region account, cached per partner ID.",
  })
  async partnerOfRecord(
    @Root() reseller: Reseller,
    @Arg('region', () => CspRegionEnum, { description: 'The CSP region the order is placed from.' }) region: CspRegion,
    @Arg('locale', () => String, { nullable: true, description: LOCALE_DESCRIPTION }) locale: string | null,
    @Ctx() context: GatewayContext,
  ): Promise<MpaPartnerOfRecordValue> {
    return mpaPartnerOfRecordOf((await lookUpPartnerOfRecord(reseller, region, context, negotiateLocale(locale, context.locale))).value);
  }
}
