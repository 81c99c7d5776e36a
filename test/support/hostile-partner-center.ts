import http, { IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo, Socket } from 'node:net';

/**
 * A hand-written stand-in for Partner Center that answers however a test tells it to: a
 * different fake than the project's emulator, for checking how the gateway reads answers nobody
 * planned for. Healthy by default for one reseller (MPA signed, active relationship, valid on
 * record); a test replaces the reply of one call and asks the gateway.
 */

/** The three Partner Center calls the gateway makes. */
export type HostileRoute = 'agreementStatus' | 'relationships' | 'validateResellers';

/** One request the fake received. */
export interface HostileCall {
  readonly route: HostileRoute | 'other';
  readonly method: string;
  /** Path and query as sent. */
  readonly url: string;
  readonly authorization: string | undefined;
  readonly body: string;
}

/** Answers one request; `body` is the request body as text. */
export type HostileReply = (res: ServerResponse, request: { readonly url: string; readonly body: string }) => void;

export const HOSTILE_MPN_ID = '4100001';
export const HOSTILE_TENANT_ID = '4a1b2c3d-0000-4000-8000-00000000a001';

export const healthyRelationships = (items: readonly unknown[] = [healthyItem()]) => ({
  totalCount: items.length,
  items,
  links: {},
  attributes: { objectType: 'Collection' },
});

export function healthyItem(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: HOSTILE_TENANT_ID,
    name: 'Hostile Test Reseller',
    relationshipType: 'IsIndirectCloudSolutionProviderOf',
    state: 'active',
    mpnId: HOSTILE_MPN_ID,
    location: 'US',
    attributes: { objectType: 'PartnerRelationship' },
    ...extra,
  };
}

/** A reply with a JSON body (a string is sent as it is), `content-type: application/json` unless told otherwise. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): HostileReply {
  return (res) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
    res.end(text);
  };
}

/** Every partner ID asked, valid on record. */
export const allValid: HostileReply = (res, { body }) => {
  const partnerIds = (JSON.parse(body) as { partnerIds: string[] }).partnerIds;
  json(200, { validationResults: partnerIds.map((partnerId) => ({ partnerId, isValidPartnerIdOnRecord: true })) })(res, { url: '', body });
};

/** The healthy answers. */
export const HEALTHY: Readonly<Record<HostileRoute, HostileReply>> = {
  agreementStatus: json(200, { isAgreementSigned: true }),
  relationships: json(200, healthyRelationships()),
  validateResellers: allValid,
};

export interface HostilePartnerCenter {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** The reply of each call; `HEALTHY` until a test sets one. */
  readonly replies: Record<HostileRoute, HostileReply>;
  readonly calls: HostileCall[];
  /** Back to healthy replies, calls forgotten. */
  reset(): void;
  close(): Promise<void>;
}

function routeOf(method: string, path: string): HostileRoute | 'other' {
  if (method === 'GET' && /\/v1\/compliance\/[^/]+\/agreementstatus$/i.test(path)) return 'agreementStatus';
  if (method === 'GET' && /\/v1\/relationships$/i.test(path)) return 'relationships';
  if (method === 'POST' && /\/v1\/partners\/validateresellers$/i.test(path)) return 'validateResellers';
  return 'other';
}

export async function startHostilePartnerCenter(): Promise<HostilePartnerCenter> {
  const replies: Record<HostileRoute, HostileReply> = { ...HEALTHY };
  const calls: HostileCall[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = req.url ?? '/';
      const body = Buffer.concat(chunks).toString('utf8');
      const route = routeOf(req.method ?? 'GET', new URL(url, 'http://fake.invalid').pathname);
      calls.push({ route, method: req.method ?? '', url, authorization: req.headers.authorization, body });
      if (route === 'other') return json(404, { code: 404, description: 'no such route here' })(res, { url, body });
      replies[route](res, { url, body });
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    replies,
    calls,
    reset() {
      Object.assign(replies, HEALTHY);
      calls.length = 0;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Another host: anything the gateway sends there (a followed redirect or link) is recorded. */
export async function startForeignHost(): Promise<{ readonly url: string; readonly calls: HostileCall[]; close(): Promise<void> }> {
  const calls: HostileCall[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      calls.push({ route: 'other', method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
      json(200, { isAgreementSigned: true, validationResults: [], items: [] })(res, { url: '', body });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
