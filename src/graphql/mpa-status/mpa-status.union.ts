import { createUnionType } from 'type-graphql';
import { MPA_STATUS_MEMBERS } from './mpa-status.type';
import { byTypename } from '../by-typename';

export const MpaStatus = createUnionType({
  name: 'MpaStatus',
  description:
    "What Partner Center says about a reseller's Microsoft Partner Agreement for one CSP region. Switch on __typename; every member also implements MpaStatusOutcome, so unknown future members can still be shown.",
  types: () => MPA_STATUS_MEMBERS,
  resolveType: byTypename,
});
