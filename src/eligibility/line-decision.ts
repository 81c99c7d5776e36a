import { assertNever } from '../partner-center/outcome/outcome';
import { Judgement } from './eligibility-check';

/** The order form's answer for one line. */
export interface LineDecision {
  /** The order may be submitted. */
  readonly canSubmit: boolean;
  /** False when Submit is allowed although nothing confirmed it. */
  readonly verified: boolean;
  /** Asking again later may change the answer without anyone acting. */
  readonly retryable: boolean;
}

/** Whether a line can be checked at all: an identifier that is one, a region with an account. */
export interface LineCheckability {
  readonly checkable: boolean;
}

/** Whether the check can keep Submit off. */
export function isEnforced(check: Pick<Judgement, 'mode'>): boolean {
  const mode = check.mode;
  switch (mode) {
    case 'enforce':
      return true;
    case 'reportOnly':
      return false;
    default:
      return assertNever(mode);
  }
}

/** Submit needs every enforced check to pass, on a line that can be checked at all. */
export function canSubmit(checks: readonly Judgement[], line: LineCheckability): boolean {
  return line.checkable && checks.filter(isEnforced).every((check) => check.passed);
}

/**
 * Whether the answer is confirmed: not when Submit is allowed although an enforced check could
 * not be made, nor when no check is enforced (nothing confirmed it). A line that cannot be
 * checked is refused on a definite answer.
 */
export function verified(checks: readonly Judgement[], line: LineCheckability): boolean {
  if (!line.checkable) return true;
  const enforced = checks.filter(isEnforced);
  return !(canSubmit(checks, line) && (enforced.length === 0 || enforced.some((check) => !check.verified)));
}

/** Asking again may help when an enforced check that is not positive may change by itself. */
export function retryable(checks: readonly Judgement[], line: LineCheckability): boolean {
  if (!line.checkable) return false;
  return checks.filter(isEnforced).some((check) => check.retryable && !(check.passed && check.verified));
}

/**
 * The order form's answer from its listed checks. A line that cannot be checked at all (an
 * identifier that is not one, a region without an account) is blocked whatever the checks'
 * modes: no order can be placed for it.
 */
export function decideLine(checks: readonly Judgement[], line: LineCheckability = { checkable: true }): LineDecision {
  return { canSubmit: canSubmit(checks, line), verified: verified(checks, line), retryable: retryable(checks, line) };
}
