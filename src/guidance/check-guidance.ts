import { CspRegion } from '../partner-center/csp-region';
import { GuidanceKey } from './guidance-catalogue';
import { GuidanceValues, renderGuidance } from './guidance';
import { StatusSubject, guidanceValues } from './guidance-subject';

/** A check's guidance, rendered: what the order form shows when Submit is off or unverified. */
export interface CheckGuidance {
  readonly headline: string;
  readonly whatItMeans: string;
  readonly actions: string[];
  readonly learnMoreUrl: string | null;
  readonly mayTakeTimeToUpdate: boolean;
  readonly locale: string;
}

/** What an answer brings to its guidance. */
export interface ExplainedAnswer {
  readonly guidanceKey: GuidanceKey;
  readonly subject: StatusSubject;
  readonly learnMoreUrl: string | null;
  readonly retryAfterSeconds: number | null;
}

/** A judged check as its guidance reads it: whether it let the order through, on a confirmed answer. */
export interface ExplainedCheck<Answer> {
  readonly passed: boolean;
  readonly verified: boolean;
  readonly answer: Answer;
}

function rendered(key: GuidanceKey, subject: StatusSubject, learnMoreUrl: string | null, values: GuidanceValues): CheckGuidance {
  const text = renderGuidance(key, subject.locale, values);
  return {
    headline: text.headline,
    whatItMeans: text.whatItMeans,
    actions: [...text.actions],
    learnMoreUrl,
    mayTakeTimeToUpdate: text.mayTakeTimeToUpdate,
    locale: text.locale,
  };
}

/**
 * The agreement check's guidance: none when confirmed, the unverified notice when let through
 * unchecked. `resellerRegion` is the reseller's own region when the answer was "another region"
 * and it was found.
 */
export function agreementGuidance(check: ExplainedCheck<ExplainedAnswer>, resellerRegion?: CspRegion): CheckGuidance | null {
  if (check.passed && check.verified) return null;
  const answer = check.answer;
  return rendered(check.passed ? 'submittedUnverified' : answer.guidanceKey, answer.subject, answer.learnMoreUrl, {
    resellerRegion,
    ...guidanceValues(answer.subject, answer.retryAfterSeconds),
  });
}

/** The relationship check's guidance: none when confirmed, the unverified notice when let through unchecked. */
export function relationshipGuidance(
  check: ExplainedCheck<Pick<ExplainedAnswer, 'guidanceKey' | 'subject'> & { readonly state: string | undefined }>,
): CheckGuidance | null {
  if (check.passed && check.verified) return null;
  const answer = check.answer;
  return rendered(check.passed ? 'relationshipUnverified' : answer.guidanceKey, answer.subject, null, {
    relationshipState: answer.state,
    ...guidanceValues(answer.subject),
  });
}

/** The partner-of-record check's guidance: none when confirmed, the unverified notice when let through without a verdict. */
export function partnerOfRecordGuidance(check: ExplainedCheck<ExplainedAnswer>): CheckGuidance | null {
  if (check.passed && check.verified) return null;
  const answer = check.answer;
  return rendered(
    check.passed ? 'porUnverified' : answer.guidanceKey,
    answer.subject,
    answer.learnMoreUrl,
    guidanceValues(answer.subject, answer.retryAfterSeconds),
  );
}
