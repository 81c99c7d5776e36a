import { FastifyPluginAsync } from 'fastify';
import { GatewayErrorCode } from '../../errors/gateway-error-code';
import { matchesSha256 } from '../client-auth';
import { errorBody } from '../error-replies';
import { GatewayMetrics } from '../../observability/gateway-metrics';

export interface MetricsRoutesOptions {
  /** Required. */
  readonly metrics: GatewayMetrics;
  /** Default none: `/metrics` is open. SHA-256 (hex) of the bearer token `/metrics` requires. */
  readonly tokenSha256?: string;
}

/** Whether the Authorization header carries the bearer token whose SHA-256 is `digest`. */
function hasBearerToken(authorization: string | undefined, digest: Buffer): boolean {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!bearer) return false;
  return matchesSha256(bearer[1], digest);
}

/** `/metrics` for Prometheus, behind a bearer token when one is configured. */
export const metricsRoutes: FastifyPluginAsync<MetricsRoutesOptions> = async (scope, options) => {
  const digest = options.tokenSha256 ? Buffer.from(options.tokenSha256.toLowerCase(), 'hex') : undefined;
  scope.get('/metrics', async (request, reply) => {
    if (digest && !hasBearerToken(request.headers.authorization, digest)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send(errorBody('Unauthorized. /metrics needs the bearer token configured for it.', GatewayErrorCode.UNAUTHENTICATED));
    }
    const text = await options.metrics.registry.metrics();
    return reply.header('content-type', options.metrics.registry.contentType).send(text);
  });
};
