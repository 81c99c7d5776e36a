import { AgreementOutcome } from './outcome/outcome';
import { gatewayOutcome } from './outcome/outcome-table';

/**
 * A reseller as agreementstatus knows it: by MPN ID (PGA/PLA) or by CSP tenant ID, never
 * both. Values are normalised: the MPN ID without leading zeros, the tenant ID as a
 * lower-case hyphenated GUID, so equal identifiers share one cache entry.
 */
export type ResellerIdentifier = { readonly kind: 'mpnId'; readonly value: string } | { readonly kind: 'tenantId'; readonly value: string };

/** Raw input from a caller; empty strings count as absent, as upstream treats them. */
export interface ResellerIdentifierInput {
  readonly mpnId?: string | number | null;
  readonly tenantId?: string | null;
}

export type IdentifierCheck =
  | { readonly ok: true; readonly identifier: ResellerIdentifier }
  | { readonly ok: false; readonly outcome: AgreementOutcome; readonly problem: string };

/** Upstream binds MPN IDs to a 32-bit signed integer. */
const MAX_MPN_ID = 2_147_483_647;

/** The GUID spellings .NET accepts: plain, hyphenated, braced, parenthesised. */
const GUID_FORMS = [
  /^([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})$/i,
  /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/i,
  /^\{([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\}$/i,
  /^\(([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\)$/i,
];

/** The canonical form of a GUID, or undefined when the text is not one. */
export function normaliseGuid(text: string): string | undefined {
  for (const form of GUID_FORMS) {
    const parts = form.exec(text);
    if (parts) return parts.slice(1).join('-').toLowerCase();
  }
  return undefined;
}

/** The canonical MPN ID, or undefined when it is not a positive 32-bit integer. */
export function normaliseMpnId(text: string): string | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  if (value <= 0 || value > MAX_MPN_ID) return undefined;
  return String(value);
}

function present(value: string | number | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

/**
 * Checks an identifier the way Partner Center does, in the same order (the MPN ID's type,
 * the tenant ID's type, then both or neither), so a bad value never costs an upstream call
 * and yields the same outcome kind Partner Center would have returned.
 */
export function parseResellerIdentifier(input: ResellerIdentifierInput): IdentifierCheck {
  const mpnText = present(input.mpnId);
  const tenantText = present(input.tenantId);
  const mpnId = mpnText === undefined ? undefined : normaliseMpnId(mpnText);
  const tenantId = tenantText === undefined ? undefined : normaliseGuid(tenantText);

  if (mpnText !== undefined && mpnId === undefined) {
    return refuse('invalidMpnId', 'mpnId must be a positive whole number no larger than 2147483647.');
  }
  if (tenantText !== undefined && tenantId === undefined) {
    return refuse('invalidTenantId', 'tenantId must be a GUID such as 00000000-0000-0000-0000-000000000000.');
  }
  if (mpnId !== undefined && tenantId !== undefined) {
    return refuse('bothIdentifiers', 'Pass either mpnId or tenantId, not both.');
  }
  if (mpnId !== undefined) return { ok: true, identifier: { kind: 'mpnId', value: mpnId } };
  if (tenantId !== undefined) return { ok: true, identifier: { kind: 'tenantId', value: tenantId } };
  return refuse('missingIdentifier', 'Pass an mpnId or a tenantId.');
}

function refuse(kind: 'invalidMpnId' | 'invalidTenantId' | 'bothIdentifiers' | 'missingIdentifier', problem: string): IdentifierCheck {
  return { ok: false, outcome: gatewayOutcome(kind), problem };
}

/** A stable text key for maps and caches: `mpnId:1234567` or `tenantId:<guid>`. */
export function identifierKey(identifier: ResellerIdentifier): string {
  return `${identifier.kind}:${identifier.value}`;
}
