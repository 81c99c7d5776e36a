import https from 'node:https';
import { IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import selfsigned from 'selfsigned';

/**
 * A hand-written token authority (Entra ID's v2.0 endpoints, over HTTPS with a certificate made
 * at start) that answers the token request however a test tells it to: a different stand-in
 * than the emulator's, for real msal-node to meet answers nobody planned for. Healthy by
 * default: an MFA-backed access token for any refresh token.
 */

export type AuthorityReply = (res: ServerResponse, request: { readonly body: string }) => void;

export interface AuthorityCall {
  readonly method: string;
  readonly path: string;
  readonly body: string;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** An unsigned-looking JWT: neither msal-node nor the hand-written Partner Center checks signatures. */
const jwt = (claims: Record<string, unknown>) => `${base64url({ typ: 'JWT', alg: 'RS256' })}.${base64url(claims)}.c2lnbmF0dXJl`;

/** The token response of a healthy authority for `tenantId` and `clientId`. */
export function tokenResponse(tenantId: string, clientId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  const oid = '00000000-0000-0000-0000-0000000000a1';
  return {
    token_type: 'Bearer',
    scope: 'https://api.partnercenter.microsoft.com/user_impersonation',
    expires_in: 3_600,
    ext_expires_in: 3_600,
    access_token: jwt({ aud: 'https://api.partnercenter.microsoft.com', tid: tenantId, oid, amr: ['pwd', 'mfa'], exp: now + 3_600 }),
    refresh_token: `rotated-refresh-token-${now}`,
    id_token: jwt({
      aud: clientId,
      iss: `https://login.invalid/${tenantId}/v2.0`,
      tid: tenantId,
      oid,
      sub: oid,
      iat: now,
      exp: now + 3_600,
    }),
    client_info: base64url({ uid: oid, utid: tenantId }),
    ...extra,
  };
}

export interface HostileAuthority {
  /** `https://127.0.0.1:<port>` */
  readonly url: string;
  /** PEM of its certificate: the CA the gateway must trust. */
  readonly caPem: string;
  /** The token endpoint's reply; healthy until a test sets one. */
  token: AuthorityReply;
  /** The OpenID metadata's reply; healthy until a test sets one. */
  metadata: AuthorityReply;
  readonly calls: AuthorityCall[];
  /** `https://127.0.0.1:<another port>`: another host with the same certificate, which records what reaches it. */
  readonly foreignUrl: string;
  readonly foreignCalls: AuthorityCall[];
  close(): Promise<void>;
}

export function sendJson(status: number, body: unknown, headers: Record<string, string> = {}): AuthorityReply {
  return (res) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
    res.end(text);
  };
}

export async function startHostileAuthority(tenantId: string, clientId: string): Promise<HostileAuthority> {
  const pems = selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
    days: 1,
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  const calls: AuthorityCall[] = [];
  const foreignCalls: AuthorityCall[] = [];
  const sockets = new Set<Socket>();
  let url = '';
  const healthyMetadata: AuthorityReply = (res) =>
    sendJson(200, {
      token_endpoint: `${url}/${tenantId}/oauth2/v2.0/token`,
      issuer: `${url}/${tenantId}/v2.0`,
      authorization_endpoint: `${url}/${tenantId}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${url}/${tenantId}/oauth2/v2.0/devicecode`,
      end_session_endpoint: `${url}/${tenantId}/oauth2/v2.0/logout`,
      jwks_uri: `${url}/${tenantId}/discovery/v2.0/keys`,
      token_endpoint_auth_methods_supported: ['client_secret_post'],
      response_types_supported: ['code'],
    })(res, { body: '' });
  const authority: HostileAuthority = {
    url: '',
    caPem: pems.cert,
    token: (res) => sendJson(200, tokenResponse(tenantId, clientId))(res, { body: '' }),
    metadata: healthyMetadata,
    calls,
    foreignUrl: '',
    foreignCalls,
    async close() {
      for (const socket of sockets) socket.destroy();
      await Promise.all([new Promise((resolve) => server.close(resolve)), new Promise((resolve) => foreign.close(resolve))]);
    },
  };
  const server = https.createServer({ key: pems.private, cert: pems.cert }, (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'https://authority.invalid').pathname;
      const body = Buffer.concat(chunks).toString('utf8');
      calls.push({ method: req.method ?? '', path, body });
      if (path.endsWith('/openid-configuration')) return authority.metadata(res, { body });
      if (path.endsWith('/oauth2/v2.0/token')) return authority.token(res, { body });
      sendJson(404, { error: 'not_found' })(res, { body });
    });
  });
  const foreign = https.createServer({ key: pems.private, cert: pems.cert }, (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      foreignCalls.push({ method: req.method ?? '', path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
      sendJson(200, tokenResponse(tenantId, clientId))(res, { body: '' });
    });
  });
  for (const listening of [server, foreign]) {
    listening.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  }
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(authority, { url, foreignUrl: `https://127.0.0.1:${(foreign.address() as AddressInfo).port}` });
}
