import { AgreementOutcome } from '../partner-center/outcome/outcome';
import { FAILURE_REASONS } from '../partner-center/outcome/outcome-kinds';
import { DirectoryFailureReason, RefreshFailure } from './directory-store';

/**
 * Why a listing that did not end with every page failed, in the words the schema uses. The
 * listing's table produces transport, credential and throttling kinds only; anything else
 * (reseller answers belong to agreementstatus) counts as an answer not understood.
 */
function reasonOf(outcome: AgreementOutcome): DirectoryFailureReason {
  if (outcome.kind === 'throttled') return 'THROTTLED';
  if (outcome.kind === 'credentialsRejected') return 'CREDENTIALS_REJECTED';
  if (outcome.kind === 'deadlineExceeded') return 'DEADLINE_EXCEEDED';
  if (outcome.kind === 'upstreamFailure') {
    const reason = FAILURE_REASONS[outcome.reason];
    // The listing has no circuit of its own, and no budget: neither reason can come from it.
    return reason === 'CIRCUIT_OPEN' || reason === 'BUDGET_EXCEEDED' || reason === 'CLIENT_BUDGET_EXCEEDED' ? 'SERVER_ERROR' : reason;
  }
  return 'UNRECOGNIZED_ANSWER';
}

/** A failed refresh, from the outcome that stopped the listing. */
export function refreshFailureOf(outcome: AgreementOutcome, at = Date.now()): RefreshFailure {
  return { at, reason: reasonOf(outcome), httpStatus: outcome.origin === 'partnerCenter' ? (outcome.httpStatus ?? null) : null };
}
