import { RelationshipAnswer } from '../../answers/relationship-answer';
import { MpaRelationshipValue } from './relationship.type';

/**
 * A relationship answer as the schema's MpaRelationship member. Handed on as it is: each plain
 * answer has its member's `__typename` and exactly its fields, and the schema's enums name the
 * domain's reasons one for one, which the compiler checks here.
 */
export function mpaRelationshipOf(answer: RelationshipAnswer): MpaRelationshipValue {
  return answer;
}
