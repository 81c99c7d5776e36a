import { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, ValidationRule } from 'graphql';
import { LRUCache } from 'lru-cache';
import { ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

export interface OperationLimitsOptions {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxTokens: number;
  readonly maxCost: number;
  /** Field suggestions ("did you mean …") help in sandbox mode; elsewhere they reveal the schema. */
  readonly suggestFields: boolean;
}

/** A field with list arguments costs its children times the longest list: 10,000 IDs weigh 10,000. */
const listArgumentEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const lengths = Object.values(args ?? {}).map((value) => (Array.isArray(value) ? value.length : 0));
  const longest = Math.max(0, ...lengths);
  return longest > 0 ? longest * Math.max(1, childComplexity) : undefined;
};

/** Depth, aliases, tokens and directives (graphql-armor), and a cost limit weighted by list length. */
export function createOperationLimits(options: OperationLimitsOptions): {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
} {
  const armor = new ApolloArmor({
    maxDepth: { n: options.maxDepth },
    maxAliases: { n: options.maxAliases },
    maxTokens: { n: options.maxTokens },
    maxDirectives: { n: 10 },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: !options.suggestFields },
  }).protect();

  // A form sends the same operation over and over: its cost is computed once per text and
  // variables' shape. Only list lengths and booleans (@include, @skip) can change a cost, so
  // the key keeps those and drops every other value: 100 fresh IDs reuse the cost of 100 others.
  const costs = new LRUCache<string, number>({ max: 2_000 });
  const costShape = (_name: string, value: unknown) =>
    Array.isArray(value) ? `[${value.length}]` : typeof value === 'string' || typeof value === 'number' ? 0 : value;
  const costLimit: ApolloServerPlugin = {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const key = request.query === undefined ? undefined : `${request.operationName ?? ''}\u0000${request.query}\u0000${JSON.stringify(request.variables ?? {}, costShape)}`;
          let cost = key === undefined ? undefined : costs.get(key);
          if (cost === undefined) {
            cost = getComplexity({
              schema,
              query: document,
              variables: request.variables ?? {},
              operationName: request.operationName ?? undefined,
              estimators: [listArgumentEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
            if (key !== undefined && key.length < 100_000) costs.set(key, cost);
          }
          if (cost > options.maxCost) {
            throw new GraphQLError(`This operation costs ${cost}, more than the ${options.maxCost} allowed. Ask for fewer resellers or fields at once.`, {
              extensions: { code: 'OPERATION_TOO_COSTLY', cost, maxCost: options.maxCost, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
  return { plugins: [...armor.plugins, costLimit], validationRules: armor.validationRules };
}
