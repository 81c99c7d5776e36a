import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { GatewayContext } from '../gateway-context';
import { MpaAgreementCheck, MpaRelationshipCheck } from './eligibility-check.type';
import { MpaGuidance } from './mpa-guidance.type';
import { MpaGuidanceValue, agreementGuidance, relationshipGuidance } from './guidance.factory';

@Resolver(() => MpaAgreementCheck)
export class AgreementCheckResolver {
  @FieldResolver(() => MpaGuidance, { nullable: true })
  guidance(@Root() check: MpaAgreementCheck, @Ctx() context: GatewayContext): Promise<MpaGuidanceValue | null> {
    return agreementGuidance(check.judged, context);
  }
}

@Resolver(() => MpaRelationshipCheck)
export class RelationshipCheckResolver {
  @FieldResolver(() => MpaGuidance, { nullable: true })
  guidance(@Root() check: MpaRelationshipCheck): MpaGuidanceValue | null {
    return relationshipGuidance(check.judged);
  }
}
