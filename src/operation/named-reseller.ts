import { IdentifierCheck, ResellerIdentifierInput, identifierKey, parseResellerIdentifier } from '../partner-center/reseller-identifier';

/** A reseller as a client named it: the identifier as checked, and the check done once when it was named. */
export interface NamedReseller {
  /** MPN ID as checked, without leading zeros; as typed when it is not a valid MPN ID; null when not given. */
  readonly mpnId: string | null;
  /** CSP tenant ID as checked, in lower case; as typed when it is not a GUID; null when not given. */
  readonly tenantId: string | null;
  readonly check: IdentifierCheck;
}

function asText(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

/** The reseller a client named, its identifier checked. */
export function nameReseller(input: ResellerIdentifierInput): NamedReseller {
  const check = parseResellerIdentifier(input);
  return {
    mpnId: check.ok ? (check.identifier.kind === 'mpnId' ? check.identifier.value : null) : asText(input.mpnId),
    tenantId: check.ok ? (check.identifier.kind === 'tenantId' ? check.identifier.value : null) : asText(input.tenantId),
    check,
  };
}

/** How many distinct valid identifiers a list names: only those can cost an upstream question. */
export function distinctResellers(resellers: readonly NamedReseller[]): number {
  const keys = new Set<string>();
  for (const reseller of resellers) if (reseller.check.ok) keys.add(identifierKey(reseller.check.identifier));
  return keys.size;
}
