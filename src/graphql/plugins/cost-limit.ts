import { ApolloServerPlugin } from '@apollo/server';
import { DocumentNode, GraphQLError, GraphQLSchema, OperationDefinitionNode, getVariableValues } from 'graphql';
import { ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { LRUCache } from 'lru-cache';
import { GatewayErrorCode } from '../../errors/gateway-error-code';

export interface CostLimitOptions {
  /** Required. Cost allowed: one per field, times the length of any list argument (`http.maxCost`). */
  readonly maxCost: number;
  /** Default `10_000`. Fields one operation may expand to once fragments are spread. */
  readonly maxNodes?: number;
  /** Default `1_048_576`. Bytes of keys the cost memo keeps (its values are numbers). */
  readonly memoBytes?: number;
}

/** A field with list arguments costs its children times the longest list: 10,000 IDs weigh 10,000. */
const listArgumentEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const lengths = Object.values(args ?? {}).map((value) => (Array.isArray(value) ? value.length : 0));
  const longest = Math.max(0, ...lengths);
  return longest > 0 ? longest * Math.max(1, childComplexity) : undefined;
};

/**
 * Only list lengths and booleans (`@include`, `@skip`) can change a cost, so the memo key
 * keeps those and drops every other value: 100 fresh IDs reuse the cost of 100 others.
 */
const costShape = (_name: string, value: unknown) =>
  Array.isArray(value) ? `[${value.length}]` : typeof value === 'string' || typeof value === 'number' ? 0 : value;

/** Longest variables' shape kept in the memo; a longer one is costed every time. */
const MAX_SHAPE_CHARS = 1_024;

const tooCostly = (message: string, extensions: Record<string, unknown>) =>
  new GraphQLError(message, { extensions: { code: GatewayErrorCode.OPERATION_TOO_COSTLY, http: { status: 400 }, ...extensions } });

/** What the cost of one request is computed from. */
export interface CostQuestion {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  /** Apollo's hash of the query text: the memo's key. */
  readonly queryHash: string;
  readonly operationName: string | null | undefined;
  readonly variables: Record<string, unknown> | null | undefined;
}

export interface CostLimit {
  /** Refuses, in Apollo's pipeline, an operation over the limit (400 `OPERATION_TOO_COSTLY`). */
  readonly plugin: ApolloServerPlugin;
  /**
   * Whether the operation is within the limit. False when it is not, when its variables
   * cannot be coerced, or when it expands to too many fields: Apollo's pipeline answers those.
   */
  allows(question: CostQuestion): boolean;
}

/**
 * Refuses an operation that costs more than `maxCost`, before anything runs (400
 * `OPERATION_TOO_COSTLY`). The cost is computed on the variables as the operation will see
 * them: variables that cannot be coerced are left to Apollo, which answers 400
 * `BAD_USER_INPUT` before any resolver runs, the same whether or not this text was costed
 * before. A form sends the same operation over and over, so costs are memoised per query
 * hash, operation and variables' shape, in a memo bounded in bytes.
 */
export function createCostLimit(options: CostLimitOptions): CostLimit {
  const maxNodes = options.maxNodes ?? 10_000;
  const costs = new LRUCache<string, number>({
    maxSize: options.memoBytes ?? 1_048_576,
    sizeCalculation: (_cost, key) => key.length * 2 + 16,
  });
  /** The operation's cost; undefined when its variables cannot be coerced. Throws when it expands too far. */
  const costOf = ({ schema, document, operation, queryHash, operationName, variables }: CostQuestion): number | undefined => {
    const shape = JSON.stringify(variables ?? {}, costShape);
    const key = shape.length <= MAX_SHAPE_CHARS ? `${queryHash}\u0000${operationName ?? ''}\u0000${shape}` : undefined;
    let cost = key === undefined ? undefined : costs.get(key);
    if (cost !== undefined) return cost;
    const coercion = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 1 });
    if (coercion.errors) return undefined; // Apollo answers them, 400 BAD_USER_INPUT, before executing.
    try {
      cost = getComplexity({
        schema,
        query: document,
        variables: variables ?? {},
        operationName: operationName ?? undefined,
        estimators: [listArgumentEstimator, simpleEstimator({ defaultComplexity: 1 })],
        maxQueryNodes: maxNodes,
      });
    } catch (error) {
      if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) {
        throw tooCostly(`This operation expands to more than ${maxNodes} fields once its fragments are spread. Ask for fewer at once.`, {
          maxNodes,
        });
      }
      throw error;
    }
    if (key !== undefined) costs.set(key, cost);
    return cost;
  };
  return {
    plugin: {
      async requestDidStart() {
        return {
          async didResolveOperation({ request, document, schema, operation, queryHash }) {
            if (!operation) return; // Apollo answers OPERATION_RESOLUTION_FAILURE itself.
            const cost = costOf({
              schema,
              document,
              operation,
              queryHash,
              operationName: request.operationName,
              variables: request.variables,
            });
            if (cost !== undefined && cost > options.maxCost) {
              throw tooCostly(
                `This operation costs ${cost}, more than the ${options.maxCost} allowed. Ask for fewer resellers or fields at once.`,
                {
                  cost,
                  maxCost: options.maxCost,
                },
              );
            }
          },
        };
      },
    },
    allows(question) {
      try {
        const cost = costOf(question);
        return cost !== undefined && cost <= options.maxCost;
      } catch {
        return false;
      }
    },
  };
}
