import http, { IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Logger } from 'pino';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, search: string) => Promise<void> | void;

export interface GatewayHttpServerOptions {
  /** Required. Handles `/graphql`. */
  readonly graphql: RouteHandler;
  readonly logger: Logger;
  /** Default `'/graphql'`. */
  readonly graphqlPath?: string;
}

export interface ListeningServer {
  readonly url: string;
  readonly server: http.Server;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The gateway's HTTP surface: `/graphql` and `/healthz`. */
export function createGatewayHttpServer(options: GatewayHttpServerOptions): http.Server {
  const graphqlPath = options.graphqlPath ?? '/graphql';
  return http.createServer((req, res) => {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    const search = queryAt === -1 ? '' : url.slice(queryAt);
    let work: Promise<void> | void;
    if (path === graphqlPath) work = options.graphql(req, res, search);
    else if (path === '/healthz') work = sendJson(res, 200, { status: 'ok' });
    else work = sendJson(res, 404, { error: 'Not found. GraphQL is served at ' + graphqlPath });
    Promise.resolve(work).catch((error: unknown) => {
      options.logger.error({ err: error, path }, 'unhandled error while serving a request');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.destroy();
    });
  });
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
  return {
    url: `http://${shownHost}:${address.port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
