import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { GatewayContext } from '../gateway-context';
import { MpaAgreementCheck, MpaRelationshipCheck } from './eligibility-check.type';
import { MpaGuidance } from './mpa-guidance.type';
import { CheckGuidance, partnerOfRecordGuidance, relationshipGuidance } from '../../guidance/check-guidance';
import { agreementGuidanceIn } from '../../operation/agreement-guidance';
import { MpaPartnerOfRecordCheck } from './partner-of-record-check.type';

@Resolver(() => MpaAgreementCheck)
export class AgreementCheckResolver {
  @FieldResolver(() => MpaGuidance, { nullable: true })
  guidance(@Root() check: MpaAgreementCheck, @Ctx() context: GatewayContext): Promise<CheckGuidance | null> {
    return agreementGuidanceIn(check.judged, context);
  }
}

@Resolver(() => MpaRelationshipCheck)
export class RelationshipCheckResolver {
  @FieldResolver(() => MpaGuidance, { nullable: true })
  guidance(@Root() check: MpaRelationshipCheck): CheckGuidance | null {
    return relationshipGuidance(check.judged);
  }
}

@Resolver(() => MpaPartnerOfRecordCheck)
export class PartnerOfRecordCheckResolver {
  @FieldResolver(() => MpaGuidance, { nullable: true })
  guidance(@Root() check: MpaPartnerOfRecordCheck): CheckGuidance | null {
    return partnerOfRecordGuidance(check.judged);
  }
}
