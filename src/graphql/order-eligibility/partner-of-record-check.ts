import { ListedCheckMode } from '../../eligibility/check-mode';
import { judgePartnerOfRecord } from '../../eligibility/eligibility-check';
import { FailPolicy } from '../../eligibility/fail-policy';
import { PartnerOfRecordLineCheck, reasonName } from './eligibility-checks';
import { ResolvedPartnerOfRecord } from '../partner-of-record/partner-of-record.factory';

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
      unavailableReason: resolved.unavailable && verdict.__typename === 'MpaPartnerOfRecordUnavailable' ? reasonName(verdict.reason) : null,
      budgetExceeded: resolved.budgetExceeded,
    },
    mode,
    policy,
  );
  return { kind: 'partnerOfRecord', answer: resolved, ...judgement };
}
