import { FastifyPluginAsync } from 'fastify';
import { EXPLORER_CONTENT_SECURITY_POLICY, ExplorerRoute } from '../explorer';

export interface ExplorerRoutesOptions {
  /** Required. The explorer's page (first) and the files it loads (`createExplorerRoutes`). */
  readonly routes: readonly ExplorerRoute[];
}

/**
 * The self-hosted explorer: its page and files, each from memory, under a Content-Security-
 * Policy that keeps the page to this origin (no CDN, no telemetry).
 */
export const explorerRoutes: FastifyPluginAsync<ExplorerRoutesOptions> = async (scope, options) => {
  for (const route of options.routes) {
    scope.get(route.path, (_request, reply) =>
      reply
        .header('content-type', route.contentType)
        .header('content-security-policy', EXPLORER_CONTENT_SECURITY_POLICY)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-cache')
        .send(route.body),
    );
  }
};
