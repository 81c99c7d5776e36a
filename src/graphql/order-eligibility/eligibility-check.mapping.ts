import { ListedCheckMode } from '../../eligibility/check-mode';
import { assertNever } from '../../partner-center/outcome/outcome';
import { EligibilityCheckValue, MpaCheckMode } from './eligibility-check.type';
import { LineCheck } from '../../operation/line-checks';
import { mpaStatusOf } from '../mpa-status/mpa-status.mapping';
import { mpaRelationshipOf } from '../relationship/relationship.mapping';
import { mpaPartnerOfRecordOf } from '../partner-of-record/partner-of-record.mapping';

/** A listed check's mode as the schema names it. */
export function checkModeOf(mode: ListedCheckMode): MpaCheckMode {
  switch (mode) {
    case 'enforce':
      return MpaCheckMode.ENFORCED;
    case 'reportOnly':
      return MpaCheckMode.REPORT_ONLY;
    default:
      return assertNever(mode);
  }
}

/** A judged check as the schema's MpaEligibilityCheck member; its guidance is rendered when a field asks for it. */
export function checkValueOf(check: LineCheck): EligibilityCheckValue {
  const common = {
    mode: checkModeOf(check.mode),
    passed: check.passed,
    verified: check.verified,
    blocksSubmit: check.blocksSubmit,
    retryable: check.retryable,
  };
  switch (check.kind) {
    case 'agreement':
      return { __typename: 'MpaAgreementCheck', status: mpaStatusOf(check.answer.value), judged: check, ...common };
    case 'relationship':
      return { __typename: 'MpaRelationshipCheck', relationship: mpaRelationshipOf(check.answer.value), judged: check, ...common };
    case 'partnerOfRecord':
      return { __typename: 'MpaPartnerOfRecordCheck', partnerOfRecord: mpaPartnerOfRecordOf(check.answer.value), judged: check, ...common };
    default:
      return assertNever(check);
  }
}
