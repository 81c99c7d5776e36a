import type { ClientBudget } from './client-budgets';

/**
 * What a client may do, as scopes carried by its API key entry (`clientAuth.apiKeys[].scopes`)
 * or its bearer JWT (the claim `clientAuth.jwt.scopeClaim` names). A client without a scope
 * for a field it selects is refused the whole operation (403 `FORBIDDEN`).
 */
export const CLIENT_SCOPES = [
  /** Check order lines: orderEligibility, orderEligibilities, and a Reseller's mpaStatus / orderEligibility / partnerOfRecord. */
  'orders:check',
  /** Read the reseller book: a Reseller's name, listed identifiers and relationship, a listed relationship's details, a partner-of-record verdict's partnerId. */
  'resellers:read',
  /** Ask Partner Center again past the cache: recheckMpaStatus. */
  'status:recheck',
  /** Operate the reseller directories: resellerDirectories, refreshResellerDirectory. */
  'directory:operate',
] as const;

export type ClientScope = (typeof CLIENT_SCOPES)[number];

export const ALL_CLIENT_SCOPES: ReadonlySet<ClientScope> = new Set(CLIENT_SCOPES);

export function isClientScope(value: unknown): value is ClientScope {
  return typeof value === 'string' && (CLIENT_SCOPES as readonly string[]).includes(value);
}

/** Who is asking and what they may do, as an operation sees it. */
export interface ClientGrant {
  /** The client's key (`apiKey:<name>`, `jwt:<subject>`, `ip:<address>`), or `in-process` for operations run without HTTP. */
  readonly id: string;
  readonly scopes: ReadonlySet<ClientScope>;
  /** Default none (no limit: in-process work such as the audit). Its Partner Center questions and rechecks this minute. */
  readonly budget?: ClientBudget;
}

/** Operations run in-process (tests, tools) by the operator's own code: every scope. */
export const IN_PROCESS_CLIENT: ClientGrant = { id: 'in-process', scopes: ALL_CLIENT_SCOPES };

/** Texts already made, per scope set: an API key's set is one object for every request it makes. */
const scopeTexts = new WeakMap<ReadonlySet<ClientScope>, string>();

/** The scopes as one stable text (sorted), e.g. to key reusable responses by what their reader may see. */
export function scopesKey(scopes: ReadonlySet<ClientScope>): string {
  let text = scopeTexts.get(scopes);
  if (text === undefined) {
    text = [...scopes].sort().join(' ');
    scopeTexts.set(scopes, text);
  }
  return text;
}
