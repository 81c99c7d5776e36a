import { ApolloServerPlugin } from '@apollo/server';
import {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLError,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import { GatewayErrorCode } from '../../errors/gateway-error-code';
import { ClientScope, scopesKey } from '../../client-access/client-scope';
import { FIELD_SCOPES } from '../authorization/field-scopes';
import { GatewayContext } from '../gateway-context';

export interface ClientScopesPluginOptions {
  /** Required. The schema the field list is checked against once, at construction. */
  readonly schema: GraphQLSchema;
  /** Default `FIELD_SCOPES`. The scopes each `Type.field` needs (any one of them). */
  readonly fieldScopes?: ReadonlyMap<string, readonly ClientScope[]>;
  /** Default `10_000`. Verdicts remembered per query, operation and set of scopes, so a repeated query is not walked again. */
  readonly memoEntries?: number;
}

/** A field the operation selects that the client may not read, with the scopes that would allow it. */
interface Refusal {
  readonly field: string;
  readonly anyOf: readonly ClientScope[];
}

/** The operation and the fragments it spreads, however deep: nothing else in the document runs. */
function executedDefinitions(
  document: DocumentNode,
  operation: OperationDefinitionNode,
): Array<OperationDefinitionNode | FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const reached: Array<OperationDefinitionNode | FragmentDefinitionNode> = [operation];
  const seen = new Set<string>();
  for (let index = 0; index < reached.length; index += 1) {
    visit(reached[index], {
      FragmentSpread(node) {
        const name = node.name.value;
        const fragment = fragments.get(name);
        if (fragment && !seen.has(name)) {
          seen.add(name);
          reached.push(fragment);
        }
      },
    });
  }
  return reached;
}

/**
 * Refuses, in Apollo's pipeline once the operation is known and before anything runs, an
 * operation that selects a field its client has no scope for: 403 `FORBIDDEN`, naming the
 * missing scope and the field. Fields are found through aliases, inline and named fragments
 * and interfaces; `@skip`/`@include` are not read, so a field under them still needs its scope.
 * The client comes from the operation's context (`context.client`), set from the request's
 * credentials.
 */
export function createClientScopesPlugin(options: ClientScopesPluginOptions): ApolloServerPlugin<GatewayContext> {
  const fieldScopes = options.fieldScopes ?? FIELD_SCOPES;
  for (const name of fieldScopes.keys()) {
    const [typeName, fieldName] = name.split('.');
    const type = options.schema.getType(typeName);
    if (!type || !('getFields' in type) || !(fieldName in type.getFields())) {
      throw new Error(`client scopes: the schema has no field ${name}; update the scope list`);
    }
  }

  function refusals(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    granted: ReadonlySet<ClientScope>,
  ): Refusal[] {
    const found = new Map<string, Refusal>();
    const typeInfo = new TypeInfo(schema);
    for (const definition of executedDefinitions(document, operation)) {
      visit(
        definition,
        visitWithTypeInfo(typeInfo, {
          Field(node) {
            const parent = typeInfo.getParentType();
            if (!parent) return;
            const field = `${parent.name}.${node.name.value}`;
            const anyOf = fieldScopes.get(field);
            if (anyOf && !anyOf.some((scope) => granted.has(scope)) && !found.has(field)) found.set(field, { field, anyOf });
          },
        }),
      );
    }
    return [...found.values()];
  }

  const memo = new LRUCache<string, Refusal[]>({ max: options.memoEntries ?? 10_000 });

  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation, operationName, queryHash, schema }) {
          if (!operation) return;
          const granted = contextValue.client.scopes;
          const key = `${queryHash}\u0000${operationName ?? ''}\u0000${scopesKey(granted)}`;
          let refused = memo.get(key);
          if (!refused) {
            refused = refusals(schema, document, operation, granted);
            memo.set(key, refused);
          }
          if (refused.length === 0) return;
          const missing = [...new Set(refused.map((refusal) => refusal.anyOf.join(' or ')))];
          const fields = refused.map((refusal) => refusal.field);
          throw new GraphQLError(
            `This client lacks the scope ${missing.map((scope) => `"${scope}"`).join(' and ')} needed for ${fields.join(', ')}. Ask the gateway's operator to grant it, or leave these fields out.`,
            { extensions: { code: GatewayErrorCode.FORBIDDEN, http: { status: 403 }, missingScopes: missing, fields } },
          );
        },
      };
    },
  };
}
