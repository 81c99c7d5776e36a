import Fastify, { FastifyBaseLogger, FastifyInstance, LogController } from 'fastify';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Logger } from 'pino';
import { GatewayErrorCode } from '../errors/gateway-error-code';
import { answerConnectionError, createErrorHandler, createFrameworkErrorHandler, errorBody } from './error-replies';
import { GRAPHQL_PATH } from './graphql-path';
import { requestIdFrom } from './request-id';
import { createLazyRequestLogger } from './request-logger';

/** The answer of `/readyz`. */
export interface Readiness {
  readonly ready: boolean;
  readonly body: unknown;
}

export interface GatewayHttpServerOptions {
  /** Required. The shared pino logger; request lines carry `requestId`. */
  readonly logger: Logger;
  /** Default `262_144`. Largest request body accepted, in bytes (413 above it). */
  readonly maxBodyBytes?: number;
  /** Default `72_000`. Idle keep-alive connections are closed after this many ms. */
  readonly keepAliveTimeoutMs?: number;
  /** Default `10_000`. Time to send a request's headers, in ms (capped at `requestTimeoutMs`). */
  readonly headersTimeoutMs?: number;
  /** Default `30_000`. Time to send a whole request, headers and body, in ms. */
  readonly requestTimeoutMs?: number;
  /** Default `120_000`. A connection idle this long while a request is received or answered is closed, in ms. */
  readonly socketIdleTimeoutMs?: number;
  /** Default `10_000`. Open connections at most; one above it is closed at once. */
  readonly maxConnections?: number;
  /** Default `false`. Which proxies' `X-Forwarded-For` to believe (Fastify's `trustProxy`). */
  readonly trustProxy?: boolean | number | string;
  /** Default `Not found. GraphQL is served at /graphql.` What a 404 says (the operator port says where it is). */
  readonly notFoundMessage?: string;
}

export interface GatewayHttpServer {
  /** Register route plugins here, one per route group (see `src/http/routes/`). */
  readonly fastify: FastifyInstance;
  /** The node:http server under Fastify, for Apollo's drain plugin. */
  readonly server: http.Server;
  /** Whether shutdown has begun. */
  draining(): boolean;
  /**
   * From now on, requests arriving on open connections are answered 503 `SHUTTING_DOWN`
   * (`/healthz` excepted) with `Connection: close`; in-flight ones go on.
   */
  beginDrain(): void;
  /** Binds the port. */
  listen(port: number, host: string): Promise<ListeningServer>;
  /** Closes Fastify (its plugins' close hooks run); the listener is closed by then or now. */
  close(): Promise<void>;
}

export interface ListeningServer {
  readonly url: string;
  readonly server: http.Server;
}

/**
 * The gateway's HTTP server: Fastify with the request id rule, the shared logger, the body
 * limit, keep-alive and proxy settings, one error shape for every refusal, and the drain
 * switch. Routes come as plugins (`src/http/routes/`), registered by the composition root.
 */
export function createGatewayHttpServer(options: GatewayHttpServerOptions): GatewayHttpServer {
  const maxBodyBytes = options.maxBodyBytes ?? 262_144;
  const trust = options.trustProxy ?? false;
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  // Node refuses a headers limit above the whole request's.
  const headersTimeout = Math.min(options.headersTimeoutMs ?? 10_000, requestTimeout);
  // Typed as Fastify's logger interface so the instance keeps Fastify's default logger type.
  const loggerInstance: FastifyBaseLogger = options.logger;
  const errorHandler = createErrorHandler(maxBodyBytes);
  const fastify = Fastify({
    loggerInstance,
    // One line per GraphQL request is written by the GraphQL routes, with the client and the outcome.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    childLoggerFactory: createLazyRequestLogger,
    requestIdHeader: false,
    genReqId: (req) => requestIdFrom(req.headers['x-request-id']),
    bodyLimit: maxBodyBytes,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 72_000,
    // Slow clients (slowloris, a trickled or stalled body) are cut off instead of holding a
    // connection for ever; Node checks the two request limits every connectionsCheckingInterval.
    requestTimeout,
    connectionTimeout: options.socketIdleTimeoutMs ?? 120_000,
    http: {
      headersTimeout,
      connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(headersTimeout / 2))),
      // Node answers a missing Host with an empty 400; the hook below answers it in the gateway's shape.
      requireHostHeader: false,
    },
    // A hop count is "trust the nearest n proxies", as Fastify reads a number.
    trustProxy: typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust,
    // Draining answers in the gateway's own error shape (the hook below), not Fastify's.
    return503OnClosing: false,
    // So do requests Node's parser or Fastify's router refuse before any route sees them.
    clientErrorHandler: answerConnectionError,
    frameworkErrors: createFrameworkErrorHandler(errorHandler),
  });
  fastify.server.maxConnections = options.maxConnections ?? 10_000;
  // An expectation other than 100-continue is ignored (HTTP allows it) rather than answered by
  // Node with an empty 417: the request is served as if it had none.
  fastify.server.on('checkExpectation', (request: http.IncomingMessage, response: http.ServerResponse) =>
    fastify.server.emit('request', request, response),
  );
  let isDraining = false;

  fastify.setErrorHandler(errorHandler);
  fastify.setNotFoundHandler((_request, reply) => {
    void reply
      .code(404)
      .send(errorBody(options.notFoundMessage ?? `Not found. GraphQL is served at ${GRAPHQL_PATH}.`, GatewayErrorCode.NOT_FOUND));
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    const { httpVersionMajor, httpVersionMinor } = request.raw;
    if (request.headers.host === undefined && (httpVersionMajor > 1 || httpVersionMinor >= 1)) {
      void reply
        .code(400)
        .header('connection', 'close')
        .send(errorBody('An HTTP/1.1 request must carry a Host header.', GatewayErrorCode.BAD_REQUEST));
      return;
    }
    if (isDraining && request.routeOptions.url !== '/healthz') {
      void reply
        .code(503)
        .header('connection', 'close')
        .send(errorBody('The gateway is shutting down; retry on another replica.', GatewayErrorCode.SHUTTING_DOWN));
      return;
    }
    done();
  });

  return {
    fastify,
    server: fastify.server,
    draining: () => isDraining,
    beginDrain() {
      isDraining = true;
    },
    async listen(port, host) {
      await fastify.listen({ port, host });
      const address = fastify.server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return { url: `http://${shownHost}:${address.port}`, server: fastify.server };
    },
    close: () => fastify.close(),
  };
}
