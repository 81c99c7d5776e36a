import { GatewayContext } from '../gateway-context';
import { ResolvedStatus } from '../mpa-status/mpa-status.factory';
import { MpaStatusValue, MpaUnavailableReason } from '../mpa-status/mpa-status.type';
import { ResolvedRelationship } from '../relationship/relationship.factory';
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
 * Whether fail-open lets an agreement answer through. Only when Partner Center could not be
 * asked or did not answer; never when the gateway's own credentials were refused (unless
 * configured: an expired refresh token must not switch the check off silently) or when the
 * operation asked too much.
 */
function agreementPassesUnverified(status: MpaStatusValue, context: GatewayContext): boolean {
  if (context.services.failPolicy !== 'open' || status.__typename !== 'MpaPartnerCenterUnavailable') return false;
  if (status.reason === MpaUnavailableReason.BUDGET_EXCEEDED) return false;
  if (status.reason === MpaUnavailableReason.CREDENTIALS_REJECTED) return context.services.failOpenOnCredentialsRejected;
  return true;
}

/**
 * Whether fail-open lets a relationship answer through: only when the region's list could not
 * be had, under the same rule as the agreement check for our own rejected credentials.
 */
function relationshipPassesUnverified(resolved: ResolvedRelationship, context: GatewayContext): boolean {
  if (context.services.failPolicy !== 'open' || !resolved.directoryUnavailable) return false;
  return !resolved.credentialsRejected || context.services.failOpenOnCredentialsRejected;
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
 * it is unverified when it is allowed although an enforced check could not be made; asking
 * again may help when an enforced check that is not positive may change by itself.
 */
export function overallOf(checks: readonly EligibilityCheckValue[]): { canSubmit: boolean; verified: boolean; retryable: boolean } {
  const enforced = checks.filter((check) => check.mode === MpaCheckMode.ENFORCED);
  const canSubmit = enforced.every((check) => check.passed);
  return {
    canSubmit,
    verified: !(canSubmit && enforced.some((check) => !check.verified)),
    retryable: enforced.some((check) => check.retryable && !(check.passed && check.verified)),
  };
}
