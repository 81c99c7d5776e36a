import { registerEnumType } from 'type-graphql';

/** Why Microsoft's partner-of-record verdict could not be asked for. */
export enum MpaPartnerOfRecordUnknownReason {
  NO_PARTNER_ID_LISTED = 'NO_PARTNER_ID_LISTED',
  RESELLER_LIST_UNAVAILABLE = 'RESELLER_LIST_UNAVAILABLE',
  INVALID_IDENTIFIER = 'INVALID_IDENTIFIER',
  REGION_NOT_CONFIGURED = 'REGION_NOT_CONFIGURED',
}

registerEnumType(MpaPartnerOfRecordUnknownReason, {
  name: 'MpaPartnerOfRecordUnknownReason',
  description: "Why Microsoft's partner-of-record verdict could not be asked for.",
  valuesConfig: {
    NO_PARTNER_ID_LISTED: {
      description:
        "The reseller was named by tenant ID, and the region's reseller list gives no partner ID (PLA/MPN ID) for it; Microsoft's check takes partner IDs only.",
    },
    RESELLER_LIST_UNAVAILABLE: {
      description: "The reseller was named by tenant ID, and the region's reseller list, which gives its partner ID, could not be had.",
    },
    INVALID_IDENTIFIER: { description: 'The identifier given cannot identify a reseller (see the agreement check).' },
    REGION_NOT_CONFIGURED: { description: 'This deployment has no Partner Center account for the region.' },
  },
});
