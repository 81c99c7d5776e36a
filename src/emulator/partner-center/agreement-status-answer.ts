import { EmulatedRegion } from '../emulated-regions';
import { EmulatedReseller } from './emulated-world';

/** Learn-more pages Partner Center names in the `data` of its error bodies. */
const MPA_FAQ_URL = 'https://docs.microsoft.com/partner-center/mpa-indirect-provider-faq';
const PMC_MIGRATION_URL = 'https://partner.microsoft.com/resources/detail/migrate-pmc-pc-mpa-guide-pptx';

/** An answer as Partner Center's agreementstatus endpoint gives it. */
export interface EmulatedAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** Read-only view of the world the answers come from. */
export interface ResellerDirectory {
  byMpnId(mpnId: string): EmulatedReseller | undefined;
  byTenantId(tenantId: string): EmulatedReseller | undefined;
}

// Partner Center's texts, reproduced as its API returns them (typos included) so that
// clients are tested against the real thing.
const error = (code: number, description: string, source: string, data: string[] = []): EmulatedAnswer => ({
  status: 400,
  body: { code, description, data, source },
});

const INT32_MAX = 2_147_483_647;
const GUID =
  /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}|\([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\))$/i;

/** Model binding of an `int` query parameter: optional sign, digits, 32-bit range. */
function bindsAsInt(text: string): boolean {
  if (!/^\s*[-+]?\d+\s*$/.test(text)) return false;
  const value = Number(text);
  return value >= -INT32_MAX - 1 && value <= INT32_MAX;
}

function canonicalGuid(text: string): string {
  const hex = text.replace(/[^0-9a-f]/gi, '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The agreementstatus decision, in Partner Center's order: parameter binding (MPN ID must
 * be an int, tenant ID a GUID), then the controller's checks (both, neither), then the
 * reseller lookup for the region of the calling account.
 */
export function answerAgreementStatus(
  mpnIdParam: string | undefined,
  tenantIdParam: string | undefined,
  region: EmulatedRegion,
  directory: ResellerDirectory,
): EmulatedAnswer {
  if (mpnIdParam !== undefined && !bindsAsInt(mpnIdParam)) {
    return error(2000, 'MPN Id must be numeric.', 'PartnerApiServiceControllers');
  }
  if (tenantIdParam !== undefined && !GUID.test(tenantIdParam.trim())) {
    return error(2000, 'Tenant Id must be a GUID.', 'PartnerApiServiceControllers');
  }
  if (mpnIdParam !== undefined && tenantIdParam !== undefined) {
    return error(2000, 'Both MPN Id and Tenant Id should not be passed.', 'ComplianceController');
  }
  if (mpnIdParam === undefined && tenantIdParam === undefined) {
    return error(2001, 'Both MPN Id and Tenant Id cannot be empty.', 'ComplianceController');
  }
  if (mpnIdParam !== undefined) return answerForMpnId(String(Number(mpnIdParam)), region, directory);
  return answerForTenantId(tenantIdParam!.trim(), region, directory);
}

function answerForMpnId(mpnId: string, region: EmulatedRegion, directory: ResellerDirectory): EmulatedAnswer {
  const reseller = directory.byMpnId(mpnId);
  if (!reseller || reseller.migrated === false) {
    return error(
      2200,
      `MPN Id ${mpnId} is either invalid or not yet migrated to Partner Center. Please advise your reseller to migrate the reseller MPN ID to Partner Center to continue with this order.`,
      'PartnerFD',
      [PMC_MIGRATION_URL],
    );
  }
  if (reseller.enrolled === false) {
    return error(
      2204,
      `MPN Id ${mpnId} is not associated with a CSP Indirect Reseller account in Partner Center. Please advise your reseller to enroll into the CSP program as an indirect reseller in Partner Center.`,
      'PartnerFD',
      [MPA_FAQ_URL],
    );
  }
  if (reseller.homeRegion !== region) {
    return error(
      2201,
      `The CSP region of the MPN ID ${mpnId} doesn’t match the CSP region from where you are placing the order. Provide the MPN ID for the CSP region where you are placing the order.`,
      'PartnerFD',
      [MPA_FAQ_URL],
    );
  }
  if (reseller.signedRegions.includes(region)) return { status: 200, body: { isAgreementSigned: true } };
  if (reseller.answersFalse) return { status: 200, body: { isAgreementSigned: false } };
  return error(
    2203,
    `MPN Id ${mpnId} has not signed Microsoft Partner Agreement (MPA) for the CSP region where the order is being placed. Please advise your reseller to sign MPA to continue with the order.`,
    'PartnerFD',
    [MPA_FAQ_URL],
  );
}

function answerForTenantId(tenantParam: string, region: EmulatedRegion, directory: ResellerDirectory): EmulatedAnswer {
  const reseller = directory.byTenantId(canonicalGuid(tenantParam));
  if (!reseller || reseller.enrolled === false) {
    return error(2205, `Partner Center doesn't find any account associated to the Tenant ID ${tenantParam}`, 'PartnerFD');
  }
  // A tenant belongs to one region; from any other region, as when unsigned, no signature is found.
  if (reseller.homeRegion === region && reseller.signedRegions.includes(region)) {
    return { status: 200, body: { isAgreementSigned: true } };
  }
  return error(2206, `Parnter Center Account associated to Tenant Id ${tenantParam} hasn't signed the agreement`, 'PartnerFD', [
    MPA_FAQ_URL,
  ]);
}
