import { CheckGuidance, agreementGuidance } from '../guidance/check-guidance';
import { AgreementLineCheck } from './line-checks';
import { OperationContext } from './operation-context';
import { findResellerRegion } from './status-lookup';

/**
 * The agreement check's guidance in an operation: for an MPN ID answered "another region", the
 * reseller's own region is first looked up in the operation (asked only when guidance is shown).
 */
export async function agreementGuidanceIn(check: AgreementLineCheck, context: OperationContext): Promise<CheckGuidance | null> {
  if (check.passed && check.verified) return null;
  const { guidanceKey, subject } = check.answer;
  const lookup =
    guidanceKey === 'regionMismatch' && subject.identifier
      ? await findResellerRegion(subject.identifier, subject.region, context)
      : undefined;
  return agreementGuidance(check, lookup?.state === 'found' ? lookup.region : undefined);
}
