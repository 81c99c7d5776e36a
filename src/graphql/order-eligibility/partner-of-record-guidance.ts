import { renderGuidance } from '../../guidance/guidance';
import { guidanceValues } from '../mpa-status/mpa-status.factory';
import type { MpaGuidanceValue } from './guidance.factory';
import type { PartnerOfRecordLineCheck } from './eligibility-checks';

/** The partner-of-record check's guidance: none when confirmed, the unverified notice when let through without a verdict. */
export function partnerOfRecordGuidance(check: PartnerOfRecordLineCheck): MpaGuidanceValue | null {
  if (check.passed && check.verified) return null;
  const resolved = check.answer;
  const key = check.passed ? 'porUnverified' : resolved.guidanceKey;
  const rendered = renderGuidance(key, resolved.subject.locale, guidanceValues(resolved.subject, resolved.retryAfterSeconds));
  return {
    headline: rendered.headline,
    whatItMeans: rendered.whatItMeans,
    actions: [...rendered.actions],
    learnMoreUrl: resolved.learnMoreUrl,
    mayTakeTimeToUpdate: rendered.mayTakeTimeToUpdate,
    locale: rendered.locale,
  };
}
