import { EligibilityCheck, judgeAgreement, judgeRelationship } from '../../eligibility/eligibility-check';
import { ListedCheckMode } from '../../eligibility/check-mode';
import { FailPolicy } from '../../eligibility/fail-policy';
import { StatusUnavailableReasonName } from '../../partner-center/outcome/outcome-kinds';
import { DirectoryFailureReason } from '../../relationship-directory/directory-store';
import { ResolvedStatus } from '../mpa-status/mpa-status.factory';
import { MpaUnavailableReason } from '../mpa-status/mpa-status.enums';
import { MpaDirectoryFailureReason } from '../relationship/relationship.enums';
import { ResolvedRelationship } from '../relationship/relationship.factory';
import type { ResolvedPartnerOfRecord } from '../partner-of-record/partner-of-record.factory';

/** A check of one order line, carrying the answer it was judged on with what guidance needs. */
export type LineCheck = EligibilityCheck<{
  agreement: ResolvedStatus;
  relationship: ResolvedRelationship;
  partnerOfRecord: ResolvedPartnerOfRecord;
}>;
export type AgreementLineCheck = Extract<LineCheck, { kind: 'agreement' }>;
export type RelationshipLineCheck = Extract<LineCheck, { kind: 'relationship' }>;
export type PartnerOfRecordLineCheck = Extract<LineCheck, { kind: 'partnerOfRecord' }>;

/** The schema's enum values are the domain's reason names, one for one. */
export const reasonName = (reason: MpaUnavailableReason): StatusUnavailableReasonName => reason as StatusUnavailableReasonName;
const failureName = (reason: MpaDirectoryFailureReason | null): DirectoryFailureReason | null => reason as DirectoryFailureReason | null;

/** The agreement check, judged on the MpaStatus member Partner Center's answer became. */
export function agreementCheck(resolved: ResolvedStatus, mode: ListedCheckMode, policy: FailPolicy): AgreementLineCheck {
  const status = resolved.value;
  const judgement = judgeAgreement(
    {
      signed: status.__typename === 'MpaSigned',
      unavailableReason: status.__typename === 'MpaPartnerCenterUnavailable' ? reasonName(status.reason) : null,
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
      lastRefreshFailure: value.__typename === 'MpaRelationshipUnknown' ? failureName(value.lastRefreshFailure) : null,
    },
    mode,
    policy,
  );
  return { kind: 'relationship', answer: resolved, ...judgement };
}
