import { GatewayContext } from '../gateway-context';
import { ResolvedStatus } from '../mpa-status/mpa-status.factory';
import { MpaStatusValue, MpaUnavailableReason } from '../mpa-status/mpa-status.type';
import { ResolvedRelationship } from '../relationship/relationship.factory';
import { MpaDirectoryFailureReason } from '../relationship/relationship.enums';
import { assertNever } from '../../partner-center/outcome/outcome';
import { EligibilityCheckValue, MpaAgreementCheck, MpaCheckMode, MpaRelationshipCheck } from './eligibility-check.type';

/** What a check does to `canSubmit` (configuration `checks.*`). */
export type CheckMode = 'enforce' | 'reportOnly' | 'off';

/** What one check found, before its mode says what that does to Submit. */
export interface Finding {
  /** Its answer is positive: signed, an active relationship. */
  readonly positive: boolean;
  /** It could not be made. */
  readonly couldNotCheck: boolean;
  /** It could not be made and the fail policy lets the order through then. */
  readonly passesUnverified: boolean;
  readonly retryable: boolean;
}

/** The fields every check carries. */
export function judged(finding: Finding, mode: CheckMode) {
  const passed = finding.positive || finding.passesUnverified;
  return {
    mode: mode === 'enforce' ? MpaCheckMode.ENFORCED : MpaCheckMode.REPORT_ONLY,
    passed,
    verified: !finding.couldNotCheck,
    blocksSubmit: mode === 'enforce' && !passed,
    retryable: finding.retryable,
  };
}

/**
 * Whether fail-open may let an agreement answer through: only when Partner Center could not
 * answer (its calls failed or timed out, 429, 5xx, 408, an unreadable 2xx or 5xx body, or the
 * circuit those opened). Never for the gateway's own shortfall (a question never sent, a call
 * cut short by the operation's deadline, too many questions), and never when the gateway's
 * own credentials were refused unless configured: an expired refresh token must not switch
 * the check off silently. A definite answer of an unknown shape is MpaUnrecognizedAnswer and
 * never reaches this.
 */
function agreementPassesUnverified(status: MpaStatusValue, context: GatewayContext): boolean {
  if (context.services.failPolicy !== 'open' || status.__typename !== 'MpaPartnerCenterUnavailable') return false;
  return failOpenAllows(status.reason, context);
}

/**
 * The fail-open allow-list, for every check whose question went to Partner Center: whether an
 * answer Partner Center could not give, for this reason, may let an order through under
 * `failPolicy: open`.
 */
export function failOpenAllows(reason: MpaUnavailableReason, context: GatewayContext): boolean {
  switch (reason) {
    case MpaUnavailableReason.THROTTLED:
    case MpaUnavailableReason.TIMEOUT:
    case MpaUnavailableReason.SERVER_ERROR:
    case MpaUnavailableReason.NETWORK_ERROR:
    case MpaUnavailableReason.MALFORMED_RESPONSE:
    case MpaUnavailableReason.CIRCUIT_OPEN:
      return true;
    case MpaUnavailableReason.CREDENTIALS_REJECTED:
      return context.services.failOpenOnCredentialsRejected;
    case MpaUnavailableReason.DEADLINE_EXCEEDED:
    case MpaUnavailableReason.BUDGET_EXCEEDED:
    case MpaUnavailableReason.CLIENT_BUDGET_EXCEEDED:
    case MpaUnavailableReason.NOT_ASKED:
      return false;
    default:
      return assertNever(reason);
  }
}

/**
 * Whether fail-open may let a relationship answer through: only when the region's list could
 * not be had because Partner Center could not answer (the same reasons as for the agreement
 * check, and the same rule for our own rejected credentials). Not while the first list is
 * still loading with no failure yet, not when the refresh ran out of its own time, and not
 * when Partner Center answered with something unknown (an HTML 404 from a wrong base URL): a
 * definite answer, not an outage.
 */
function relationshipPassesUnverified(resolved: ResolvedRelationship, context: GatewayContext): boolean {
  if (context.services.failPolicy !== 'open' || !resolved.directoryUnavailable) return false;
  const value = resolved.value;
  if (value.__typename !== 'MpaRelationshipUnknown' || value.lastRefreshFailure === null) return false;
  const failure = value.lastRefreshFailure;
  switch (failure) {
    case MpaDirectoryFailureReason.THROTTLED:
    case MpaDirectoryFailureReason.TIMEOUT:
    case MpaDirectoryFailureReason.SERVER_ERROR:
    case MpaDirectoryFailureReason.NETWORK_ERROR:
    case MpaDirectoryFailureReason.MALFORMED_RESPONSE:
      return true;
    case MpaDirectoryFailureReason.CREDENTIALS_REJECTED:
      return context.services.failOpenOnCredentialsRejected;
    case MpaDirectoryFailureReason.DEADLINE_EXCEEDED:
    case MpaDirectoryFailureReason.UNRECOGNIZED_ANSWER:
      return false;
    default:
      return assertNever(failure);
  }
}

export function agreementCheck(resolved: ResolvedStatus, mode: CheckMode, context: GatewayContext): MpaAgreementCheck {
  const finding = {
    positive: resolved.value.__typename === 'MpaSigned',
    couldNotCheck: resolved.value.__typename === 'MpaPartnerCenterUnavailable',
    passesUnverified: agreementPassesUnverified(resolved.value, context),
    retryable: resolved.retryable,
  };
  return { __typename: 'MpaAgreementCheck', status: resolved.value, resolved, ...judged(finding, mode) };
}

export function relationshipCheck(resolved: ResolvedRelationship, mode: CheckMode, context: GatewayContext): MpaRelationshipCheck {
  const finding = {
    positive: resolved.active,
    couldNotCheck: resolved.value.__typename === 'MpaRelationshipUnknown',
    passesUnverified: relationshipPassesUnverified(resolved, context),
    // A list that could not be had may come with the next refresh; a reseller's answer needs the reseller to act.
    retryable: resolved.directoryUnavailable,
  };
  return { __typename: 'MpaRelationshipCheck', relationship: resolved.value, resolved, ...judged(finding, mode) };
}

/**
 * The order form's answer from its listed checks: Submit needs every enforced check to pass;
 * it is unverified when it is allowed although an enforced check could not be made, or when
 * no check is enforced (nothing confirmed it); asking again may help when an enforced check
 * that is not positive may change by itself. A line that cannot be checked at all (an
 * identifier that is not one, a region without an account) is blocked whatever the checks'
 * modes: no order can be placed for it.
 */
export function overallOf(
  checks: readonly EligibilityCheckValue[],
  line: { readonly checkable: boolean } = { checkable: true },
): { canSubmit: boolean; verified: boolean; retryable: boolean } {
  if (!line.checkable) return { canSubmit: false, verified: true, retryable: false };
  const enforced = checks.filter((check) => check.mode === MpaCheckMode.ENFORCED);
  const canSubmit = enforced.every((check) => check.passed);
  return {
    canSubmit,
    verified: !(canSubmit && (enforced.length === 0 || enforced.some((check) => !check.verified))),
    retryable: enforced.some((check) => check.retryable && !(check.passed && check.verified)),
  };
}
