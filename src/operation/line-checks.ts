import { EligibilityCheck, judgeAgreement, judgePartnerOfRecord, judgeRelationship } from '../eligibility/eligibility-check';
import { ListedCheckMode } from '../eligibility/check-mode';
import { FailPolicy } from '../eligibility/fail-policy';
import { ResolvedStatus } from '../answers/status-resolution';
import { ResolvedRelationship } from '../answers/relationship-resolution';
import type { ResolvedPartnerOfRecord } from '../answers/partner-of-record-resolution';

/** A check of one order line, carrying the answer it was judged on with what guidance needs. */
export type LineCheck = EligibilityCheck<{
  agreement: ResolvedStatus;
  relationship: ResolvedRelationship;
  partnerOfRecord: ResolvedPartnerOfRecord;
}>;
export type AgreementLineCheck = Extract<LineCheck, { kind: 'agreement' }>;
export type RelationshipLineCheck = Extract<LineCheck, { kind: 'relationship' }>;
export type PartnerOfRecordLineCheck = Extract<LineCheck, { kind: 'partnerOfRecord' }>;

/** The agreement check, judged on the answer Partner Center's reply became. */
export function agreementCheck(resolved: ResolvedStatus, mode: ListedCheckMode, policy: FailPolicy): AgreementLineCheck {
  const status = resolved.value;
  const judgement = judgeAgreement(
    {
      signed: status.__typename === 'MpaSigned',
      unavailableReason: status.__typename === 'MpaPartnerCenterUnavailable' ? status.reason : null,
      retryable: resolved.retryable,
    },
    mode,
    policy,
  );
  return { kind: 'agreement', answer: resolved, ...judgement };
}

/** The relationship check, judged on what the region's reseller list says. */
export function relationshipCheck(resolved: ResolvedRelationship, mode: ListedCheckMode, policy: FailPolicy): RelationshipLineCheck {
  const value = resolved.value;
  const unknown = value.__typename === 'MpaRelationshipUnknown';
  const judgement = judgeRelationship(
    {
      active: resolved.active,
      unknown,
      listUnavailable: resolved.directoryUnavailable,
      lastRefreshFailure: value.__typename === 'MpaRelationshipUnknown' ? value.lastRefreshFailure : null,
    },
    mode,
    policy,
  );
  return { kind: 'relationship', answer: resolved, ...judgement };
}

/**
 * The partner-of-record check, judged on Microsoft's verdict. Only a verdict Partner Center
 * could not give carries a reason for the fail policy; a tenant whose partner ID could not be
 * read from the reseller list carries none, so it is never let through unasked.
 */
export function partnerOfRecordCheck(
  resolved: ResolvedPartnerOfRecord,
  mode: ListedCheckMode,
  policy: FailPolicy,
): PartnerOfRecordLineCheck {
  const verdict = resolved.value;
  const judgement = judgePartnerOfRecord(
    {
      positive: resolved.positive,
      couldNotCheck: resolved.couldNotCheck,
      retryable: resolved.retryable,
      unavailableReason: resolved.unavailable && verdict.__typename === 'MpaPartnerOfRecordUnavailable' ? verdict.reason : null,
      budgetExceeded: resolved.budgetExceeded,
    },
    mode,
    policy,
  );
  return { kind: 'partnerOfRecord', answer: resolved, ...judgement };
}
