import { GraphQLError, ValidationRule } from 'graphql';

/**
 * Refuses an operation whose type the schema has no root for (a `subscription` here), as a
 * validation error (400). graphql 16 only notices at execution, where the error carries no
 * code and reads as an unexpected one; graphql 17 adds this same rule to the specified set.
 */
export const KnownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (context.getSchema().getRootType(node.operation)) return;
    context.reportError(new GraphQLError(`This gateway does not serve ${node.operation} operations.`, { nodes: node }));
  },
});
