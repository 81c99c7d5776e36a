import { ApolloArmor } from '@escape.tech/graphql-armor';
import { ValidationRule } from 'graphql';
import { KnownOperationTypesRule } from './known-operation-types.rule';

export interface OperationShapeOptions {
  /** Required. Deepest selection allowed (`http.maxDepth`). */
  readonly maxDepth: number;
  /** Required. Aliases allowed in one operation (`http.maxAliases`). */
  readonly maxAliases: number;
  /** Default `10`. Directives allowed in one operation. */
  readonly maxDirectives?: number;
}

/**
 * Validation rules on the operation's shape: depth, aliases and directives (graphql-armor),
 * and operation types the schema serves. A breach is a validation error, answered 400
 * `GRAPHQL_VALIDATION_FAILED`. The token limit is Apollo's own `parseOptions.maxTokens`
 * (a parse error, 400), and suggestions are Apollo's `hideSchemaDetailsFromClientErrors`:
 * graphql-armor's plugins for those two throw where Apollo answers 500.
 */
export function createOperationShapeRules(options: OperationShapeOptions): ValidationRule[] {
  const armor = new ApolloArmor({
    maxDepth: { n: options.maxDepth },
    maxAliases: { n: options.maxAliases },
    maxDirectives: { n: options.maxDirectives ?? 10 },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return [...armor.validationRules, KnownOperationTypesRule];
}
