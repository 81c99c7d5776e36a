import { GuidanceKey } from '../guidance/guidance-catalogue';
import { StatusSubject, guidanceValues } from '../guidance/guidance-subject';
import { messageText } from '../guidance/message-text';
import { FAILURE_REASONS, OUTCOME_KIND_FACTS, StatusUnavailableReasonName } from '../partner-center/outcome/outcome-kinds';
import { VALIDATE_RESELLERS_URL } from '../partner-center/outcome/validate-resellers-outcomes';
import { verdictOf } from '../partner-center/partner-of-record/por-verdict';
import { AnswerSource, CheckedStatus } from '../partner-center/status-checker';
import { PartnerOfRecordAnswer, PartnerOfRecordUnknownReasonName } from './partner-of-record-answer';

/** A partner-of-record answer plus what the partner-of-record check needs to decide and explain it. */
export interface ResolvedPartnerOfRecord {
  readonly value: PartnerOfRecordAnswer;
  readonly guidanceKey: GuidanceKey;
  /** Microsoft says valid on record: the check passes on its own. */
  readonly positive: boolean;
  /** No verdict could be had (Partner Center unavailable, no partner ID, nothing to ask). */
  readonly couldNotCheck: boolean;
  /**
   * Partner Center could not give a verdict, or the reseller list that gives a tenant's partner
   * ID could not be had: the fail policy may let the order through. Never for a definite answer
   * or an answer of an unknown shape.
   */
  readonly unavailable: boolean;
  /** The verdict could not be had because Partner Center refused our own credentials. */
  readonly credentialsRejected: boolean;
  /** The operation asked more than it may: never let through unverified. */
  readonly budgetExceeded: boolean;
  readonly retryable: boolean;
  readonly retryAfterSeconds: number | null;
  readonly learnMoreUrl: string | null;
  readonly subject: StatusSubject;
  /** What the verdict was read from (the decision record's source); none when nothing was asked. */
  readonly source?: AnswerSource;
}

/** What the lookup found before asking, or the answer it got. */
export type PartnerOfRecordFinding =
  | { readonly kind: 'asked'; readonly partnerId: string; readonly checked: CheckedStatus }
  | {
      readonly kind: 'unknown';
      readonly reason: PartnerOfRecordUnknownReasonName;
      readonly guidanceKey: GuidanceKey;
      readonly partnerId: string | null;
      /** The list that gives a tenant's partner ID was refused to our own credentials. */
      readonly credentialsRejected?: boolean;
    };

/** Turns a verdict (or why there is none) into the partner-of-record answer (the MpaPartnerOfRecord member a client sees). */
export function resolvePartnerOfRecord(finding: PartnerOfRecordFinding, subject: StatusSubject): ResolvedPartnerOfRecord {
  const resolved = (
    value: PartnerOfRecordAnswer,
    guidanceKey: GuidanceKey,
    flags: Partial<Omit<ResolvedPartnerOfRecord, 'value' | 'guidanceKey' | 'subject'>> = {},
  ): ResolvedPartnerOfRecord => ({
    value,
    guidanceKey,
    positive: flags.positive ?? false,
    couldNotCheck: flags.couldNotCheck ?? false,
    unavailable: flags.unavailable ?? false,
    credentialsRejected: flags.credentialsRejected ?? false,
    budgetExceeded: flags.budgetExceeded ?? false,
    retryable: flags.retryable ?? false,
    retryAfterSeconds: flags.retryAfterSeconds ?? null,
    learnMoreUrl: flags.learnMoreUrl ?? null,
    subject,
    source: finding.kind === 'asked' ? finding.checked.source : undefined,
  });
  const message = (key: GuidanceKey, retryAfterSeconds?: number | null) =>
    messageText(key, subject.locale, guidanceValues(subject, retryAfterSeconds));

  if (finding.kind === 'unknown') {
    const listUnavailable = finding.reason === 'RESELLER_LIST_UNAVAILABLE';
    return resolved(
      {
        __typename: 'MpaPartnerOfRecordUnknown',
        text: message(finding.guidanceKey),
        region: subject.region,
        partnerId: finding.partnerId,
        checkedAt: null,
        correlationId: null,
        unknownReason: finding.reason,
      },
      finding.guidanceKey,
      {
        couldNotCheck: true,
        unavailable: listUnavailable,
        retryable: listUnavailable,
        credentialsRejected: finding.credentialsRejected === true,
      },
    );
  }

  const { checked, partnerId } = finding;
  const { outcome } = checked;
  const common = {
    region: subject.region,
    partnerId,
    checkedAt: checked.checkedAt,
    correlationId: outcome.trace.correlationId ?? null,
  };
  const verdict = verdictOf(outcome);
  switch (verdict.kind) {
    case 'valid':
      return resolved({ __typename: 'MpaPartnerOfRecordValid', text: message('porValid'), ...common }, 'porValid', { positive: true });
    case 'documentedCode':
      return resolved(
        {
          __typename: 'MpaPartnerIdNotValidOnRecord',
          text: message('porNotValid'),
          errorCode: String(verdict.code),
          errorDescription: verdict.description,
          learnMoreUrl: VALIDATE_RESELLERS_URL,
          ...common,
        },
        'porNotValid',
        { learnMoreUrl: VALIDATE_RESELLERS_URL },
      );
    case 'undocumentedCode':
      return resolved(
        {
          __typename: 'MpaPartnerOfRecordUndocumentedCode',
          text: message('porUndocumentedCode'),
          errorCode: verdict.code,
          errorDescription: verdict.description,
          ...common,
        },
        'porUndocumentedCode',
        { learnMoreUrl: VALIDATE_RESELLERS_URL },
      );
    case 'missingResult':
      return resolved(
        {
          __typename: 'MpaPartnerOfRecordUnrecognized',
          text: message('porUnrecognized'),
          missingFromAnswer: true,
          httpStatus: 200,
          code: null,
          description: null,
          ...common,
        },
        'porUnrecognized',
      );
    case 'noVerdict': {
      const failed = verdict.outcome;
      const facts = OUTCOME_KIND_FACTS[failed.kind];
      if (facts.member === 'MpaPartnerCenterUnavailable') {
        const reasonName =
          failed.kind === 'upstreamFailure'
            ? FAILURE_REASONS[failed.reason]
            : (facts as { unavailableReason?: StatusUnavailableReasonName }).unavailableReason;
        const retryAfterSeconds =
          failed.kind === 'throttled' || failed.kind === 'upstreamFailure' ? (failed.retryAfterSeconds ?? null) : null;
        return resolved(
          {
            __typename: 'MpaPartnerOfRecordUnavailable',
            text: message('porUnavailable', retryAfterSeconds),
            reason: reasonName ?? 'SERVER_ERROR',
            retryAfterSeconds,
            httpStatus: failed.httpStatus ?? null,
            ...common,
          },
          'porUnavailable',
          {
            couldNotCheck: true,
            unavailable: true,
            credentialsRejected: failed.kind === 'credentialsRejected',
            budgetExceeded: failed.kind === 'budgetExceeded',
            retryable: failed.retryable,
            retryAfterSeconds,
          },
        );
      }
      return resolved(
        {
          __typename: 'MpaPartnerOfRecordUnrecognized',
          text: message('porUnrecognized'),
          missingFromAnswer: false,
          httpStatus: failed.httpStatus ?? null,
          code: failed.upstream?.code === undefined ? null : String(failed.upstream.code),
          description: failed.upstream?.description ?? null,
          ...common,
        },
        'porUnrecognized',
      );
    }
  }
}
