import { EMULATED_REGIONS, EmulatedRegion } from '../emulated-regions';
import { FaultRule } from './faults';

/** A provider's Partner Center account: its token fixes the region orders are placed from. */
export interface EmulatedAccount {
  readonly region: EmulatedRegion;
  /** A fixed bearer token the emulator accepts for this account (sandbox mode). */
  readonly token: string;
  /** The provider's Entra ID tenant, for App+User tokens from the emulated authority. */
  readonly tenantId: string;
  /** The app registration used for the secure application model. */
  readonly clientId: string;
  readonly clientSecret: string;
  /** The partner user who consented. */
  readonly username: string;
}

/** An indirect reseller as Partner Center knows it. */
export interface EmulatedReseller {
  readonly mpnId: string;
  /** Lower-case GUID; absent when the reseller has no CSP tenant. */
  readonly tenantId?: string;
  /** The one CSP region the reseller's MPN ID belongs to. */
  readonly homeRegion: EmulatedRegion;
  /** Regions where the MPA was accepted. */
  readonly signedRegions: readonly EmulatedRegion[];
  /** Default `true`. False: the MPN ID is still in Partner Membership Center (2200). */
  readonly migrated?: boolean;
  /** Default `true`. False: known MPN ID without a CSP indirect reseller enrolment (2204). */
  readonly enrolled?: boolean;
  /** Default `false`. Answer an unsigned lookup with `200 {"isAgreementSigned": false}` instead of 2203. */
  readonly answersFalse?: boolean;
  /** A fault that always applies to this reseller (test identifiers for error screens). */
  readonly fault?: FaultRule;
  /** What the identifier demonstrates, for the printed table and README. */
  readonly purpose: string;
  /** Default `Reseller {mpnId}`. The company name Partner Center lists for the reseller. */
  readonly name?: string;
  /**
   * Default an `Active` relationship with the account of its home region (none without a
   * tenant ID). The state of its reseller relationship with each region's provider account, as
   * the relationships call lists it; a region missing here has no relationship.
   */
  readonly relationships?: Readonly<Partial<Record<EmulatedRegion, string>>>;
  /**
   * Default valid on record when migrated and enrolled, else not valid with 900400. What
   * validateresellers answers for the reseller's PLA ID: `valid: false` with an error code and
   * description (any code, kept as given), or `omitted` to leave its result out of the answer.
   */
  readonly partnerOfRecord?: EmulatedPartnerOfRecord;
}

/** A validateresellers verdict the emulator gives for one reseller. */
export type EmulatedPartnerOfRecord =
  | { readonly valid: true }
  | { readonly valid: false; readonly errorCode?: number | string; readonly errorDescription?: string }
  | { readonly omitted: true };

/** The one code Microsoft's page shows by example, with the emulator's description for it. */
export const POR_NOT_VALID_CODE = 900400;
export const POR_NOT_VALID_DESCRIPTION = 'The PLA ID (formerly MPN ID) is not valid on record as an authorized indirect reseller.';

/** A reseller's verdict as validateresellers gives it, with the defaults applied. */
export function partnerOfRecordOf(reseller: EmulatedReseller | undefined): EmulatedPartnerOfRecord {
  if (reseller?.partnerOfRecord) return reseller.partnerOfRecord;
  if (reseller && reseller.migrated !== false && reseller.enrolled !== false) return { valid: true };
  return { valid: false, errorCode: POR_NOT_VALID_CODE, errorDescription: POR_NOT_VALID_DESCRIPTION };
}

/** The reseller relationships a reseller has, by provider account region, with their defaults applied. */
export function relationshipsOf(reseller: EmulatedReseller): Readonly<Partial<Record<EmulatedRegion, string>>> {
  if (!reseller.tenantId) return {};
  return reseller.relationships ?? { [reseller.homeRegion]: 'Active' };
}

/** The name Partner Center lists for a reseller. */
export const nameOf = (reseller: EmulatedReseller): string => reseller.name ?? `Reseller ${reseller.mpnId}`;

/** Token for an emulated region account in sandbox mode. Not a secret: the emulator is public. */
export function sandboxToken(region: EmulatedRegion): string {
  return `sandbox-${region.toLowerCase().replace(/_/g, '-')}`;
}

/** One emulated account per CSP region, with made-up (not secret) app credentials. */
export const SANDBOX_ACCOUNTS: readonly EmulatedAccount[] = EMULATED_REGIONS.map((region, index) => {
  const n = String(index + 1).padStart(12, '0');
  return {
    region,
    token: sandboxToken(region),
    tenantId: `10000000-0000-0000-0000-${n}`,
    clientId: `20000000-0000-0000-0000-${n}`,
    clientSecret: `sandbox-client-secret-${region.toLowerCase()}`,
    username: `admin@${region.toLowerCase().replace(/_/g, '-')}.provider.example`,
  };
});

/** Tenant ID of a test reseller: its MPN ID in the last twelve digits. */
export function sandboxTenantId(mpnId: string): string {
  return `00000000-0000-0000-0000-${mpnId.padStart(12, '0')}`;
}

function reseller(
  mpnId: string,
  name: string,
  purpose: string,
  fields: Partial<Omit<EmulatedReseller, 'mpnId' | 'purpose' | 'name'>> = {},
): EmulatedReseller {
  return {
    mpnId,
    name,
    tenantId: sandboxTenantId(mpnId),
    homeRegion: 'UNITED_STATES',
    signedRegions: ['UNITED_STATES'],
    purpose,
    ...fields,
  };
}

const unsigned = { signedRegions: [] as EmulatedRegion[] };

/**
 * The documented test identifiers, like a card processor's test card numbers. Regions
 * below are as seen from the UNITED_STATES account unless a line says otherwise. Any
 * other MPN ID answers 2200; any other tenant ID answers 2205.
 */
export const TEST_RESELLERS: readonly EmulatedReseller[] = [
  reseller('1000001', 'Northwind Traders', 'MPA signed for United States (tenant ID: signed too).'),
  reseller('1000002', 'Contoso Cloud Services', 'MPA not signed: 2203 (tenant ID: 2206).', unsigned),
  reseller('1000003', 'Fabrikam Europe', 'Belongs to Europe and signed there: 2201 from any other region, signed from EUROPE.', {
    homeRegion: 'EUROPE',
    signedRegions: ['EUROPE'],
  }),
  reseller('1000004', 'Adventure Works', 'Not migrated to Partner Center: 2200 (no tenant ID).', { migrated: false, tenantId: undefined }),
  reseller(
    '1000005',
    'Tailspin Toys',
    'Known MPN ID without a CSP indirect reseller enrolment: 2204 (tenant ID: 2205); no reseller relationship.',
    {
      enrolled: false,
      relationships: {},
    },
  ),
  reseller('1000006', 'Wide World Importers', 'Not signed, answered as 200 {"isAgreementSigned": false} (tenant ID: 2206).', {
    ...unsigned,
    answersFalse: true,
  }),
  reseller(
    '1000007',
    'Litware',
    'Belongs to United States; its MPA acceptance is for Europe only, which does not count: 2203 from UNITED_STATES, 2201 (reseller region United States) from EUROPE.',
    { signedRegions: ['EUROPE'] },
  ),
  reseller('1000008', 'Woodgrove Brasil', 'Belongs to Brazil and signed there: 2201 from any other region, signed from BRAZIL.', {
    homeRegion: 'BRAZIL',
    signedRegions: ['BRAZIL'],
  }),
  reseller(
    '1000009',
    'Coho Winery',
    'Belongs to Australia and signed there: 2201 from any other region; the sandbox has no Australia account, so its region stays unknown.',
    {
      homeRegion: 'AUSTRALIA',
      signedRegions: ['AUSTRALIA'],
    },
  ),
  reseller(
    '1000010',
    'Bellows College',
    'MPA signed for United States, but it never accepted the reseller relationship: no relationship with the United States account.',
    {
      relationships: {},
    },
  ),
  reseller('1000011', 'VanArsdel', 'MPA signed for United States; its relationship with the United States account is Suspended.', {
    relationships: { UNITED_STATES: 'Suspended' },
  }),
  reseller(
    '1000012',
    "Margie's Travel",
    'MPA signed for United States and an Active relationship, but Microsoft suspended it: validateresellers answers not valid on record with 900400.',
    {
      partnerOfRecord: { valid: false, errorCode: POR_NOT_VALID_CODE, errorDescription: POR_NOT_VALID_DESCRIPTION },
    },
  ),
  reseller(
    '1000013',
    'Fourth Coffee',
    'MPA signed, no reseller relationship; validateresellers answers not valid with a code Microsoft does not document (900777): kept verbatim.',
    {
      relationships: {},
      partnerOfRecord: { valid: false, errorCode: 900777, errorDescription: 'A future partner-of-record answer.' },
    },
  ),
  reseller(
    '1000014',
    'Lamna Healthcare',
    'MPA signed, no reseller relationship; validateresellers leaves its result out of the answer (answered as unrecognized, never valid).',
    {
      relationships: {},
      partnerOfRecord: { omitted: true },
    },
  ),
  reseller('1000408', 'Proseware', 'Never answers: the call times out.', { fault: { failure: { type: 'hang' } } }),
  reseller(
    '1000429',
    'Lucerne Publishing',
    'Throttled: 429 with Retry-After: 1 on every call; the account then holds its calls for that second.',
    {
      fault: { failure: { type: 'throttle', retryAfterSeconds: 1 } },
    },
  ),
  reseller('1000500', 'Alpine Ski House', 'Internal server error: 500.', { fault: { failure: { type: 'status', status: 500 } } }),
  reseller('1000502', 'Blue Yonder Airlines', 'Bad gateway: 502.', { fault: { failure: { type: 'status', status: 502 } } }),
  reseller('1000503', 'City Power and Light', 'Service unavailable: 503 with Retry-After: 10.', {
    fault: { failure: { type: 'status', status: 503, retryAfterSeconds: 10 } },
  }),
  reseller('1000504', 'Consolidated Messenger', 'Gateway timeout: 504.', { fault: { failure: { type: 'status', status: 504 } } }),
  reseller('1000999', 'Graphic Design Institute', 'A proxy error page instead of JSON: 200 with an HTML body.', {
    fault: { failure: { type: 'malformedBody', status: 200, style: 'html' } },
  }),
  reseller('1000401', 'Humongous Insurance', "Our credentials rejected: 401 (as when the provider's token has expired).", {
    fault: { failure: { type: 'status', status: 401 } },
  }),
  reseller('1000403', 'Relecloud', 'Our account forbidden: 403.', { fault: { failure: { type: 'status', status: 403 } } }),
  reseller('1000123', 'Nod Publishers', "Order creation's 403/900123 (reseller has not accepted the MPA).", {
    fault: {
      failure: {
        type: 'status',
        status: 403,
        body: errorBody(900123, 'The reseller has not accepted the Microsoft Partner Agreement.', 'OrderService'),
      },
    },
  }),
  reseller('1000015', 'School of Fine Art', "Order creation's 404/800015 (MPN ID not found).", {
    fault: { failure: { type: 'status', status: 404, body: errorBody(800015, 'MPN Id not found.', 'OrderService') } },
  }),
  reseller('1000016', 'Southridge Video', "Order creation's 400/800016 (not a valid indirect reseller).", {
    fault: {
      failure: { type: 'status', status: 400, body: errorBody(800016, 'MPN Id is not a valid indirect reseller.', 'OrderService') },
    },
  }),
  reseller('1000777', 'Trey Research', 'A code this gateway does not know (400/2299): kept verbatim.', {
    fault: {
      failure: {
        type: 'status',
        status: 400,
        body: errorBody('2299', 'A future Partner Center answer.', 'PartnerFD', ['https://example.com/future']),
      },
    },
  }),
];

function errorBody(code: number | string, description: string, source: string, data: string[] = []) {
  return { code, description, data, source };
}
