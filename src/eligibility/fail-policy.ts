import { assertNever } from '../partner-center/outcome/outcome';
import { StatusUnavailableReasonName } from '../partner-center/outcome/outcome-kinds';
import { DirectoryFailureReason } from '../relationship-directory/directory-store';

/** Every fail policy, as configuration names it. */
export const FAIL_POLICIES = ['closed', 'open'] as const;

/** When Partner Center cannot answer: block Submit (`closed`) or allow it, marked unverified (`open`). */
export type FailPolicyName = (typeof FAIL_POLICIES)[number];

/** The deployment's fail policy, as the checks read it. */
export interface FailPolicy {
  /** Default `'closed'`. When Partner Center cannot answer: block Submit, or allow it unverified. */
  readonly failPolicy: FailPolicyName;
  /** Default `false`. Whether `failPolicy: open` also lets orders through while Partner Center refuses our own credentials. */
  readonly failOpenOnCredentialsRejected: boolean;
}

/**
 * The fail-open allow-list, for every check whose question went to Partner Center: whether an
 * answer Partner Center could not give, for this reason, may let an order through under
 * `failPolicy: open`. Only when Partner Center could not answer (its calls failed or timed
 * out, 429, 5xx, 408, an unreadable 2xx or 5xx body, or the circuit those opened). Never for
 * the gateway's own shortfall (a question never sent, a call cut short by the operation's
 * deadline, too many questions), and never when the gateway's own credentials were refused
 * unless configured: an expired refresh token must not switch the check off silently.
 */
export function failOpenAllows(reason: StatusUnavailableReasonName, policy: FailPolicy): boolean {
  if (policy.failPolicy !== 'open') return false;
  switch (reason) {
    case 'THROTTLED':
    case 'TIMEOUT':
    case 'SERVER_ERROR':
    case 'NETWORK_ERROR':
    case 'MALFORMED_RESPONSE':
    case 'CIRCUIT_OPEN':
      return true;
    case 'CREDENTIALS_REJECTED':
      return policy.failOpenOnCredentialsRejected;
    case 'DEADLINE_EXCEEDED':
    case 'BUDGET_EXCEEDED':
    case 'CLIENT_BUDGET_EXCEEDED':
    case 'NOT_ASKED':
      return false;
    default:
      return assertNever(reason);
  }
}

/**
 * Whether fail-open may let a relationship answer through when the region's reseller list
 * could not be had for this reason: the same reasons as for a question to Partner Center, and
 * the same rule for our own rejected credentials. Not when the refresh ran out of its own time,
 * and not when Partner Center answered with something unknown (an HTML 404 from a wrong base
 * URL): a definite answer, not an outage.
 */
export function failOpenAllowsList(reason: DirectoryFailureReason, policy: FailPolicy): boolean {
  if (policy.failPolicy !== 'open') return false;
  switch (reason) {
    case 'THROTTLED':
    case 'TIMEOUT':
    case 'SERVER_ERROR':
    case 'NETWORK_ERROR':
    case 'MALFORMED_RESPONSE':
      return true;
    case 'CREDENTIALS_REJECTED':
      return policy.failOpenOnCredentialsRejected;
    case 'DEADLINE_EXCEEDED':
    case 'UNRECOGNIZED_ANSWER':
      return false;
    default:
      return assertNever(reason);
  }
}
