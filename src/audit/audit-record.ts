import { CspRegion } from '../partner-center/csp-region';
import { assertNever } from '../partner-center/outcome/outcome';
import { StatusMemberName } from '../partner-center/outcome/outcome-kinds';

/**
 * The checks the order form makes for each line, in the order reports show them. Each
 * becomes one group of columns in CSV, one entry of `checks` in JSON, and its own groups in
 * the HTML page. A new check is one more name here and one more entry from `checksOf` in
 * `line-check.ts`.
 */
export const AUDIT_CHECKS = ['agreement', 'relationship', 'partnerOfRecord'] as const;

export type AuditCheckName = (typeof AUDIT_CHECKS)[number];

/** What one check says about one line: passed, failed (someone must act), or could not tell. */
export type CheckResult = 'passed' | 'failed' | 'notChecked';

/** The order form's guidance, in the audit's locale. */
export interface AuditGuidance {
  readonly headline: string;
  readonly whatItMeans: string;
  readonly actions: readonly string[];
  readonly learnMoreUrl: string | null;
  readonly mayTakeTimeToUpdate: boolean;
  readonly locale: string;
}

/** One check of one (reseller, region). */
export interface AuditCheck {
  readonly check: AuditCheckName;
  readonly result: CheckResult;
  /** The status member the order form sees, e.g. `MpaNotSigned`. */
  readonly status: string;
  /** Partner Center's error code, e.g. `2203`; null when it sent none. */
  readonly code: string | null;
  /** Partner Center's own description with the code, verbatim (a partner-of-record errorDescription); null when none. */
  readonly description: string | null;
  /** Why Partner Center gave no answer (`THROTTLED`, `NOT_ASKED`…), or what is wrong with the identifier. */
  readonly reason: string | null;
  /** When Partner Center gave no answer: seconds it asked us to wait, when it said. */
  readonly retryAfterSeconds: number | null;
  readonly message: string;
  /** ISO time of Partner Center's answer (or of the gateway's decision). */
  readonly checkedAt: string;
  /** MS-CorrelationId of the Partner Center call behind the answer; null when none was made. */
  readonly correlationId: string | null;
  /** Null when the order may be submitted on a verified answer. */
  readonly guidance: AuditGuidance | null;
}

/** What a line comes to, over all its checks; the exit code and every summary count by it. */
export type AuditOutcome = 'MAY_ORDER' | 'NEEDS_ACTION' | 'NOT_CHECKED' | 'BAD_INPUT';

/** What each outcome is called in summaries, progress and the HTML page. */
export const OUTCOME_LABELS: Readonly<Record<AuditOutcome, string>> = {
  MAY_ORDER: 'May order',
  NEEDS_ACTION: 'Needs action',
  NOT_CHECKED: 'Could not be checked',
  BAD_INPUT: 'Bad input',
};

/** Worst first: a summary lists outcomes in this order. */
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['NEEDS_ACTION', 'NOT_CHECKED', 'BAD_INPUT', 'MAY_ORDER'];

/** One (input line, region): a row of the CSV report, a line of the JSON report. */
export interface AuditRecord {
  /** The line of the input the reseller was on (the CSV header is line 1). */
  readonly line: number;
  /** As checked (normalised), or as written when it is not a valid one. */
  readonly mpnId: string | null;
  readonly tenantId: string | null;
  readonly region: CspRegion;
  readonly outcome: AuditOutcome;
  /** The order form's answer: may Submit be pressed. */
  readonly canSubmit: boolean;
  /** False when Submit is allowed only because Partner Center could not answer (fail-open). */
  readonly verified: boolean;
  /** Whether checking again later may change the answer without anyone acting. */
  readonly retryable: boolean;
  /** For a bad input line: what is wrong with it. Such lines are never sent to Partner Center. */
  readonly inputProblem: string | null;
  /** One entry per check made, in `AUDIT_CHECKS` order; empty for a line that could not be read. */
  readonly checks: readonly AuditCheck[];
}

/** What a status member says for the agreement check. */
export function agreementResult(member: StatusMemberName | 'MpaRegionNotConfigured'): CheckResult {
  switch (member) {
    case 'MpaSigned':
      return 'passed';
    case 'MpaPartnerCenterUnavailable':
      return 'notChecked';
    case 'MpaNotSigned':
    case 'MpaCspRegionMismatch':
    case 'MpaMpnIdNotRecognized':
    case 'MpaNotIndirectReseller':
    case 'MpaTenantNotFound':
    case 'MpaTenantNotSigned':
    case 'MpaInvalidResellerId':
    case 'MpaRegionNotConfigured':
    case 'MpaUnrecognizedAnswer':
      return 'failed';
    default:
      return assertNever(member);
  }
}

/**
 * A line's outcome from its checks: a bad input line is that; then a definite failure of an
 * enforced check makes it "needs action", whatever the other checks could not tell (the
 * record lists those too: someone must act either way); then any check that could not tell
 * (or an order let through unverified) makes it "not checked"; then any other failed check
 * (one only reported) makes it "needs action". `enforced` defaults to every check.
 */
export function lineOutcome(
  checks: readonly AuditCheck[],
  verified: boolean,
  inputProblem: string | null,
  enforced: ReadonlySet<AuditCheckName> = new Set(AUDIT_CHECKS),
): AuditOutcome {
  if (inputProblem !== null) return 'BAD_INPUT';
  if (checks.some((check) => check.result === 'failed' && enforced.has(check.check))) return 'NEEDS_ACTION';
  if (!verified || checks.some((check) => check.result === 'notChecked')) return 'NOT_CHECKED';
  if (checks.some((check) => check.result === 'failed')) return 'NEEDS_ACTION';
  return 'MAY_ORDER';
}

/** The process exit code for a report with these outcome counts (docs/operations.md, "Exit codes"). */
export function exitCodeFor(counts: Readonly<Record<AuditOutcome, number>>): 0 | 1 | 2 {
  if (counts.NOT_CHECKED > 0) return 2;
  if (counts.NEEDS_ACTION > 0 || counts.BAD_INPUT > 0) return 1;
  return 0;
}
