import { CspRegion } from '../partner-center/csp-region';
import { normalisePartnerId } from '../partner-center/partner-of-record/por-verdict';
import { CheckedStatus } from '../partner-center/status-checker';
import { OperationContext } from './operation-context';
import { StatusKey } from '../status-cache/status-key';
import { NamedReseller } from './named-reseller';
import { PartnerOfRecordUnknownReasonName } from '../answers/partner-of-record-answer';
import { ResolvedPartnerOfRecord, resolvePartnerOfRecord } from '../answers/partner-of-record-resolution';

/**
 * The partner ID Microsoft's check is asked about: the MPN (PLA) ID given, or for a reseller
 * named by tenant ID the one the region's reseller list gives; else why there is none.
 */
async function partnerIdOf(
  reseller: NamedReseller,
  region: CspRegion,
  context: OperationContext,
): Promise<{ readonly partnerId: string } | { readonly reason: PartnerOfRecordUnknownReasonName; readonly credentialsRejected?: boolean }> {
  if (!reseller.check.ok) return { reason: 'INVALID_IDENTIFIER' };
  const { identifier } = reseller.check;
  if (identifier.kind === 'mpnId') return { partnerId: identifier.value };
  const lookup = await context.services.directories.lookup(region, identifier, context.deadline);
  switch (lookup.kind) {
    case 'active':
    case 'notActive': {
      const listed = lookup.relationship.mpnId;
      return listed && /^\d+$/.test(listed.trim()) ? { partnerId: normalisePartnerId(listed) } : { reason: 'NO_PARTNER_ID_LISTED' };
    }
    case 'none':
      return { reason: 'NO_PARTNER_ID_LISTED' };
    case 'unknown':
      return {
        reason: lookup.reason === 'regionNotConfigured' ? 'REGION_NOT_CONFIGURED' : 'RESELLER_LIST_UNAVAILABLE',
        // A list refused to our own credentials is no reason to let an order through unverified.
        credentialsRejected: lookup.lastFailure?.reason === 'CREDENTIALS_REJECTED',
      };
  }
}

/**
 * Microsoft's partner-of-record verdict on the reseller for orders from `region`, through the
 * operation's loader (cached per partner ID, asked in batches). Reading a tenant's partner ID
 * from the reseller list asks Partner Center nothing.
 */
export async function lookUpPartnerOfRecord(
  reseller: NamedReseller,
  region: CspRegion,
  context: OperationContext,
  locale: string = context.locale,
  recheck = false,
): Promise<ResolvedPartnerOfRecord> {
  const identifier = reseller.check.ok ? reseller.check.identifier : undefined;
  const checker = context.services.partnerOfRecord;
  if (!checker.isConfigured(region)) {
    return resolvePartnerOfRecord(
      {
        kind: 'unknown',
        reason: 'REGION_NOT_CONFIGURED',
        guidanceKey: 'regionNotConfigured',
        partnerId: null,
      },
      { identifier, region, locale },
    );
  }
  const found = await partnerIdOf(reseller, region, context);
  if ('reason' in found) {
    const guidanceKey =
      found.reason === 'INVALID_IDENTIFIER' && !reseller.check.ok
        ? reseller.check.outcome.kind
        : found.reason === 'REGION_NOT_CONFIGURED'
          ? 'regionNotConfigured'
          : found.reason === 'RESELLER_LIST_UNAVAILABLE'
            ? 'porUnavailable'
            : 'porNoPartnerId';
    // An answer given without a usable list must not be served again from a reused response.
    if (found.reason === 'RESELLER_LIST_UNAVAILABLE') context.response.reusable = false;
    return resolvePartnerOfRecord(
      { kind: 'unknown', reason: found.reason, guidanceKey, partnerId: null, credentialsRejected: found.credentialsRejected === true },
      { identifier, region, locale },
    );
  }
  const key: StatusKey = { identifier: { kind: 'mpnId', value: found.partnerId }, region };
  let checked: CheckedStatus;
  if (recheck) {
    checked = await checker.check(key.identifier, region, { recheck: true, deadline: context.deadline, traceId: context.requestId });
    context.porLoader.clear(key).prime(key, checked);
  } else {
    checked = await context.porLoader.load(key);
  }
  const { cacheClass } = checked.outcome;
  if (recheck || cacheClass === 'transient' || cacheClass === 'never') context.response.reusable = false;
  // Texts name the partner ID asked about, also for a reseller named by tenant ID; that ID then
  // comes from the reseller book, so a client that may not read the book sees the tenant ID it gave.
  const named = identifier?.kind === 'mpnId' || context.client.scopes.has('resellers:read') ? key.identifier : identifier;
  return resolvePartnerOfRecord({ kind: 'asked', partnerId: found.partnerId, checked }, { identifier: named, region, locale });
}
