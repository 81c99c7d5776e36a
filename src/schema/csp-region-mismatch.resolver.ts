import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { CspRegion } from '../partner-center/csp-region';
import { CspRegionEnum } from './csp-region.enum';
import { GatewayContext } from './gateway-context';
import { MpaCspRegionMismatch } from './mpa-status.type';
import { findResellerRegion } from './status-lookup';

@Resolver(() => MpaCspRegionMismatch)
export class CspRegionMismatchResolver {
  @FieldResolver(() => CspRegionEnum, {
    nullable: true,
    description:
      "The CSP region the MPN ID belongs to, found by asking this deployment's other regions. Null when none of them is that region. Costs upstream calls: select it only when you show it.",
  })
  resellerRegion(@Root() mismatch: MpaCspRegionMismatch, @Ctx() context: GatewayContext): Promise<CspRegion | null> {
    return findResellerRegion({ kind: 'mpnId', value: mismatch.mpnId }, mismatch.region, context);
  }
}
