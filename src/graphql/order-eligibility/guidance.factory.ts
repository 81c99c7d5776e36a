import { renderGuidance } from '../../guidance/guidance';
import { GuidanceKey } from '../../guidance/guidance-catalogue';
import { GatewayContext } from '../gateway-context';
import { ResolvedStatus, guidanceValues } from '../mpa-status/mpa-status.factory';
import { findResellerRegion } from '../mpa-status/status-lookup';
import type { OrderEligibility } from './order-eligibility.type';

export interface MpaGuidanceValue {
  headline: string;
  whatItMeans: string;
  actions: string[];
  learnMoreUrl: string | null;
  mayTakeTimeToUpdate: boolean;
  locale: string;
}

/** Guidance for a status; for a region mismatch it first finds the reseller's own region. */
export async function guidanceFor(
  resolved: ResolvedStatus,
  context: GatewayContext,
  key: GuidanceKey = resolved.guidanceKey,
): Promise<MpaGuidanceValue> {
  const { subject } = resolved;
  const lookup =
    resolved.guidanceKey === 'regionMismatch' && subject.identifier
      ? await findResellerRegion(subject.identifier, subject.region, context)
      : undefined;
  const rendered = renderGuidance(key, subject.locale, {
    ...guidanceValues(subject, resolved.retryAfterSeconds),
    resellerRegion: lookup?.state === 'found' ? lookup.region : undefined,
  });
  return {
    headline: rendered.headline,
    whatItMeans: rendered.whatItMeans,
    actions: [...rendered.actions],
    learnMoreUrl: resolved.learnMoreUrl,
    mayTakeTimeToUpdate: rendered.mayTakeTimeToUpdate,
    locale: rendered.locale,
  };
}

/**
 * The order form's guidance for an eligibility: none when it may be submitted on a verified
 * answer; for an order let through unverified (fail-open), what that means.
 */
export function eligibilityGuidance(eligibility: OrderEligibility, context: GatewayContext): Promise<MpaGuidanceValue | null> {
  if (eligibility.canSubmit && eligibility.verified) return Promise.resolve(null);
  return guidanceFor(eligibility.resolved, context, eligibility.verified ? undefined : 'submittedUnverified');
}
