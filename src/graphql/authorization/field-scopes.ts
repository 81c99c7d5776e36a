import { ClientScope } from '../../client-access/client-scope';

/**
 * The scopes each field needs: any one of those listed. Fields not listed need none
 * (`cspRegions`, `_service`, identifiers echoed as given, `__typename`). Interface fields are
 * listed with the interface and every type implementing it, so no fragment reaches them
 * another way.
 */
export const FIELD_SCOPES: ReadonlyMap<string, readonly ClientScope[]> = new Map<string, readonly ClientScope[]>([
  ['Query.orderEligibility', ['orders:check']],
  ['Query.orderEligibilities', ['orders:check']],
  // A list of resellers is a status check or a book reading; its fields say which.
  ['Query.reseller', ['orders:check', 'resellers:read']],
  ['Query.resellers', ['orders:check', 'resellers:read']],
  ['Query._entities', ['orders:check', 'resellers:read']],
  ['Reseller.mpaStatus', ['orders:check']],
  ['Reseller.orderEligibility', ['orders:check']],
  // Asks Microsoft (validateresellers): a status check like mpaStatus.
  ['Reseller.partnerOfRecord', ['orders:check']],
  ['Reseller.name', ['resellers:read']],
  ['Reseller.listedMpnId', ['resellers:read']],
  ['Reseller.listedTenantId', ['resellers:read']],
  ['Reseller.relationship', ['resellers:read']],
  ...['MpaListedRelationship', 'MpaRelationshipActive', 'MpaRelationshipNotActive'].flatMap((type) =>
    ['resellerName', 'tenantId', 'mpnId', 'location'].map((field): [string, readonly ClientScope[]] => [
      `${type}.${field}`,
      ['resellers:read'],
    ]),
  ),
  // For a reseller named by tenant ID, the partner ID is the MPN ID the reseller book lists for it.
  ...[
    'MpaPartnerOfRecordOutcome',
    'MpaPartnerOfRecordRefusal',
    'MpaPartnerOfRecordValid',
    'MpaPartnerIdNotValidOnRecord',
    'MpaPartnerOfRecordUndocumentedCode',
    'MpaPartnerOfRecordUnavailable',
    'MpaPartnerOfRecordUnrecognized',
    'MpaPartnerOfRecordUnknown',
  ].map((type): [string, readonly ClientScope[]] => [`${type}.partnerId`, ['resellers:read']]),
  ['Mutation.recheckMpaStatus', ['status:recheck']],
  ['Query.resellerDirectories', ['directory:operate']],
  ['Mutation.refreshResellerDirectory', ['directory:operate']],
]);
