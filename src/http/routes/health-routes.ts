import { FastifyPluginAsync } from 'fastify';
import { Readiness } from '../gateway-http-server';

export interface HealthRoutesOptions {
  /** Required. What `/readyz` reports per region. */
  readonly readiness: () => Promise<Readiness>;
  /** Required. Whether shutdown has begun (`/readyz` is then 503). */
  readonly draining: () => boolean;
  /**
   * Default `true`. Whether `/readyz` shows its details (per region: token, circuit, list,
   * what to do). Off on the public port, which answers `{"status": …}` and the status code only.
   */
  readonly details?: boolean;
}

/** `/healthz` (the process is up) and `/readyz` (a region can be asked, and not shutting down). */
export const healthRoutes: FastifyPluginAsync<HealthRoutesOptions> = async (scope, options) => {
  const details = options.details ?? true;
  scope.get('/healthz', async () => ({ status: 'ok' }));
  scope.get('/readyz', async (_request, reply) => {
    const readiness = await options.readiness();
    const code = readiness.ready && !options.draining() ? 200 : 503;
    if (details) return reply.code(code).send(readiness.body);
    const status = (readiness.body as { status?: unknown } | null)?.status;
    return reply.code(code).send({ status: typeof status === 'string' ? status : code === 200 ? 'ready' : 'unavailable' });
  });
};
