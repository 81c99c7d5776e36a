import { ApolloServerPlugin } from '@apollo/server';
import { trace } from '@opentelemetry/api';
import { GatewayContext } from '../gateway-context';

/**
 * Names the request's span after the GraphQL operation and records its type, name, client and
 * error count. With tracing off there is no recording span and it does nothing. The client id
 * names an API key or a token subject, never the key itself.
 */
export function createOperationTracingPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const span = trace.getActiveSpan();
      if (!span?.isRecording()) return undefined;
      return {
        async didResolveOperation({ operation, operationName, contextValue }) {
          if (!operation) return;
          span.setAttribute('graphql.operation.type', operation.operation);
          if (operationName) span.setAttribute('graphql.operation.name', operationName);
          span.setAttribute('mpa.client', contextValue.client.id);
          span.updateName(`${operation.operation} ${operationName ?? '(anonymous)'}`);
        },
        async willSendResponse({ errors }) {
          if (errors?.length) span.setAttribute('graphql.errors', errors.length);
        },
      };
    },
  };
}
