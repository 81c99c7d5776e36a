import { GuidanceKey } from '../guidance/guidance-catalogue';
import { GuidanceValues, renderGuidanceMessage } from '../guidance/guidance';
import { CspRegion } from '../partner-center/csp-region';
import { AgreementOutcome, assertNever } from '../partner-center/outcome';
import { ResellerIdentifier } from '../partner-center/reseller-identifier';
import { MpaResellerIdProblem, MpaStatusValue, MpaUnavailableReason } from './mpa-status.type';

/** Who and what an answer is about. */
export interface StatusSubject {
  readonly identifier?: ResellerIdentifier;
  readonly region: CspRegion;
  readonly locale: string;
}

/** A member value plus what OrderEligibility needs to explain it. */
export interface ResolvedStatus {
  readonly value: MpaStatusValue;
  readonly guidanceKey: GuidanceKey;
  readonly retryable: boolean;
  readonly learnMoreUrl: string | null;
  readonly retryAfterSeconds: number | null;
  readonly subject: StatusSubject;
}

export function guidanceValues(subject: StatusSubject, retryAfterSeconds?: number | null): GuidanceValues {
  return {
    region: subject.region,
    mpnId: subject.identifier?.kind === 'mpnId' ? subject.identifier.value : undefined,
    tenantId: subject.identifier?.kind === 'tenantId' ? subject.identifier.value : undefined,
    retryAfterSeconds: retryAfterSeconds ?? undefined,
  };
}

const UNAVAILABLE_REASONS = {
  serverError: MpaUnavailableReason.SERVER_ERROR,
  requestTimeout: MpaUnavailableReason.TIMEOUT,
  timeout: MpaUnavailableReason.TIMEOUT,
  network: MpaUnavailableReason.NETWORK_ERROR,
  malformedBody: MpaUnavailableReason.MALFORMED_RESPONSE,
  circuitOpen: MpaUnavailableReason.CIRCUIT_OPEN,
} as const;

const ID_PROBLEMS = {
  invalidMpnId: MpaResellerIdProblem.MPN_ID_NOT_NUMERIC,
  invalidTenantId: MpaResellerIdProblem.TENANT_ID_NOT_GUID,
  bothIdentifiers: MpaResellerIdProblem.BOTH_IDS_GIVEN,
  missingIdentifier: MpaResellerIdProblem.NO_ID_GIVEN,
} as const;

/** Turns an outcome into the MpaStatus member a client sees. */
export function resolveStatus(outcome: AgreementOutcome, checkedAt: Date, subject: StatusSubject): ResolvedStatus {
  const retryAfterSeconds =
    outcome.kind === 'throttled' || outcome.kind === 'upstreamFailure' ? (outcome.retryAfterSeconds ?? null) : null;
  const common = {
    message: renderGuidanceMessage(outcome.kind, subject.locale, guidanceValues(subject, retryAfterSeconds)),
    region: subject.region,
    checkedAt,
    correlationId: outcome.trace.correlationId ?? null,
  };
  const error = {
    ...common,
    code: outcome.upstream?.code === undefined ? null : String(outcome.upstream.code),
    description: outcome.upstream?.description ?? null,
    learnMoreUrl: outcome.learnMoreUrl ?? null,
    httpStatus: outcome.httpStatus ?? null,
  };
  const mpnId = subject.identifier?.kind === 'mpnId' ? subject.identifier.value : '';
  const tenantId = subject.identifier?.kind === 'tenantId' ? subject.identifier.value : '';

  const value = ((): MpaStatusValue => {
    switch (outcome.kind) {
      case 'signed':
        return { __typename: 'MpaSigned', ...common };
      case 'notSigned':
        return { __typename: 'MpaNotSigned', ...error };
      case 'regionMismatch':
        return { __typename: 'MpaCspRegionMismatch', ...error, mpnId };
      case 'mpnIdNotRecognized':
        return { __typename: 'MpaMpnIdNotRecognized', ...error, mpnId };
      case 'notIndirectReseller':
        return { __typename: 'MpaNotIndirectReseller', ...error };
      case 'tenantNotFound':
        return { __typename: 'MpaTenantNotFound', ...error, tenantId };
      case 'tenantNotSigned':
        return { __typename: 'MpaTenantNotSigned', ...error, tenantId };
      case 'invalidMpnId':
      case 'invalidTenantId':
      case 'bothIdentifiers':
      case 'missingIdentifier':
        // Partner Center's own refusal of an identifier the gateway let through keeps its code and description.
        return { __typename: 'MpaInvalidResellerId', ...error, problem: ID_PROBLEMS[outcome.kind] };
      case 'throttled':
        return { __typename: 'MpaPartnerCenterUnavailable', ...common, reason: MpaUnavailableReason.THROTTLED, retryAfterSeconds, httpStatus: outcome.httpStatus ?? null };
      case 'credentialsRejected':
        return { __typename: 'MpaPartnerCenterUnavailable', ...common, reason: MpaUnavailableReason.CREDENTIALS_REJECTED, retryAfterSeconds: null, httpStatus: outcome.httpStatus ?? null };
      case 'upstreamFailure':
        return { __typename: 'MpaPartnerCenterUnavailable', ...common, reason: UNAVAILABLE_REASONS[outcome.reason], retryAfterSeconds, httpStatus: outcome.httpStatus ?? null };
      case 'deadlineExceeded':
        return { __typename: 'MpaPartnerCenterUnavailable', ...common, reason: MpaUnavailableReason.DEADLINE_EXCEEDED, retryAfterSeconds: null, httpStatus: null };
      case 'budgetExceeded':
        return { __typename: 'MpaPartnerCenterUnavailable', ...common, reason: MpaUnavailableReason.BUDGET_EXCEEDED, retryAfterSeconds: null, httpStatus: null };
      case 'unrecognized':
        return { __typename: 'MpaUnrecognizedAnswer', ...error, data: [...(outcome.upstream?.data ?? [])], source: outcome.upstream?.source ?? null };
      default:
        return assertNever(outcome);
    }
  })();

  return {
    value,
    guidanceKey: outcome.kind,
    retryable: outcome.retryable,
    learnMoreUrl: outcome.learnMoreUrl ?? null,
    retryAfterSeconds,
    subject,
  };
}

/** The member for a region this deployment has no account for. */
export function regionNotConfigured(subject: StatusSubject, configuredRegions: readonly CspRegion[]): ResolvedStatus {
  return {
    value: {
      __typename: 'MpaRegionNotConfigured',
      message: renderGuidanceMessage('regionNotConfigured', subject.locale, guidanceValues(subject)),
      region: subject.region,
      checkedAt: new Date(),
      correlationId: null,
      configuredRegions: [...configuredRegions],
    },
    guidanceKey: 'regionNotConfigured',
    retryable: false,
    learnMoreUrl: null,
    retryAfterSeconds: null,
    subject,
  };
}
