import { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { GatewayErrorCode } from '../../errors/gateway-error-code';

/** What graphql-js says when a validation rule gives up on a document it finds too costly to check. */
const VALIDATION_ABORTED = 'Validation aborted.';

const TOO_DEEP_TO_PARSE = 'The query text nests lists or objects too deeply to be read. Pass such values as variables.';
const TOO_COMPLEX_TO_VALIDATE =
  'The query is too complex to validate: it repeats the same fields or fragments too often. Ask for each field once.';

/** Whether an error was caused, at any remove, by the engine running out of stack. */
function causedByStackOverflow(error: GraphQLError): boolean {
  for (let cause: unknown = error.originalError; cause; cause = (cause as { originalError?: unknown }).originalError) {
    if (cause instanceof RangeError) return true;
  }
  return false;
}

/**
 * Two refusals graphql-js words for its own authors rather than for a client: a query text
 * whose literals nest thousands deep makes the parser run out of stack ("Maximum call stack
 * size exceeded"), and a document repeating a field thousands of times makes validation stop
 * ("Validation aborted."). Both keep their code and status (400 `GRAPHQL_PARSE_FAILED`,
 * `GRAPHQL_VALIDATION_FAILED`) and get a sentence saying what is wrong.
 */
export function createEngineLimitWordingPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const code = error.extensions.code;
            if (code === GatewayErrorCode.GRAPHQL_PARSE_FAILED && causedByStackOverflow(error)) error.message = TOO_DEEP_TO_PARSE;
            else if (code === GatewayErrorCode.GRAPHQL_VALIDATION_FAILED && error.message === VALIDATION_ABORTED) {
              error.message = TOO_COMPLEX_TO_VALIDATE;
            }
          }
        },
      };
    },
  };
}
