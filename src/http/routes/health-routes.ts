import { FastifyPluginAsync } from 'fastify';
import { Readiness } from '../gateway-http-server';

export interface HealthRoutesOptions {
  /** Required. What `/readyz` reports per region. */
  readonly readiness: () => Promise<Readiness>;
  /** Required. Whether shutdown has begun (`/readyz` is then 503). */
  readonly draining: () => boolean;
}

/** `/healthz` (the process is up) and `/readyz` (a region can be asked, and not shutting down). */
export const healthRoutes: FastifyPluginAsync<HealthRoutesOptions> = async (scope, options) => {
  scope.get('/healthz', async () => ({ status: 'ok' }));
  scope.get('/readyz', async (_request, reply) => {
    const readiness = await options.readiness();
    return reply.code(readiness.ready && !options.draining() ? 200 : 503).send(readiness.body);
  });
};
