import { PartnerOfRecordAnswer } from '../../answers/partner-of-record-answer';
import { MpaPartnerOfRecordValue } from './partner-of-record.type';

/**
 * A partner-of-record answer as the schema's MpaPartnerOfRecord member. Handed on as it is: each
 * plain answer has its member's `__typename` and exactly its fields, and the schema's enums name
 * the domain's reasons one for one, which the compiler checks here.
 */
export function mpaPartnerOfRecordOf(answer: PartnerOfRecordAnswer): MpaPartnerOfRecordValue {
  return answer;
}
