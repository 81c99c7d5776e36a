import { createUnionType } from 'type-graphql';
import { MPA_PARTNER_OF_RECORD_MEMBERS } from './partner-of-record.type';
import { byTypename } from '../by-typename';

export const MpaPartnerOfRecord = createUnionType({
  name: 'MpaPartnerOfRecord',
  description:
    "Microsoft's own verdict on whether the reseller's partner ID (PLA ID) is valid as partner of record for orders from one CSP region (Partner Center validateresellers). Switch on __typename; every member also implements MpaPartnerOfRecordOutcome.",
  types: () => MPA_PARTNER_OF_RECORD_MEMBERS,
  resolveType: byTypename,
});
