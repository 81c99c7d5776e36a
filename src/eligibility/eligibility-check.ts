import { StatusUnavailableReasonName } from '../partner-center/outcome/outcome-kinds';
import { DirectoryFailureReason } from '../relationship-directory/directory-store';
import { ListedCheckMode } from './check-mode';
import { FailPolicy, failOpenAllows, failOpenAllowsList } from './fail-policy';

/** What a check's mode and the fail policy make of its answer. */
export interface Judgement {
  readonly mode: ListedCheckMode;
  /** It lets the order through: its answer is positive, or it could not be made and the fail policy allows that. */
  readonly passed: boolean;
  /** It was made: false when it could not be. */
  readonly verified: boolean;
  /** It alone keeps Submit off: enforced and not passed. */
  readonly blocksSubmit: boolean;
  /** Asking again later may change the answer without anyone acting. */
  readonly retryable: boolean;
}

/** What one check found, before its mode says what that does to Submit. */
export interface Finding {
  /** Its answer is positive: signed, an active relationship, a valid partner of record. */
  readonly positive: boolean;
  /** It could not be made. */
  readonly couldNotCheck: boolean;
  /** It could not be made and the fail policy lets the order through then. */
  readonly passesUnverified: boolean;
  readonly retryable: boolean;
}

export function judge(finding: Finding, mode: ListedCheckMode): Judgement {
  const passed = finding.positive || finding.passesUnverified;
  return { mode, passed, verified: !finding.couldNotCheck, blocksSubmit: mode === 'enforce' && !passed, retryable: finding.retryable };
}

/** The three checks behind `canSubmit`. */
export type CheckKind = 'agreement' | 'relationship' | 'partnerOfRecord';

/** What each check carries as its answer (the caller's own shape: the module never reads it). */
export interface CheckAnswers {
  readonly agreement: unknown;
  readonly relationship: unknown;
  readonly partnerOfRecord: unknown;
}

/** One judged check, told apart by `kind`, carrying the answer it was judged on. */
export type EligibilityCheck<A extends CheckAnswers = CheckAnswers> =
  | (Judgement & { readonly kind: 'agreement'; readonly answer: A['agreement'] })
  | (Judgement & { readonly kind: 'relationship'; readonly answer: A['relationship'] })
  | (Judgement & { readonly kind: 'partnerOfRecord'; readonly answer: A['partnerOfRecord'] });

/** The agreement answer as the check reads it. */
export interface AgreementFinding {
  /** The reseller has accepted the agreement for the region. */
  readonly signed: boolean;
  /** Partner Center gave no answer, and why; null when it answered. */
  readonly unavailableReason: StatusUnavailableReasonName | null;
  readonly retryable: boolean;
}

/**
 * The agreement check. Fail-open lets it through only when Partner Center could not answer,
 * by the allow-list; a definite answer of an unknown shape is never "unavailable" and never
 * reaches it.
 */
export function judgeAgreement(found: AgreementFinding, mode: ListedCheckMode, policy: FailPolicy): Judgement {
  const unavailable = found.unavailableReason;
  return judge(
    {
      positive: found.signed,
      couldNotCheck: unavailable !== null,
      passesUnverified: unavailable !== null && failOpenAllows(unavailable, policy),
      retryable: found.retryable,
    },
    mode,
  );
}

/** The relationship answer, read from the region's reseller list, as the check reads it. */
export interface RelationshipFinding {
  /** The reseller's relationship with this provider is active. */
  readonly active: boolean;
  /** Whether the relationship could be told at all. */
  readonly unknown: boolean;
  /** The region's list could not be had (not loaded, unavailable, too old). */
  readonly listUnavailable: boolean;
  /** Why the list's last refresh failed; null while the first list is still loading with no failure yet. */
  readonly lastRefreshFailure: DirectoryFailureReason | null;
}

/**
 * The relationship check. Fail-open lets it through only when the list could not be had
 * because Partner Center could not answer: not while the first list is still loading, not for
 * an identifier or region that cannot be looked up.
 */
export function judgeRelationship(found: RelationshipFinding, mode: ListedCheckMode, policy: FailPolicy): Judgement {
  const failure = found.listUnavailable && found.unknown ? found.lastRefreshFailure : null;
  return judge(
    {
      positive: found.active,
      couldNotCheck: found.unknown,
      passesUnverified: failure !== null && failOpenAllowsList(failure, policy),
      // A list that could not be had may come with the next refresh; a reseller's answer needs the reseller to act.
      retryable: found.listUnavailable,
    },
    mode,
  );
}

/** Microsoft's partner-of-record verdict as the check reads it. */
export interface PartnerOfRecordFinding {
  /** The partner ID is valid on record. */
  readonly positive: boolean;
  readonly couldNotCheck: boolean;
  readonly retryable: boolean;
  /** Partner Center could not give its verdict, and why; null otherwise (a tenant whose partner ID could not be read included). */
  readonly unavailableReason: StatusUnavailableReasonName | null;
  /** The question was not sent: the operation's or client's budget was spent. */
  readonly budgetExceeded: boolean;
}

/**
 * The partner-of-record check. Fail-open lets it through only when Partner Center could not
 * give its verdict, under the agreement check's allow-list; never over a budget, and a tenant
 * whose partner ID could not be read from the reseller list is never let through unasked.
 */
export function judgePartnerOfRecord(found: PartnerOfRecordFinding, mode: ListedCheckMode, policy: FailPolicy): Judgement {
  const unavailable = found.budgetExceeded ? null : found.unavailableReason;
  return judge(
    {
      positive: found.positive,
      couldNotCheck: found.couldNotCheck,
      passesUnverified: unavailable !== null && failOpenAllows(unavailable, policy),
      retryable: found.retryable,
    },
    mode,
  );
}
