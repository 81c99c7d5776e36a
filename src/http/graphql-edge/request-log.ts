import fp from 'fastify-plugin';

export interface RequestLogOptions {
  /** Required. The path the line names (the route's, not the URL with its query string). */
  readonly path: string;
}

/**
 * One log line per finished request (`onResponse`): method, path, status, the client (or
 * `refused`) and the time taken. Fastify's own request lines are off (see the HTTP server).
 */
export const requestLog = fp<RequestLogOptions>(
  (edge, options, ready) => {
    edge.addHook('onResponse', (request, reply, done) => {
      request.log.info(
        {
          method: request.method,
          path: options.path,
          status: reply.statusCode,
          client: request.gatewayClient?.id ?? 'refused',
          durationMs: Math.round(reply.elapsedTime),
        },
        'request',
      );
      done();
    });
    ready();
  },
  { name: 'mpa-request-log', decorators: { request: ['gatewayClient'] } },
);
