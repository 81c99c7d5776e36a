import { AgreementOutcome, assertNever } from '../partner-center/outcome/outcome';
import { FAILURE_REASONS } from '../partner-center/outcome/outcome-kinds';
import { DirectoryFailureReason, RefreshFailure } from './directory-store';

/** Why a listing that did not end with every page failed, in the words the schema uses. */
function reasonOf(outcome: AgreementOutcome): DirectoryFailureReason {
  const kind = outcome.kind;
  switch (kind) {
    case 'throttled':
      return 'THROTTLED';
    case 'credentialsRejected':
      return 'CREDENTIALS_REJECTED';
    case 'deadlineExceeded':
      return 'DEADLINE_EXCEEDED';
    case 'upstreamFailure': {
      const reason = FAILURE_REASONS[outcome.reason];
      // The listing has no circuit of its own, and no budget: neither reason can come from it.
      return reason === 'CIRCUIT_OPEN' || reason === 'BUDGET_EXCEEDED' ? 'SERVER_ERROR' : reason;
    }
    case 'unrecognized':
      return 'UNRECOGNIZED_ANSWER';
    case 'signed':
    case 'notSigned':
    case 'regionMismatch':
    case 'mpnIdNotRecognized':
    case 'notIndirectReseller':
    case 'tenantNotFound':
    case 'tenantNotSigned':
    case 'invalidMpnId':
    case 'invalidTenantId':
    case 'bothIdentifiers':
    case 'missingIdentifier':
    case 'budgetExceeded':
      // Reseller answers belong to agreementstatus; the listing's table never produces them.
      return 'UNRECOGNIZED_ANSWER';
    default:
      return assertNever(kind);
  }
}

/** A failed refresh, from the outcome that stopped the listing. */
export function refreshFailureOf(outcome: AgreementOutcome, at = Date.now()): RefreshFailure {
  return { at, reason: reasonOf(outcome), httpStatus: outcome.origin === 'partnerCenter' ? (outcome.httpStatus ?? null) : null };
}
