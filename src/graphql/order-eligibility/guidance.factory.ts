import { renderGuidance } from '../../guidance/guidance';
import { GuidanceKey } from '../../guidance/guidance-catalogue';
import { GatewayContext } from '../gateway-context';
import { ResolvedStatus, guidanceValues } from '../mpa-status/mpa-status.factory';
import { findResellerRegion } from '../mpa-status/status-lookup';

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
