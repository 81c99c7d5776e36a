import { createUnionType } from 'type-graphql';
import { MPA_RELATIONSHIP_MEMBERS } from './relationship.type';
import { byTypename } from '../by-typename';

export const MpaRelationship = createUnionType({
  name: 'MpaRelationship',
  description:
    "Whether the reseller has an active relationship with this provider in one CSP region, read from the region's reseller list (refreshed on a schedule, never per order). Switch on __typename; every member also implements MpaRelationshipOutcome.",
  types: () => MPA_RELATIONSHIP_MEMBERS,
  resolveType: byTypename,
});
