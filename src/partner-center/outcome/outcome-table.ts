import {
  AgreementOutcome,
  CacheClass,
  CredentialsFailureReason,
  OutcomeKind,
  OutcomeOrigin,
  ResponseTrace,
  UpstreamErrorBody,
  PlainOutcome,
  UpstreamFailureReason,
} from './outcome';

/**
 * The one place that reads Partner Center's raw statuses and codes. Codes are read per
 * endpoint: 2000 and 2001 mean other things elsewhere in Partner Center, so this table
 * belongs to agreementstatus only.
 */

export const MPA_FAQ_URL = 'https://docs.microsoft.com/partner-center/mpa-indirect-provider-faq';
export const PMC_MIGRATION_URL = 'https://partner.microsoft.com/resources/detail/migrate-pmc-pc-mpa-guide-pptx';

/** A failure that happened before or instead of an HTTP answer. */
export type TransportFailure =
  | 'timeout'
  | 'network'
  | 'tokenUnavailable'
  | 'tokenAuthorityUnavailable'
  | 'circuitOpen'
  | 'deadlineExceeded'
  | 'budgetExceeded'
  | 'clientBudgetExceeded'
  | 'notAsked';

/** What a row matches. The first matching row wins, so specific rows come first. */
export type AnswerPattern =
  | { readonly status: 200; readonly isAgreementSigned: boolean }
  | {
      readonly status: number | '5xx';
      readonly code?: number;
      /** Told apart by description where one code carries several meanings (2000). */
      readonly description?: RegExp;
    }
  | { readonly transport: TransportFailure }
  /**
   * A 2xx or 5xx answer whose body is not the documented JSON (proxy pages, truncation). A 4xx
   * (or 1xx, 3xx) with such a body is a definite answer of an unknown shape, not this.
   */
  | { readonly unreadableBody: true }
  /**
   * A 2xx whose JSON is not the documented answer with a 200: a verdict missing or of another
   * type, beside an error code, about another reseller, a property named twice, another 2xx
   * status. A definite answer of an unexpected shape, never a failure to answer.
   */
  | { readonly unexpectedJson: true }
  /** Every answer no other row matched. */
  | { readonly otherwise: true };

export interface OutcomeRule {
  readonly when: AnswerPattern;
  readonly kind: OutcomeKind;
  /** Whether asking again later can give another answer without anyone acting. */
  readonly retryable: boolean;
  readonly cacheClass: CacheClass;
  /** Fills `learnMoreUrl` when the body names none. */
  readonly learnMoreUrl?: string;
  /** Extra detail for kinds that carry a reason. */
  readonly reason?: UpstreamFailureReason | CredentialsFailureReason;
  /** Where the row comes from, for readers of the table. */
  readonly note: string;
}

export const AGREEMENT_STATUS_OUTCOMES: readonly OutcomeRule[] = [
  {
    when: { status: 200, isAgreementSigned: true },
    kind: 'signed',
    retryable: false,
    cacheClass: 'positive',
    note: '200 {"isAgreementSigned": true}',
  },
  {
    when: { status: 200, isAgreementSigned: false },
    kind: 'notSigned',
    retryable: false,
    cacheClass: 'negative',
    learnMoreUrl: MPA_FAQ_URL,
    note: '200 {"isAgreementSigned": false}',
  },

  {
    when: { status: 400, code: 2000, description: /tenant\s*id must be a guid/i },
    kind: 'invalidTenantId',
    retryable: false,
    cacheClass: 'never',
    note: '2000 Tenant Id must be a GUID.',
  },
  {
    when: { status: 400, code: 2000, description: /mpn\s*id must be numeric/i },
    kind: 'invalidMpnId',
    retryable: false,
    cacheClass: 'never',
    note: '2000 MPN Id must be numeric.',
  },
  {
    when: { status: 400, code: 2000, description: /both .*should not be passed/i },
    kind: 'bothIdentifiers',
    retryable: false,
    cacheClass: 'never',
    note: '2000 Both MPN Id and Tenant Id should not be passed.',
  },
  {
    when: { status: 400, code: 2001 },
    kind: 'missingIdentifier',
    retryable: false,
    cacheClass: 'never',
    note: '2001 Both MPN Id and Tenant Id cannot be empty.',
  },

  {
    when: { status: 400, code: 2200 },
    kind: 'mpnIdNotRecognized',
    retryable: false,
    cacheClass: 'negative',
    learnMoreUrl: PMC_MIGRATION_URL,
    note: '2200 MPN ID invalid or not migrated from Partner Membership Center',
  },
  {
    when: { status: 400, code: 2201 },
    kind: 'regionMismatch',
    retryable: false,
    cacheClass: 'negative',
    learnMoreUrl: MPA_FAQ_URL,
    note: '2201 MPN ID belongs to another CSP region',
  },
  {
    when: { status: 400, code: 2203 },
    kind: 'notSigned',
    retryable: false,
    cacheClass: 'negative',
    learnMoreUrl: MPA_FAQ_URL,
    note: '2203 MPA not signed for the CSP region of the order',
  },
  {
    when: { status: 400, code: 2204 },
    kind: 'notIndirectReseller',
    retryable: false,
    cacheClass: 'negative',
    learnMoreUrl: MPA_FAQ_URL,
    note: '2204 MPN ID has no CSP indirect reseller account',
  },
  {
    when: { status: 400, code: 2205 },
    kind: 'tenantNotFound',
    retryable: false,
    cacheClass: 'negative',
    learnMoreUrl: MPA_FAQ_URL,
    note: '2205 no Partner Center account for the tenant',
  },
  {
    when: { status: 400, code: 2206 },
    kind: 'tenantNotSigned',
    retryable: false,
    cacheClass: 'negative',
    learnMoreUrl: MPA_FAQ_URL,
    note: '2206 the tenant account has not signed',
  },

  // Order creation answers with these; recognised here in case agreementstatus relays them.
  {
    when: { status: 403, code: 900123 },
    kind: 'notSigned',
    retryable: false,
    cacheClass: 'negative',
    learnMoreUrl: MPA_FAQ_URL,
    note: 'order creation 403/900123 reseller has not accepted the MPA',
  },
  {
    when: { status: 404, code: 800015 },
    kind: 'mpnIdNotRecognized',
    retryable: false,
    cacheClass: 'negative',
    learnMoreUrl: MPA_FAQ_URL,
    note: 'order creation 404/800015 MPN ID not found',
  },
  {
    when: { status: 400, code: 800016 },
    kind: 'notIndirectReseller',
    retryable: false,
    cacheClass: 'negative',
    learnMoreUrl: MPA_FAQ_URL,
    note: 'order creation 400/800016 not a valid indirect reseller',
  },
  {
    when: { status: 401, code: 800001 },
    kind: 'credentialsRejected',
    reason: 'unauthorized',
    retryable: false,
    cacheClass: 'never',
    note: 'order creation 401/800001 partner token missing',
  },

  {
    when: { status: 401 },
    kind: 'credentialsRejected',
    reason: 'unauthorized',
    retryable: false,
    cacheClass: 'never',
    note: '401 token missing, expired or not App+User',
  },
  {
    when: { status: 403 },
    kind: 'credentialsRejected',
    reason: 'forbidden',
    retryable: false,
    cacheClass: 'never',
    note: '403 the account may not call this API',
  },
  {
    when: { status: 408 },
    kind: 'upstreamFailure',
    reason: 'requestTimeout',
    retryable: true,
    cacheClass: 'transient',
    note: '408 Partner Center timed out',
  },
  {
    when: { status: 429 },
    kind: 'throttled',
    retryable: true,
    cacheClass: 'transient',
    note: '429 rate limit per partner tenant, Retry-After in seconds',
  },
  {
    when: { status: '5xx' },
    kind: 'upstreamFailure',
    reason: 'serverError',
    retryable: true,
    cacheClass: 'transient',
    note: '500, 502, 503, 504 and the rest of 5xx',
  },

  {
    when: { unreadableBody: true },
    kind: 'upstreamFailure',
    reason: 'malformedBody',
    retryable: true,
    cacheClass: 'transient',
    note: 'a 2xx whose body is not JSON (proxy pages, truncation, too large, a 204) (a 4xx with such a body is kept verbatim below)',
  },
  {
    when: { transport: 'timeout' },
    kind: 'upstreamFailure',
    reason: 'timeout',
    retryable: true,
    cacheClass: 'transient',
    note: 'no answer within the full timeout',
  },
  {
    when: { transport: 'deadlineExceeded' },
    kind: 'deadlineExceeded',
    retryable: true,
    cacheClass: 'never',
    note: "the call was sent, and the operation's deadline came before Partner Center answered in the time left",
  },
  {
    when: { transport: 'notAsked' },
    kind: 'notAsked',
    retryable: true,
    cacheClass: 'never',
    note: "never sent: the operation's deadline came before its turn in the account's queue (or before a token)",
  },
  {
    when: { transport: 'budgetExceeded' },
    kind: 'budgetExceeded',
    retryable: false,
    cacheClass: 'never',
    note: 'the operation asked more distinct questions than one operation may',
  },
  {
    when: { transport: 'clientBudgetExceeded' },
    kind: 'clientBudgetExceeded',
    retryable: true,
    cacheClass: 'never',
    note: "the client's upstream calls or rechecks for this minute are spent (limits.upstreamCallsPerClientPerMinute, limits.rechecksPerClientPerMinute)",
  },
  {
    when: { transport: 'network' },
    kind: 'upstreamFailure',
    reason: 'network',
    retryable: true,
    cacheClass: 'transient',
    note: 'connection refused, reset or DNS failure',
  },
  {
    when: { transport: 'circuitOpen' },
    kind: 'upstreamFailure',
    reason: 'circuitOpen',
    retryable: true,
    cacheClass: 'never',
    note: 'the gateway stopped calling after repeated failures',
  },
  {
    when: { transport: 'tokenUnavailable' },
    kind: 'credentialsRejected',
    reason: 'tokenUnavailable',
    retryable: false,
    cacheClass: 'never',
    note: 'no access token could be obtained for the account',
  },
  {
    when: { transport: 'tokenAuthorityUnavailable' },
    kind: 'credentialsRejected',
    reason: 'tokenUnavailable',
    retryable: true,
    cacheClass: 'never',
    note: 'no access token: the token authority could not answer now (an outage, a proxy page); nobody needs to sign in again',
  },

  {
    when: { unexpectedJson: true },
    kind: 'unrecognized',
    retryable: false,
    cacheClass: 'never',
    note: 'a 2xx whose JSON is not a clean verdict with a 200 (another type, missing, beside an error code, about another reseller or region, a property named twice, a 201 or 202): kept verbatim',
  },
  { when: { otherwise: true }, kind: 'unrecognized', retryable: false, cacheClass: 'never', note: 'anything else, kept verbatim' },
];

/**
 * The relationships call's answers other than a readable page. Its error codes belong to
 * another endpoint and are not read: the status class alone says whether our credentials,
 * throttling or Partner Center itself is at fault, and anything else is kept verbatim.
 */
export const RELATIONSHIPS_OUTCOMES: readonly OutcomeRule[] = [
  {
    when: { status: 401 },
    kind: 'credentialsRejected',
    reason: 'unauthorized',
    retryable: false,
    cacheClass: 'never',
    note: '401 token missing, expired or not App+User',
  },
  {
    when: { status: 403 },
    kind: 'credentialsRejected',
    reason: 'forbidden',
    retryable: false,
    cacheClass: 'never',
    note: '403 the account may not list its relationships',
  },
  {
    when: { status: 408 },
    kind: 'upstreamFailure',
    reason: 'requestTimeout',
    retryable: true,
    cacheClass: 'never',
    note: '408 Partner Center timed out',
  },
  {
    when: { status: 429 },
    kind: 'throttled',
    retryable: true,
    cacheClass: 'never',
    note: '429 rate limit per partner tenant, Retry-After in seconds',
  },
  {
    when: { status: '5xx' },
    kind: 'upstreamFailure',
    reason: 'serverError',
    retryable: true,
    cacheClass: 'never',
    note: '500, 502, 503, 504 and the rest of 5xx',
  },
  {
    when: { unreadableBody: true },
    kind: 'upstreamFailure',
    reason: 'malformedBody',
    retryable: true,
    cacheClass: 'never',
    note: 'a 2xx body that is not JSON (proxy pages, truncation, too large, a 204); JSON of another shape is kept verbatim below',
  },
  ...AGREEMENT_STATUS_OUTCOMES.filter((row) => 'transport' in row.when),
  { when: { otherwise: true }, kind: 'unrecognized', retryable: false, cacheClass: 'never', note: 'any other answer, kept verbatim' },
];

/** What the client learnt from one exchange, before classification. */
export type UpstreamAnswer =
  | { readonly type: 'agreement'; readonly isAgreementSigned: boolean }
  | {
      readonly type: 'error';
      readonly status: number;
      /** Absent when the body was empty or not the documented JSON (also for a 200). */
      readonly error?: UpstreamErrorBody;
      /** When `error` is absent: the start of the body as sent, for an answer kept verbatim. */
      readonly bodyExcerpt?: string;
      readonly retryAfterSeconds?: number;
    }
  | { readonly type: 'transport'; readonly failure: TransportFailure; readonly status?: number; readonly retryAfterSeconds?: number }
  /** A 2xx whose JSON cannot be taken as the answer to the question asked; the body kept verbatim. */
  | { readonly type: 'unexpected'; readonly status: number; readonly error?: UpstreamErrorBody; readonly bodyExcerpt?: string };

/** A code as a number when it is one, whether sent as `2203` or `"2203"`. */
export function numericCode(code: number | string | undefined): number | undefined {
  if (typeof code === 'number') return Number.isInteger(code) ? code : undefined;
  if (typeof code === 'string' && /^\s*-?\d+\s*$/.test(code)) return Number(code);
  return undefined;
}

/**
 * Statuses whose unreadable body still means Partner Center could not answer: a 2xx cut short
 * or replaced by a proxy page, and any 5xx. A 4xx with a body that is not Partner Center's
 * error JSON (an HTML 404 from a wrong base URL or program, an empty 400) is a definite answer.
 */
function isCouldNotAnswerStatus(status: number): boolean {
  return (status >= 200 && status <= 299) || (status >= 500 && status <= 599);
}

function matches(pattern: AnswerPattern, answer: UpstreamAnswer): boolean {
  if ('otherwise' in pattern) return true;
  if ('transport' in pattern) return answer.type === 'transport' && answer.failure === pattern.transport;
  if ('unreadableBody' in pattern) return answer.type === 'error' && answer.error === undefined && isCouldNotAnswerStatus(answer.status);
  if ('unexpectedJson' in pattern) return answer.type === 'unexpected';
  if ('isAgreementSigned' in pattern) {
    return answer.type === 'agreement' && answer.isAgreementSigned === pattern.isAgreementSigned;
  }
  if (answer.type !== 'error') return false;
  const statusMatches = pattern.status === '5xx' ? answer.status >= 500 && answer.status <= 599 : answer.status === pattern.status;
  if (!statusMatches) return false;
  if (pattern.code !== undefined && numericCode(answer.error?.code) !== pattern.code) return false;
  if (pattern.description && !pattern.description.test(answer.error?.description ?? '')) return false;
  return true;
}

/** The row that decides an answer. Always one: the table ends with a catch-all. */
export function ruleFor(answer: UpstreamAnswer, table: readonly OutcomeRule[] = AGREEMENT_STATUS_OUTCOMES): OutcomeRule {
  const rule = table.find((row) => matches(row.when, answer));
  if (!rule) throw new Error('outcome table has no catch-all row');
  return rule;
}

/** The first row of a kind, for outcomes the gateway produces itself. */
export function ruleForKind(kind: OutcomeKind): OutcomeRule {
  const rule = AGREEMENT_STATUS_OUTCOMES.find((row) => row.kind === kind);
  if (!rule) throw new Error(`outcome table has no row for ${kind}`);
  return rule;
}

function firstUrl(data: readonly string[] | undefined): string | undefined {
  return data?.find((item) => /^https?:\/\//i.test(item));
}

/** Turns one exchange with Partner Center into its typed outcome, by agreementstatus's table unless told another. */
export function classifyAnswer(answer: UpstreamAnswer, trace: ResponseTrace = {}, table?: readonly OutcomeRule[]): AgreementOutcome {
  const rule = ruleFor(answer, table);
  const httpStatus = answer.type === 'agreement' ? 200 : answer.status;
  const upstream = answer.type === 'error' || answer.type === 'unexpected' ? answer.error : undefined;
  const retryAfterSeconds = answer.type === 'error' || answer.type === 'transport' ? answer.retryAfterSeconds : undefined;
  return buildOutcome(rule, {
    origin: 'partnerCenter',
    httpStatus,
    upstream,
    trace,
    retryAfterSeconds,
    bodyExcerpt: answer.type === 'error' || answer.type === 'unexpected' ? answer.bodyExcerpt : undefined,
  });
}

/** An outcome the gateway decides without asking Partner Center (bad input, open circuit). */
export function gatewayOutcome(kind: OutcomeKind, extra: { retryAfterSeconds?: number; reason?: TransportFailure } = {}): AgreementOutcome {
  const rule = extra.reason ? ruleFor({ type: 'transport', failure: extra.reason }) : ruleForKind(kind);
  return buildOutcome(rule, { origin: 'gateway', trace: {}, retryAfterSeconds: extra.retryAfterSeconds });
}

interface OutcomeFacts {
  origin: OutcomeOrigin;
  httpStatus?: number;
  upstream?: UpstreamErrorBody;
  trace: ResponseTrace;
  retryAfterSeconds?: number;
  bodyExcerpt?: string;
}

function buildOutcome(rule: OutcomeRule, facts: OutcomeFacts): AgreementOutcome {
  const base = {
    origin: facts.origin,
    retryable: rule.retryable,
    cacheClass: rule.cacheClass,
    trace: facts.trace,
    ...(facts.httpStatus !== undefined ? { httpStatus: facts.httpStatus } : {}),
    ...(facts.upstream ? { upstream: facts.upstream } : {}),
    ...((firstUrl(facts.upstream?.data) ?? rule.learnMoreUrl) ? { learnMoreUrl: firstUrl(facts.upstream?.data) ?? rule.learnMoreUrl } : {}),
  };
  const kind = rule.kind;
  switch (kind) {
    case 'throttled':
      return { kind, retryAfterSeconds: facts.retryAfterSeconds, ...base };
    case 'credentialsRejected':
      return { kind, reason: (rule.reason as CredentialsFailureReason | undefined) ?? 'unauthorized', ...base };
    case 'upstreamFailure':
      return {
        kind,
        reason: (rule.reason as UpstreamFailureReason | undefined) ?? 'serverError',
        ...(facts.retryAfterSeconds !== undefined ? { retryAfterSeconds: facts.retryAfterSeconds } : {}),
        ...base,
      };
    case 'clientBudgetExceeded':
      return { kind, retryAfterSeconds: facts.retryAfterSeconds ?? 60, ...base };
    case 'unrecognized':
      // base carries the same httpStatus when there is one.
      return { kind, httpStatus: facts.httpStatus ?? 0, ...(facts.bodyExcerpt ? { bodyExcerpt: facts.bodyExcerpt } : {}), ...base };
    default:
      // Every other kind carries the common fields only.
      return { kind, ...base } as PlainOutcome;
  }
}
