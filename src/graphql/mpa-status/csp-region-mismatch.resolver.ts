import { Ctx, FieldResolver, Resolver, Root, registerEnumType } from 'type-graphql';
import { CspRegion } from '../../partner-center/csp-region';
import { CspRegionEnum } from '../csp-region/csp-region.enum';
import { GatewayContext } from '../gateway-context';
import { MpaCspRegionMismatch } from './mpa-status.type';
import { ResellerRegionLookup, findResellerRegion } from '../../operation/status-lookup';

/** What asking this deployment's other regions told about the reseller's own region. */
export enum MpaResellerRegionLookup {
  FOUND = 'FOUND',
  HOME_REGION_NOT_CONFIGURED = 'HOME_REGION_NOT_CONFIGURED',
  UNDETERMINED = 'UNDETERMINED',
}

registerEnumType(MpaResellerRegionLookup, {
  name: 'MpaResellerRegionLookup',
  description: "What asking this deployment's other regions told about the region an MPN ID belongs to.",
  valuesConfig: {
    FOUND: { description: 'One of them is its region: resellerRegion names it.' },
    HOME_REGION_NOT_CONFIGURED: { description: 'None of them is its region: it belongs to a region this deployment has no account for.' },
    UNDETERMINED: { description: 'Some of them could not answer just now, so its region is not known. Never cached; ask again later.' },
  },
});

const LOOKUP_STATES: Readonly<Record<ResellerRegionLookup['state'], MpaResellerRegionLookup>> = {
  found: MpaResellerRegionLookup.FOUND,
  homeRegionNotConfigured: MpaResellerRegionLookup.HOME_REGION_NOT_CONFIGURED,
  undetermined: MpaResellerRegionLookup.UNDETERMINED,
};

const lookupOf = (mismatch: MpaCspRegionMismatch, context: GatewayContext) =>
  findResellerRegion({ kind: 'mpnId', value: mismatch.mpnId }, mismatch.region, context);

@Resolver(() => MpaCspRegionMismatch)
export class CspRegionMismatchResolver {
  @FieldResolver(() => CspRegionEnum, {
    nullable: true,
    description:
      "The CSP region the MPN ID belongs to, found by asking this deployment's other regions (one upstream question each, counted in the operation's budget). Null when none of them is that region or they could not all answer: resellerRegionLookup tells which. Select it only when you show it.",
  })
  async resellerRegion(@Root() mismatch: MpaCspRegionMismatch, @Ctx() context: GatewayContext): Promise<CspRegion | null> {
    const lookup = await lookupOf(mismatch, context);
    return lookup.state === 'found' ? lookup.region : null;
  }

  @FieldResolver(() => MpaResellerRegionLookup, {
    description:
      'Whether the region the MPN ID belongs to was found, belongs to no region configured here, or could not be determined just now.',
  })
  async resellerRegionLookup(@Root() mismatch: MpaCspRegionMismatch, @Ctx() context: GatewayContext): Promise<MpaResellerRegionLookup> {
    return LOOKUP_STATES[(await lookupOf(mismatch, context)).state];
  }
}
