import { GraphQLResolveInfo } from 'graphql';
import { DecisionVia } from '../../observability/decision-log';

/** Which operation and field asked, for the decision record. */
export const decidedVia = (info: GraphQLResolveInfo): DecisionVia => ({
  operation: info.operation.name?.value ?? null,
  field:
    info.parentType.name === 'Query' || info.parentType.name === 'Mutation' ? info.fieldName : `${info.parentType.name}.${info.fieldName}`,
});
