import { FastifyPluginCallback } from 'fastify';
import { GatewayErrorCode } from '../../errors/gateway-error-code';
import { GatewayHttpError } from '../error-replies';

export interface MethodNotAllowedOptions {
  /** Required. The GraphQL route's path (`GRAPHQL_PATH`). */
  readonly path: string;
}

/** Methods the GraphQL route takes: GET and POST, and HEAD, which Fastify adds beside GET (Apollo answers it 405). */
const SERVED = new Set(['GET', 'HEAD', 'POST']);

/**
 * Any other method Fastify routes (PUT, PATCH, DELETE, OPTIONS, TRACE, QUERY) on the GraphQL
 * path: 405 `METHOD_NOT_ALLOWED` with `Allow: GET, POST`.
 */
export const methodNotAllowedRoute: FastifyPluginCallback<MethodNotAllowedOptions> = (edge, options, ready) => {
  edge.route({
    method: edge.supportedMethods.filter((method) => !SERVED.has(method)),
    url: options.path,
    handler: async () => {
      throw new GatewayHttpError(405, GatewayErrorCode.METHOD_NOT_ALLOWED, 'GraphQL is served over GET (queries) and POST.', {
        allow: 'GET, POST',
      });
    },
  });
  ready();
};
