import { FieldResolver, Resolver, Root } from 'type-graphql';
import { MessageText, renderMessage } from '../guidance/message-text';
import { MpaStatusOutcome } from './mpa-status/mpa-status.type';
import { MpaPartnerOfRecordOutcome } from './partner-of-record/partner-of-record.type';
import { MpaRelationshipOutcome } from './relationship/relationship.type';

// Each answer carries its message as a MessageText; the sentence is rendered only for a query
// that selects `message`. The interface's resolver serves every member that implements it.

/** `message` of every MpaStatus member. */
@Resolver(() => MpaStatusOutcome)
export class StatusMessageResolver {
  @FieldResolver(() => String)
  message(@Root() value: { readonly text: MessageText }): string {
    return renderMessage(value.text);
  }
}

/** `message` of every MpaRelationship member. */
@Resolver(() => MpaRelationshipOutcome)
export class RelationshipMessageResolver {
  @FieldResolver(() => String)
  message(@Root() value: { readonly text: MessageText }): string {
    return renderMessage(value.text);
  }
}

/** `message` of every MpaPartnerOfRecord member. */
@Resolver(() => MpaPartnerOfRecordOutcome)
export class PartnerOfRecordMessageResolver {
  @FieldResolver(() => String)
  message(@Root() value: { readonly text: MessageText }): string {
    return renderMessage(value.text);
  }
}
