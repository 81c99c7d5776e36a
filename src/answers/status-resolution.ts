import { GuidanceKey } from '../guidance/guidance-catalogue';
import { StatusSubject, guidanceValues } from '../guidance/guidance-subject';
import { messageText } from '../guidance/message-text';
import { CspRegion } from '../partner-center/csp-region';
import { AgreementOutcome, assertNever } from '../partner-center/outcome/outcome';
import { FAILURE_REASONS, OUTCOME_KIND_FACTS, OutcomeKindFacts } from '../partner-center/outcome/outcome-kinds';
import type { AnswerSource } from '../partner-center/status-checker';
import { StatusAnswer } from './status-answer';

/** An agreement answer plus what the order form needs to explain it. */
export interface ResolvedStatus {
  readonly value: StatusAnswer;
  readonly guidanceKey: GuidanceKey;
  readonly retryable: boolean;
  readonly learnMoreUrl: string | null;
  readonly retryAfterSeconds: number | null;
  readonly subject: StatusSubject;
  /** What the answer was read from (the decision record's source); none when the gateway made it. */
  readonly source?: AnswerSource;
}

/** Turns an outcome into the agreement answer (the MpaStatus member a client sees). */
export function resolveStatus(outcome: AgreementOutcome, checkedAt: Date, subject: StatusSubject, source?: AnswerSource): ResolvedStatus {
  const retryAfterSeconds =
    outcome.kind === 'throttled' || outcome.kind === 'upstreamFailure' || outcome.kind === 'clientBudgetExceeded'
      ? (outcome.retryAfterSeconds ?? null)
      : null;
  const common = {
    text: messageText(outcome.kind, subject.locale, guidanceValues(subject, retryAfterSeconds)),
    region: subject.region,
    checkedAt,
    correlationId: outcome.trace.correlationId ?? null,
  };
  // Own properties before a spread, never after: Node 20 builds `{ ...a, b }` about twenty
  // times slower than `{ b, ...a }`, and these are built for every status of every request
  // (test/architecture/per-request-path.test.ts).
  const error = {
    code: outcome.upstream?.code === undefined ? null : String(outcome.upstream.code),
    description: outcome.upstream?.description ?? null,
    learnMoreUrl: outcome.learnMoreUrl ?? null,
    httpStatus: outcome.httpStatus ?? null,
    ...common,
  };
  const mpnId = subject.identifier?.kind === 'mpnId' ? subject.identifier.value : '';
  const tenantId = subject.identifier?.kind === 'tenantId' ? subject.identifier.value : '';

  // The outcome table says which member a kind becomes; the member says which fields it has.
  const facts: OutcomeKindFacts = OUTCOME_KIND_FACTS[outcome.kind];
  const value = ((): StatusAnswer => {
    const member = facts.member;
    switch (member) {
      case 'MpaSigned':
        return { __typename: member, ...common };
      case 'MpaNotSigned':
      case 'MpaNotIndirectReseller':
        return { __typename: member, ...error };
      case 'MpaCspRegionMismatch':
      case 'MpaMpnIdNotRecognized':
        return { __typename: member, mpnId, ...error };
      case 'MpaTenantNotFound':
      case 'MpaTenantNotSigned':
        return { __typename: member, tenantId, ...error };
      case 'MpaInvalidResellerId':
        // Partner Center's own refusal of an identifier the gateway let through keeps its code and description.
        return { __typename: member, problem: facts.idProblem!, ...error };
      case 'MpaPartnerCenterUnavailable': {
        const reason = outcome.kind === 'upstreamFailure' ? FAILURE_REASONS[outcome.reason] : facts.unavailableReason!;
        return {
          __typename: member,
          reason,
          retryAfterSeconds,
          httpStatus: outcome.origin === 'partnerCenter' ? (outcome.httpStatus ?? null) : null,
          ...common,
        };
      }
      case 'MpaUnrecognizedAnswer':
        return {
          __typename: member,
          data: [...(outcome.upstream?.data ?? [])],
          source: outcome.upstream?.source ?? null,
          bodyExcerpt: outcome.kind === 'unrecognized' ? (outcome.bodyExcerpt ?? null) : null,
          ...error,
        };
      default:
        return assertNever(member);
    }
  })();

  return {
    value,
    guidanceKey: outcome.kind,
    retryable: outcome.retryable,
    learnMoreUrl: outcome.learnMoreUrl ?? null,
    retryAfterSeconds,
    subject,
    source,
  };
}

/** The answer for a region this deployment has no account for. */
export function regionNotConfigured(subject: StatusSubject, configuredRegions: readonly CspRegion[]): ResolvedStatus {
  return {
    value: {
      __typename: 'MpaRegionNotConfigured',
      text: messageText('regionNotConfigured', subject.locale, guidanceValues(subject)),
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
