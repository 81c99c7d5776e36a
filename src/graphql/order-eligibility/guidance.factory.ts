import { renderGuidance } from '../../guidance/guidance';
import { ResolvedRelationship } from '../relationship/relationship.factory';
import { AgreementLineCheck, RelationshipLineCheck } from './eligibility-checks';
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
    resellerRegion: lookup?.state === 'found' ? lookup.region : undefined,
    ...guidanceValues(subject, resolved.retryAfterSeconds),
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

/** The agreement check's guidance: none when confirmed, the unverified notice when let through unchecked. */
export function agreementGuidance(check: AgreementLineCheck, context: GatewayContext): Promise<MpaGuidanceValue | null> {
  if (check.passed && check.verified) return Promise.resolve(null);
  return guidanceFor(check.answer, context, check.passed ? 'submittedUnverified' : undefined);
}

function relationshipGuidanceText(resolved: ResolvedRelationship, key: GuidanceKey): MpaGuidanceValue {
  const { subject } = resolved;
  const rendered = renderGuidance(key, subject.locale, { relationshipState: resolved.state, ...guidanceValues(subject) });
  return {
    headline: rendered.headline,
    whatItMeans: rendered.whatItMeans,
    actions: [...rendered.actions],
    learnMoreUrl: null,
    mayTakeTimeToUpdate: rendered.mayTakeTimeToUpdate,
    locale: rendered.locale,
  };
}

/** The relationship check's guidance: none when confirmed, the unverified notice when let through unchecked. */
export function relationshipGuidance(check: RelationshipLineCheck): MpaGuidanceValue | null {
  if (check.passed && check.verified) return null;
  return relationshipGuidanceText(check.answer, check.passed ? 'relationshipUnverified' : check.answer.guidanceKey);
}
