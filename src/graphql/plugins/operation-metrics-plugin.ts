import { ApolloServerPlugin } from '@apollo/server';
import { GatewayMetrics } from '../../observability/gateway-metrics';

/** Counts operations by type and result for /metrics (`mpa_graphql_operations_total`). */
export function createOperationMetricsPlugin(metrics: GatewayMetrics): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, errors }) {
          metrics.operation(operation?.operation ?? 'unknown', errors?.length ? 'error' : 'ok');
        },
      };
    },
  };
}
