import { FastifyPluginAsync } from 'fastify';
import { EXPLORER_CONTENT_SECURITY_POLICY, ExplorerRoute } from '../explorer';

export interface ExplorerRoutesOptions {
  /**
   * Required. Pages and the files they load, served from memory: the explorer's
   * (`createExplorerRoutes`) or the order-form kit's (`createOrderFormKitRoutes`), each route
   * with its own Content-Security-Policy or the explorer's.
   */
  readonly routes: ReadonlyArray<ExplorerRoute & { readonly contentSecurityPolicy?: string }>;
}

/**
 * Pages the gateway serves itself (the explorer, the order-form kit): each file from memory,
 * under a Content-Security-Policy that keeps the page to this origin (no CDN, no telemetry), never
 * framed, never sniffed as another type, and telling no other site which page linked to it.
 */
export const explorerRoutes: FastifyPluginAsync<ExplorerRoutesOptions> = async (scope, options) => {
  for (const route of options.routes) {
    scope.get(route.path, (_request, reply) =>
      reply
        .header('content-type', route.contentType)
        .header('content-security-policy', route.contentSecurityPolicy ?? EXPLORER_CONTENT_SECURITY_POLICY)
        .header('x-content-type-options', 'nosniff')
        // frame-ancestors 'none' above, said again for browsers that only know this header.
        .header('x-frame-options', 'DENY')
        // The page's own requests carry its address; links and requests elsewhere carry nothing.
        .header('referrer-policy', 'same-origin')
        .header('cache-control', 'no-cache')
        .send(route.body),
    );
  }
};
