import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { GatewayContext } from '../gateway-context';
import { MpaAgreementCheck, MpaRelationshipCheck } from './eligibility-check.type';
import { MpaGuidance } from './mpa-guidance.type';
import { MpaGuidanceValue, agreementGuidance, relationshipGuidance } from './guidance.factory';
import { MpaPartnerOfRecordCheck } from './partner-of-record-check.type';
import { partnerOfRecordGuidance } from './partner-of-record-guidance';

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

@Resolver(() => MpaPartnerOfRecordCheck)
export class PartnerOfRecordCheckResolver {
  @FieldResolver(() => MpaGuidance, { nullable: true })
  guidance(@Root() check: MpaPartnerOfRecordCheck): MpaGuidanceValue | null {
    return partnerOfRecordGuidance(check.judged);
  }
}
