import { CspRegion } from '../partner-center/csp-region';
import { OutcomeKind } from '../partner-center/outcome/outcome';
import { ResellerIdentifier } from '../partner-center/reseller-identifier';
import { CheckOptions, CheckedStatus, StatusChecker } from '../partner-center/status-checker';
import { Deadline } from '../time/deadline';

/** What the gateway answers when time ran out: about one question's deadline, never about the reseller. */
const OUT_OF_TIME: ReadonlySet<OutcomeKind> = new Set<OutcomeKind>(['deadlineExceeded', 'notAsked']);

/**
 * Asks the checker for one operation, which keeps its own deadline. A question shared with
 * others (single-flight in this replica, or another replica's through Redis) may end with the
 * "out of time" the gateway made for a caller whose deadline came sooner; an operation whose
 * own deadline has not come does not take that as its answer and asks again, once. Only
 * Partner Center's answers are shared.
 */
export async function checkWithinOwnDeadline(
  checker: StatusChecker,
  identifier: ResellerIdentifier,
  region: CspRegion,
  options: CheckOptions & { readonly deadline: Deadline },
): Promise<CheckedStatus> {
  const checked = await checker.check(identifier, region, options);
  if (!OUT_OF_TIME.has(checked.outcome.kind) || options.deadline.remaining() <= 0) return checked;
  return checker.check(identifier, region, options);
}
