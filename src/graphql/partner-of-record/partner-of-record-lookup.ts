import { CspRegion } from '../../partner-center/csp-region';
import { normalisePartnerId } from '../../partner-center/partner-of-record/por-verdict';
import { CheckedStatus } from '../../partner-center/status-checker';
import { GatewayContext } from '../gateway-context';
import { StatusKey } from '../../status-cache/status-key';
import { Reseller } from '../reseller/reseller.type';
import { MpaPartnerOfRecordUnknownReason } from './partner-of-record.enums';
import { ResolvedPartnerOfRecord, resolvePartnerOfRecord } from './partner-of-record.factory';

/**
 * The partner ID Microsoft's check is asked about: the MPN (PLA) ID given, or for a reseller
 * named by tenant ID the one the region's reseller list gives; else why there is none.
 */
async function partnerIdOf(
  reseller: Reseller,
  region: CspRegion,
  context: GatewayContext,
): Promise<{ readonly partnerId: string } | { readonly reason: MpaPartnerOfRecordUnknownReason; readonly credentialsRejected?: boolean }> {
  if (!reseller.check.ok) return { reason: MpaPartnerOfRecordUnknownReason.INVALID_IDENTIFIER };
  const { identifier } = reseller.check;
  if (identifier.kind === 'mpnId') return { partnerId: identifier.value };
  const lookup = await context.services.directories.lookup(region, identifier, context.deadline);
  switch (lookup.kind) {
    case 'active':
    case 'notActive': {
      const listed = lookup.relationship.mpnId;
      return listed && /^\d+$/.test(listed.trim())
        ? { partnerId: normalisePartnerId(listed) }
        : { reason: MpaPartnerOfRecordUnknownReason.NO_PARTNER_ID_LISTED };
    }
    case 'none':
      return { reason: MpaPartnerOfRecordUnknownReason.NO_PARTNER_ID_LISTED };
    case 'unknown':
      return {
        reason:
          lookup.reason === 'regionNotConfigured'
            ? MpaPartnerOfRecordUnknownReason.REGION_NOT_CONFIGURED
            : MpaPartnerOfRecordUnknownReason.RESELLER_LIST_UNAVAILABLE,
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
  reseller: Reseller,
  region: CspRegion,
  context: GatewayContext,
  locale: string = context.locale,
  recheck = false,
): Promise<ResolvedPartnerOfRecord> {
  const identifier = reseller.check.ok ? reseller.check.identifier : undefined;
  const checker = context.services.partnerOfRecord;
  if (!checker.isConfigured(region)) {
    return resolvePartnerOfRecord(
      {
        kind: 'unknown',
        reason: MpaPartnerOfRecordUnknownReason.REGION_NOT_CONFIGURED,
        guidanceKey: 'regionNotConfigured',
        partnerId: null,
      },
      { identifier, region, locale },
    );
  }
  const found = await partnerIdOf(reseller, region, context);
  if ('reason' in found) {
    const guidanceKey =
      found.reason === MpaPartnerOfRecordUnknownReason.INVALID_IDENTIFIER && !reseller.check.ok
        ? reseller.check.outcome.kind
        : found.reason === MpaPartnerOfRecordUnknownReason.REGION_NOT_CONFIGURED
          ? 'regionNotConfigured'
          : found.reason === MpaPartnerOfRecordUnknownReason.RESELLER_LIST_UNAVAILABLE
            ? 'porUnavailable'
            : 'porNoPartnerId';
    // An answer given without a usable list must not be served again from a reused response.
    if (found.reason === MpaPartnerOfRecordUnknownReason.RESELLER_LIST_UNAVAILABLE) context.response.reusable = false;
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
  // Texts name the partner ID asked about, also for a reseller named by tenant ID.
  return resolvePartnerOfRecord({ kind: 'asked', partnerId: found.partnerId, checked }, { identifier: key.identifier, region, locale });
}
