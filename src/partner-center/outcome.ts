/**
 * Every answer one agreementstatus call can produce, as data. The client never throws for
 * an HTTP answer; it returns one of these. `outcome-table.ts` decides which one.
 */

/** How long an outcome may be reused. TTLs per class are configuration. */
export type CacheClass = 'positive' | 'negative' | 'transient' | 'never';

/** Where the answer came from: Partner Center itself, or the gateway refusing to ask. */
export type OutcomeOrigin = 'partnerCenter' | 'gateway';

/** The error body Partner Center sends with a 4xx, kept verbatim. */
export interface UpstreamErrorBody {
  /** Arrives as a number or a string; kept as sent. */
  readonly code: number | string | undefined;
  readonly description: string;
  /** Usually learn-more URLs; may be empty. */
  readonly data: readonly string[];
  readonly source: string | undefined;
}

/** Support identifiers Partner Center returns with every response. */
export interface ResponseTrace {
  readonly correlationId?: string;
  readonly requestId?: string;
  readonly cv?: string;
  readonly serverId?: string;
}

/** Why Partner Center could not give an answer. */
export type UpstreamFailureReason =
  | 'serverError'
  | 'requestTimeout'
  | 'timeout'
  | 'network'
  | 'malformedBody'
  | 'circuitOpen';

/** Why our own credentials failed. */
export type CredentialsFailureReason = 'unauthorized' | 'forbidden' | 'tokenUnavailable';

interface OutcomeBase<K extends string> {
  readonly kind: K;
  readonly origin: OutcomeOrigin;
  /** Whether asking again later may produce a different answer without anyone acting. */
  readonly retryable: boolean;
  readonly cacheClass: CacheClass;
  /** HTTP status Partner Center answered with, when it answered. */
  readonly httpStatus?: number;
  /** Error body when Partner Center sent one. */
  readonly upstream?: UpstreamErrorBody;
  /** First URL from the body's `data`, else the table's default for the kind. */
  readonly learnMoreUrl?: string;
  readonly trace: ResponseTrace;
}

export type SignedOutcome = OutcomeBase<'signed'>;
/** 200 with `isAgreementSigned: false`, 2203, or order creation's 900123. */
export type NotSignedOutcome = OutcomeBase<'notSigned'>;
/** 2201: the MPN ID belongs to another CSP region than the asking account's. */
export type RegionMismatchOutcome = OutcomeBase<'regionMismatch'>;
/** 2200 (or order creation's 800015): unknown, or not migrated to Partner Center. */
export type MpnIdNotRecognizedOutcome = OutcomeBase<'mpnIdNotRecognized'>;
/** 2204 (or order creation's 800016): no CSP indirect reseller enrolment. */
export type NotIndirectResellerOutcome = OutcomeBase<'notIndirectReseller'>;
/** 2205: no Partner Center account for the tenant. */
export type TenantNotFoundOutcome = OutcomeBase<'tenantNotFound'>;
/** 2206: the tenant's account has not signed. */
export type TenantNotSignedOutcome = OutcomeBase<'tenantNotSigned'>;
/** 2000 "MPN Id must be numeric.", or the gateway's own check. */
export type InvalidMpnIdOutcome = OutcomeBase<'invalidMpnId'>;
/** 2000 "Tenant Id must be a GUID.", or the gateway's own check. */
export type InvalidTenantIdOutcome = OutcomeBase<'invalidTenantId'>;
/** 2000 "Both MPN Id and Tenant Id should not be passed.", or the gateway's own check. */
export type BothIdentifiersOutcome = OutcomeBase<'bothIdentifiers'>;
/** 2001 "Both MPN Id and Tenant Id cannot be empty.", or the gateway's own check. */
export type MissingIdentifierOutcome = OutcomeBase<'missingIdentifier'>;

/** 429. `retryAfterSeconds` from the header (seconds or HTTP date) or the body's message. */
export interface ThrottledOutcome extends OutcomeBase<'throttled'> {
  readonly retryAfterSeconds: number | undefined;
}

/** 401/403 and token failures: the gateway's credentials, not the reseller, are at fault. */
export interface CredentialsRejectedOutcome extends OutcomeBase<'credentialsRejected'> {
  readonly reason: CredentialsFailureReason;
}

/** 5xx, 408, timeouts, connection errors, bodies that cannot be read. */
export interface UpstreamFailureOutcome extends OutcomeBase<'upstreamFailure'> {
  readonly reason: UpstreamFailureReason;
  /** Seconds until it is worth asking again, when known (an open circuit knows). */
  readonly retryAfterSeconds?: number;
}

/**
 * The operation's deadline came before Partner Center could be asked (a long queue, a
 * throttle window) or before it answered within the time left. The gateway ran out of
 * time, not Partner Center: never cached, never counted against Partner Center.
 */
export type DeadlineExceededOutcome = OutcomeBase<'deadlineExceeded'>;
/** The operation already asked as many distinct questions as one operation may; this one was not sent. */
export type BudgetExceededOutcome = OutcomeBase<'budgetExceeded'>;

/** Any answer the table does not know; status and body kept verbatim. */
export interface UnrecognizedOutcome extends OutcomeBase<'unrecognized'> {
  readonly httpStatus: number;
}

export type AgreementOutcome =
  | SignedOutcome
  | NotSignedOutcome
  | RegionMismatchOutcome
  | MpnIdNotRecognizedOutcome
  | NotIndirectResellerOutcome
  | TenantNotFoundOutcome
  | TenantNotSignedOutcome
  | InvalidMpnIdOutcome
  | InvalidTenantIdOutcome
  | BothIdentifiersOutcome
  | MissingIdentifierOutcome
  | ThrottledOutcome
  | CredentialsRejectedOutcome
  | UpstreamFailureOutcome
  | DeadlineExceededOutcome
  | BudgetExceededOutcome
  | UnrecognizedOutcome;

export type OutcomeKind = AgreementOutcome['kind'];

export type OutcomeOfKind<K extends OutcomeKind> = Extract<AgreementOutcome, { kind: K }>;

/** Every kind once; a missing or extra key is a compile error. */
const KIND_SET: Record<OutcomeKind, true> = {
  signed: true,
  notSigned: true,
  regionMismatch: true,
  mpnIdNotRecognized: true,
  notIndirectReseller: true,
  tenantNotFound: true,
  tenantNotSigned: true,
  invalidMpnId: true,
  invalidTenantId: true,
  bothIdentifiers: true,
  missingIdentifier: true,
  throttled: true,
  credentialsRejected: true,
  upstreamFailure: true,
  deadlineExceeded: true,
  budgetExceeded: true,
  unrecognized: true,
};

export const OUTCOME_KINDS = Object.keys(KIND_SET) as readonly OutcomeKind[];

export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
