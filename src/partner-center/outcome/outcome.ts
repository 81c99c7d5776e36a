import type { OutcomeKind, UpstreamFailureReason } from './outcome-kinds';

export type { OutcomeKind, UpstreamFailureReason } from './outcome-kinds';
export { OUTCOME_KINDS } from './outcome-kinds';

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

/** Kinds whose outcomes carry nothing beyond the common fields. */
export type PlainKind = Exclude<
  OutcomeKind,
  'throttled' | 'credentialsRejected' | 'upstreamFailure' | 'unrecognized' | 'clientBudgetExceeded'
>;

/** An outcome of a plain kind (signed, 2203, 2201, identifier problems, out of time or budget…). */
export type PlainOutcome = { readonly [K in PlainKind]: OutcomeBase<K> }[PlainKind];

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

/** The client's upstream calls or rechecks for this minute are spent: not asked; ask again after `retryAfterSeconds`. */
export interface ClientBudgetExceededOutcome extends OutcomeBase<'clientBudgetExceeded'> {
  readonly retryAfterSeconds: number;
}

/** Any answer the table does not know; status and body kept verbatim. */
export interface UnrecognizedOutcome extends OutcomeBase<'unrecognized'> {
  readonly httpStatus: number;
  /** The start of the body as sent, when it was not Partner Center's error JSON (HTML, other JSON, text). */
  readonly bodyExcerpt?: string;
}

export type AgreementOutcome =
  PlainOutcome | ThrottledOutcome | CredentialsRejectedOutcome | UpstreamFailureOutcome | UnrecognizedOutcome | ClientBudgetExceededOutcome;

export type OutcomeOfKind<K extends OutcomeKind> = Extract<AgreementOutcome, { kind: K }>;

export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
