import { StatusAnswer } from '../../answers/status-answer';
import { MpaStatusValue } from './mpa-status.type';

/**
 * An agreement answer as the schema's MpaStatus member. Handed on as it is: each plain answer has
 * its member's `__typename` and exactly its fields, and the schema's enums name the domain's
 * reasons one for one, which the compiler checks here; nothing is copied on the per-request path.
 */
export function mpaStatusOf(answer: StatusAnswer): MpaStatusValue {
  return answer;
}
