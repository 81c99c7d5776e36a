/**
 * Every kind of answer the gateway can give about a reseller, and what each becomes for the
 * client. This table defines the kinds: `OutcomeKind` is its keys. Adding a kind is one row
 * here, its answer patterns in `outcome-table.ts` when Partner Center sends it, and its texts
 * in each guidance locale; the compiler names every place that still lacks it (docs/development.md, "Adding
 * an outcome").
 */

/** The `MpaStatus` union members an outcome can become (MpaRegionNotConfigured comes from no outcome). */
export type StatusMemberName =
  | 'MpaSigned'
  | 'MpaNotSigned'
  | 'MpaCspRegionMismatch'
  | 'MpaMpnIdNotRecognized'
  | 'MpaNotIndirectReseller'
  | 'MpaTenantNotFound'
  | 'MpaTenantNotSigned'
  | 'MpaInvalidResellerId'
  | 'MpaPartnerCenterUnavailable'
  | 'MpaUnrecognizedAnswer';

/** `MpaPartnerCenterUnavailable.reason` values, as the schema's MpaUnavailableReason names them. */
export type UnavailableReasonName =
  | 'THROTTLED'
  | 'TIMEOUT'
  | 'SERVER_ERROR'
  | 'NETWORK_ERROR'
  | 'MALFORMED_RESPONSE'
  | 'CIRCUIT_OPEN'
  | 'CREDENTIALS_REJECTED'
  | 'DEADLINE_EXCEEDED'
  | 'BUDGET_EXCEEDED'
  | 'CLIENT_BUDGET_EXCEEDED';

/**
 * The reasons an agreement question can end with: those above, and `NOT_ASKED` for a question
 * that never left the gateway (a reseller list's refresh has no such reason of its own).
 */
export type StatusUnavailableReasonName = UnavailableReasonName | 'NOT_ASKED';

/** `MpaInvalidResellerId.problem` values, as the schema's MpaResellerIdProblem names them. */
export type ResellerIdProblemName = 'MPN_ID_NOT_NUMERIC' | 'TENANT_ID_NOT_GUID' | 'BOTH_IDS_GIVEN' | 'NO_ID_GIVEN';

export interface OutcomeKindFacts {
  /** The union member a client sees. */
  readonly member: StatusMemberName;
  /** Whether, once the partner has acted, Microsoft may take a while to show it. */
  readonly mayTakeTimeToUpdate: boolean;
  /** For MpaPartnerCenterUnavailable: its reason (upstream failures take theirs from `FAILURE_REASONS`). */
  readonly unavailableReason?: StatusUnavailableReasonName;
  /** For MpaInvalidResellerId: what was wrong with the identifier. */
  readonly idProblem?: ResellerIdProblemName;
}

export const OUTCOME_KIND_FACTS = {
  signed: { member: 'MpaSigned', mayTakeTimeToUpdate: false },
  // Microsoft's systems can take a while to show a fresh signature or enrolment.
  notSigned: { member: 'MpaNotSigned', mayTakeTimeToUpdate: true },
  regionMismatch: { member: 'MpaCspRegionMismatch', mayTakeTimeToUpdate: true },
  mpnIdNotRecognized: { member: 'MpaMpnIdNotRecognized', mayTakeTimeToUpdate: true },
  notIndirectReseller: { member: 'MpaNotIndirectReseller', mayTakeTimeToUpdate: true },
  tenantNotFound: { member: 'MpaTenantNotFound', mayTakeTimeToUpdate: false },
  tenantNotSigned: { member: 'MpaTenantNotSigned', mayTakeTimeToUpdate: true },
  invalidMpnId: { member: 'MpaInvalidResellerId', mayTakeTimeToUpdate: false, idProblem: 'MPN_ID_NOT_NUMERIC' },
  invalidTenantId: { member: 'MpaInvalidResellerId', mayTakeTimeToUpdate: false, idProblem: 'TENANT_ID_NOT_GUID' },
  bothIdentifiers: { member: 'MpaInvalidResellerId', mayTakeTimeToUpdate: false, idProblem: 'BOTH_IDS_GIVEN' },
  missingIdentifier: { member: 'MpaInvalidResellerId', mayTakeTimeToUpdate: false, idProblem: 'NO_ID_GIVEN' },
  throttled: { member: 'MpaPartnerCenterUnavailable', mayTakeTimeToUpdate: false, unavailableReason: 'THROTTLED' },
  credentialsRejected: { member: 'MpaPartnerCenterUnavailable', mayTakeTimeToUpdate: false, unavailableReason: 'CREDENTIALS_REJECTED' },
  upstreamFailure: { member: 'MpaPartnerCenterUnavailable', mayTakeTimeToUpdate: false },
  deadlineExceeded: { member: 'MpaPartnerCenterUnavailable', mayTakeTimeToUpdate: false, unavailableReason: 'DEADLINE_EXCEEDED' },
  budgetExceeded: { member: 'MpaPartnerCenterUnavailable', mayTakeTimeToUpdate: false, unavailableReason: 'BUDGET_EXCEEDED' },
  clientBudgetExceeded: { member: 'MpaPartnerCenterUnavailable', mayTakeTimeToUpdate: false, unavailableReason: 'CLIENT_BUDGET_EXCEEDED' },
  // The question never left the gateway: its turn in the account's queue (or a token) came too late.
  notAsked: { member: 'MpaPartnerCenterUnavailable', mayTakeTimeToUpdate: false, unavailableReason: 'NOT_ASKED' },
  unrecognized: { member: 'MpaUnrecognizedAnswer', mayTakeTimeToUpdate: false },
} as const satisfies Record<string, OutcomeKindFacts>;

export type OutcomeKind = keyof typeof OUTCOME_KIND_FACTS;

/** Every kind, in table order. */
export const OUTCOME_KINDS = Object.keys(OUTCOME_KIND_FACTS) as readonly OutcomeKind[];

/** Why Partner Center could not give an answer. */
export type UpstreamFailureReason = 'serverError' | 'requestTimeout' | 'timeout' | 'network' | 'malformedBody' | 'circuitOpen';

/** The reason a client sees for each upstream failure. */
export const FAILURE_REASONS: Readonly<Record<UpstreamFailureReason, UnavailableReasonName>> = {
  serverError: 'SERVER_ERROR',
  requestTimeout: 'TIMEOUT',
  timeout: 'TIMEOUT',
  network: 'NETWORK_ERROR',
  malformedBody: 'MALFORMED_RESPONSE',
  circuitOpen: 'CIRCUIT_OPEN',
};
