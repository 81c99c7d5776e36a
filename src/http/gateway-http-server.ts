import http, { IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ClientAuthenticator, matchesSha256 } from './client-auth';
import { GatewayMetrics } from './gateway-metrics';
import { requestIdFrom } from './request-id';
import { EXPLORER_CONTENT_SECURITY_POLICY, ExplorerRoute } from './explorer';
import { OrderFormKitRoute } from './order-form-kit';

export type GraphQLRoute = (req: IncomingMessage, res: ServerResponse, search: string, requestId: string) => Promise<void>;

/** The answer of `/readyz`. */
export interface Readiness {
  readonly ready: boolean;
  readonly body: unknown;
}

export interface GatewayHttpServerOptions {
  /** Required. Serves `/graphql`. */
  readonly graphql: GraphQLRoute;
  readonly logger: Logger;
  readonly authenticate: ClientAuthenticator;
  readonly metrics: GatewayMetrics;
  readonly readiness: () => Promise<Readiness>;
  /** Requests per minute per client. */
  readonly requestsPerMinute: number;
  /** Default `'/graphql'`. */
  readonly graphqlPath?: string;
  /** Default none: `/metrics` is open. SHA-256 (hex) of the bearer token `/metrics` requires. */
  readonly metricsTokenSha256?: string;
  /**
   * Default none. The explorer's page (first) and files (`createExplorerRoutes`), served to
   * anyone (they hold no data); a browser's plain GET of the GraphQL path is sent to the page.
   */
  readonly explorer?: readonly ExplorerRoute[];
  /** Default none. The order-form kit's files (`createOrderFormKitRoutes`), served like the explorer's, each with its own policy. */
  readonly orderFormKit?: readonly OrderFormKitRoute[];
}

/** Whether the Authorization header carries the bearer token whose SHA-256 is `digest`. */
function hasBearerToken(authorization: string | undefined, digest: Buffer): boolean {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!bearer) return false;
  return matchesSha256(bearer[1], digest);
}

export interface GatewayHttpServer {
  readonly server: http.Server;
  /** Whether shutdown has begun (readiness is then 503). */
  draining(): boolean;
  /** Stops taking requests, lets in-flight ones finish for up to `graceMs`, then closes. */
  drain(graceMs: number): Promise<void>;
}

export interface ListeningServer {
  readonly url: string;
  readonly server: http.Server;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

const graphqlError = (message: string, code: string) => ({ errors: [{ message, extensions: { code } }] });

/**
 * The gateway's HTTP surface: `/graphql` (client authentication, a rate limit per client,
 * then Apollo), `/healthz`, `/readyz`, `/metrics`; a request id and a log line per request;
 * draining on shutdown.
 */
export function createGatewayHttpServer(options: GatewayHttpServerOptions): GatewayHttpServer {
  const graphqlPath = options.graphqlPath ?? '/graphql';
  const limiter = new RateLimiterMemory({ points: options.requestsPerMinute, duration: 60 });
  const metricsDigest = options.metricsTokenSha256 ? Buffer.from(options.metricsTokenSha256.toLowerCase(), 'hex') : undefined;
  const explorer = new Map<string, ExplorerRoute & { contentSecurityPolicy?: string }>(
    [...(options.explorer ?? []), ...(options.orderFormKit ?? [])].map((route) => [route.path, route]),
  );
  const explorerPage = options.explorer?.[0]?.path;
  let inFlight = 0;
  let isDraining = false;
  let drained: (() => void) | undefined;

  async function serveGraphQL(req: IncomingMessage, res: ServerResponse, search: string, requestId: string): Promise<string> {
    const client = await options.authenticate(req.headers);
    if (!client) {
      sendJson(res, 401, graphqlError('Unauthorized.', 'UNAUTHENTICATED'), { 'www-authenticate': 'Bearer' });
      options.metrics.operation('unknown', 'refused');
      return 'refused';
    }
    const limitKey = client.via === 'anonymous' ? `ip:${req.socket.remoteAddress ?? '?'}` : `${client.via}:${client.id}`;
    try {
      await limiter.consume(limitKey);
    } catch (rejection) {
      const wait = Math.max(1, Math.ceil((rejection as RateLimiterRes).msBeforeNext / 1000));
      sendJson(res, 429, graphqlError(`Too many requests; try again in ${wait} seconds.`, 'RATE_LIMITED'), { 'retry-after': String(wait) });
      options.metrics.operation('unknown', 'refused');
      return client.id;
    }
    await options.graphql(req, res, search, requestId);
    return client.id;
  }

  const server = http.createServer((req, res) => {
    const started = performance.now();
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.setHeader('x-request-id', requestId);
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    const search = queryAt === -1 ? '' : url.slice(queryAt);
    if (isDraining && path !== '/healthz') {
      sendJson(res, 503, graphqlError('The gateway is shutting down; retry on another replica.', 'SHUTTING_DOWN'), { connection: 'close' });
      return;
    }
    inFlight += 1;
    let client = '-';
    const explorerRoute = explorer.get(path);
    const work = (async () => {
      if (explorerRoute && (req.method === 'GET' || req.method === 'HEAD')) {
        res.writeHead(200, {
          'content-type': explorerRoute.contentType,
          'content-length': String(explorerRoute.body.length),
          'content-security-policy': explorerRoute.contentSecurityPolicy ?? EXPLORER_CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-cache',
        });
        res.end(req.method === 'HEAD' ? undefined : explorerRoute.body);
      } else if (explorerPage && path === graphqlPath && req.method === 'GET' && !search && /text\/html/.test(req.headers.accept ?? '')) {
        res.writeHead(302, { location: explorerPage, 'content-length': '0' });
        res.end();
      } else if (path === graphqlPath) client = await serveGraphQL(req, res, search, requestId);
      else if (path === '/healthz') sendJson(res, 200, { status: 'ok' });
      else if (path === '/readyz') {
        const readiness = await options.readiness();
        sendJson(res, readiness.ready && !isDraining ? 200 : 503, readiness.body);
      } else if (path === '/metrics') {
        if (metricsDigest && !hasBearerToken(req.headers.authorization, metricsDigest)) {
          sendJson(res, 401, { error: 'Unauthorized. /metrics needs the bearer token configured for it.' }, { 'www-authenticate': 'Bearer' });
          return;
        }
        const text = await options.metrics.registry.metrics();
        res.writeHead(200, { 'content-type': options.metrics.registry.contentType });
        res.end(text);
      } else sendJson(res, 404, { error: `Not found. GraphQL is served at ${graphqlPath}.` });
    })();
    work
      .catch((error: unknown) => {
        options.logger.error({ err: error, path, requestId }, 'unexpected error while serving a request');
        if (!res.headersSent) sendJson(res, 500, graphqlError('Internal server error.', 'INTERNAL_SERVER_ERROR'));
        else res.destroy();
      })
      .finally(() => {
        inFlight -= 1;
        if (path === graphqlPath) {
          options.logger.info(
            { requestId, method: req.method, path, status: res.statusCode, client, durationMs: Math.round(performance.now() - started) },
            'request',
          );
        }
        if (isDraining && inFlight === 0) drained?.();
      });
  });
  server.keepAliveTimeout = 5_000;

  return {
    server,
    draining: () => isDraining,
    async drain(graceMs) {
      isDraining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => {
            drained = resolve;
          }),
          new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref()),
        ]);
      }
      server.closeAllConnections();
      await closed;
    },
  };
}

/** Starts listening and resolves once the port is bound. */
export async function listen(server: http.Server, port: number, host: string): Promise<ListeningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { url: `http://${shownHost}:${address.port}`, server };
}
