import { CspRegion } from '../partner-center/csp-region';
import { ResellerIdentifier } from '../partner-center/reseller-identifier';
import { GuidanceValues } from './guidance';

/** Who and what an answer is about. */
export interface StatusSubject {
  readonly identifier?: ResellerIdentifier;
  readonly region: CspRegion;
  readonly locale: string;
}

/** The values a subject puts into message and guidance texts. */
export function guidanceValues(subject: StatusSubject, retryAfterSeconds?: number | null): GuidanceValues {
  return {
    region: subject.region,
    mpnId: subject.identifier?.kind === 'mpnId' ? subject.identifier.value : undefined,
    tenantId: subject.identifier?.kind === 'tenantId' ? subject.identifier.value : undefined,
    retryAfterSeconds: retryAfterSeconds ?? undefined,
  };
}
