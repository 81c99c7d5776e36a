import { registerEnumType } from 'type-graphql';
import { CSP_REGIONS, CSP_REGION_NAMES, CspRegion } from '../../partner-center/csp-region';

/** The CspRegion enum's values, named as in the domain. */
export const CspRegionEnum = Object.fromEntries(CSP_REGIONS.map((region) => [region, region])) as {
  readonly [R in CspRegion]: R;
};

registerEnumType(CspRegionEnum, {
  name: 'CspRegion',
  description:
    'A Cloud Solution Provider region. A reseller accepts the Microsoft Partner Agreement per region, and an order is placed from the region of the provider account that submits it.',
  valuesConfig: Object.fromEntries(CSP_REGIONS.map((region) => [region, { description: CSP_REGION_NAMES[region] }])),
});
