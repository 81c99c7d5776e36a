import { ApolloServerPlugin } from '@apollo/server';
import { GatewayErrorCode } from '../../errors/gateway-error-code';

/**
 * Automatic persisted queries are off (`persistedQueries: false`), and Apollo refuses a
 * request carrying a hash with HTTP 200, for the sake of clients that only read bodies. The
 * gateway answers every refusal 4xx, so this makes it 400; Apollo Client's persisted-query
 * link reads a 400 the same way and sends the query text instead.
 */
export function createPersistedQueryRefusalPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ errors, response }) {
          if (errors?.some((error) => error.extensions.code === GatewayErrorCode.PERSISTED_QUERY_NOT_SUPPORTED)) response.http.status = 400;
        },
      };
    },
  };
}
