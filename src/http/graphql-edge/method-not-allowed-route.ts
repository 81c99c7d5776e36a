import { FastifyPluginCallback } from 'fastify';
import { GatewayErrorCode } from '../../errors/gateway-error-code';
import { GatewayHttpError } from '../error-replies';

export interface MethodNotAllowedOptions {
  /** Required. The GraphQL route's path (`GRAPHQL_PATH`). */
  readonly path: string;
}

/** Any other method on the GraphQL path: 405 `METHOD_NOT_ALLOWED` with `Allow: GET, POST`. */
export const methodNotAllowedRoute: FastifyPluginCallback<MethodNotAllowedOptions> = (edge, options, ready) => {
  edge.route({
    method: ['PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    url: options.path,
    handler: async () => {
      throw new GatewayHttpError(405, GatewayErrorCode.METHOD_NOT_ALLOWED, 'GraphQL is served over GET (queries) and POST.', {
        allow: 'GET, POST',
      });
    },
  });
  ready();
};
