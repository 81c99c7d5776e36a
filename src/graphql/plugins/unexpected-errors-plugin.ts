import { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLFormattedError } from 'graphql';
import { Logger } from 'pino';
import { GatewayErrorCode } from '../../errors/gateway-error-code';
import { GatewayContext } from '../gateway-context';

const isUnexpected = (code: unknown) => code === undefined || code === GatewayErrorCode.INTERNAL_SERVER_ERROR;

/** Logs unexpected errors with the request id, and marks them with it for the response. */
export function createUnexpectedErrorsPlugin(logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          for (const error of errors) {
            if (!isUnexpected(error.extensions?.code)) continue;
            logger.error(
              { err: unwrapResolverError(error), requestId: contextValue.requestId, path: error.path },
              'unexpected error in an operation',
            );
            (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
          }
        },
      };
    },
  };
}

/** Apollo's `formatError`: anything unexpected is masked with a stable code; the request id leads to the log line. */
export function maskUnexpectedErrors(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!isUnexpected(formatted.extensions?.code)) return formatted;
  return {
    message: 'Unexpected error. Quote the requestId to support.',
    path: formatted.path,
    extensions: { code: GatewayErrorCode.INTERNAL_SERVER_ERROR, requestId: formatted.extensions?.requestId ?? null },
  };
}
