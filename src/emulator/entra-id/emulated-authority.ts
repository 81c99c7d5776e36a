import { KeyObject, createPublicKey, generateKeyPairSync, randomBytes, randomUUID, sign, verify } from 'node:crypto';
import https from 'node:https';
import { IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import selfsigned from 'selfsigned';
import { readBody, sendJson as sendReply } from '../http-replies';
import { EmulatedRegion } from '../emulated-regions';
import { DeviceLoginNotice, renderDeviceLoginPage } from './device-login-page';

/** An App+User identity of one provider account: the app registration and its tenant. */
export interface EmulatedAppRegistration {
  readonly region: EmulatedRegion;
  /** The provider's Entra ID tenant. */
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The partner user who consented once, e.g. `admin@contoso.example`. */
  readonly username: string;
}

export interface EmulatedAuthorityOptions {
  readonly registrations: readonly EmulatedAppRegistration[];
  /** Default `3600`. Lifetime of access tokens, in seconds. */
  readonly accessTokenLifetimeSeconds?: number;
  /** Default `true`. A redeemed refresh token is replaced by a new one and stops working. */
  readonly singleUseRefreshTokens?: boolean;
}

/** The audience Partner Center tokens carry. */
export const PARTNER_CENTER_AUDIENCE = 'https://api.partnercenter.microsoft.com';
const USER_IMPERSONATION = 'user_impersonation';

interface RefreshTokenRecord {
  registration: EmulatedAppRegistration;
  mfa: boolean;
  state: 'active' | 'expired' | 'revoked' | 'used';
}

interface DeviceCodeRecord {
  registration: EmulatedAppRegistration;
  userCode: string;
  expiresAt: number;
  approval?: { mfa: boolean };
}

/** One token-endpoint request as the authority saw it (no secrets, no tokens). */
export interface EmulatedTokenRequest {
  readonly at: string;
  readonly tenantId: string;
  readonly grantType: string;
  readonly clientId: string;
  readonly clientAuthentication: 'secret' | 'assertion' | 'none';
  /** `issued`, or why the request was refused. */
  readonly outcome: string;
}

/** What the agreementstatus endpoint learns from a bearer token. */
export type TokenCheck = { readonly ok: true; readonly region: EmulatedRegion } | { readonly ok: false; readonly reason: string };

export interface EmulatedAuthority {
  /** `https://127.0.0.1:<port>`: configure it as the authority host. */
  readonly url: string;
  /** PEM of the self-signed certificate the authority serves; trust it to talk to it. */
  readonly caCertificate: string;
  /** A refresh token for a registration, as the one-time consent would yield. */
  issueRefreshToken(region: EmulatedRegion, options?: { mfa?: boolean }): string;
  /** The refresh token now answers AADSTS700082 (unused for 90 days). */
  expireRefreshToken(refreshToken: string): void;
  /** The refresh token now answers AADSTS50173 (revoked, e.g. password reset). */
  revokeRefreshToken(refreshToken: string): void;
  /** Completes a pending device-code sign-in, as the operator would in a browser. */
  approveDeviceCode(userCode: string, options?: { mfa?: boolean }): void;
  /** Refresh tokens issued and still usable, per region (to see rotation). */
  activeRefreshTokens(region: EmulatedRegion): string[];
  tokenRequests(): readonly EmulatedTokenRequest[];
  /**
   * An outage of the token endpoint: `hang` accepts requests and never answers, `unavailable`
   * answers 503 temporarily_unavailable; undefined ends it. Metadata and keys keep answering.
   * `tokenRequests` lists the requests it meets, with an outcome starting `outage:`.
   */
  setTokenOutage(mode: 'hang' | 'unavailable' | undefined): void;
  /** Checks a bearer token as Partner Center would: signature, expiry, audience, App+User, MFA. */
  checkAccessToken(token: string): TokenCheck;
  close(): Promise<void>;
}

const base64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

/** A form-encoded request body. */
async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams(await readBody(req));
}

/** The token endpoint's answers are never to be cached. */
const sendJson = (res: ServerResponse, status: number, body: unknown): void =>
  sendReply(res, status, body, { 'Cache-Control': 'no-store' });

/** Entra ID's error shape for the token endpoint. */
function oauthError(res: ServerResponse, status: number, error: string, aadsts: number, description: string): void {
  sendJson(res, status, {
    error,
    error_description: `AADSTS${aadsts}: ${description} Trace ID: ${randomUUID()} Correlation ID: ${randomUUID()} Timestamp: ${new Date().toISOString()}`,
    error_codes: [aadsts],
    timestamp: new Date().toISOString(),
    trace_id: randomUUID(),
    correlation_id: randomUUID(),
  });
}

/**
 * A token authority good enough for real msal-node: OpenID metadata, JWKS, the v2.0 token
 * endpoint (refresh_token and device_code grants) and the device-code endpoint, over HTTPS
 * with a certificate made at start. Access tokens are RS256 JWTs for Partner Center.
 */
export async function startEmulatedAuthority(options: EmulatedAuthorityOptions): Promise<EmulatedAuthority> {
  const lifetime = options.accessTokenLifetimeSeconds ?? 3_600;
  const singleUse = options.singleUseRefreshTokens ?? true;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(8).toString('hex');
  const pems = selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
    days: 2,
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  const byTenant = new Map(options.registrations.map((r) => [r.tenantId.toLowerCase(), r]));
  const byRegion = new Map(options.registrations.map((r) => [r.region, r]));
  const refreshTokens = new Map<string, RefreshTokenRecord>();
  const deviceCodes = new Map<string, DeviceCodeRecord>();
  const requests: EmulatedTokenRequest[] = [];
  let url = '';
  let tokenOutage: 'hang' | 'unavailable' | undefined;

  function jwt(claims: Record<string, unknown>, key: KeyObject = privateKey): string {
    const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid }));
    const payload = base64url(JSON.stringify(claims));
    const signature = sign('sha256', Buffer.from(`${header}.${payload}`), key).toString('base64url');
    return `${header}.${payload}.${signature}`;
  }

  function newRefreshToken(registration: EmulatedAppRegistration, mfa: boolean): string {
    const token = `emulated-rt.${randomBytes(24).toString('base64url')}`;
    refreshTokens.set(token, { registration, mfa, state: 'active' });
    return token;
  }

  function tokenResponse(registration: EmulatedAppRegistration, mfa: boolean) {
    const now = Math.floor(Date.now() / 1000);
    const oid = `00000000-0000-0000-0000-${registration.tenantId.replace(/-/g, '').slice(-12)}`;
    const accessToken = jwt({
      aud: PARTNER_CENTER_AUDIENCE,
      iss: `https://sts.windows.net/${registration.tenantId}/`,
      iat: now,
      nbf: now,
      exp: now + lifetime,
      tid: registration.tenantId,
      oid,
      appid: registration.clientId,
      scp: USER_IMPERSONATION,
      amr: mfa ? ['pwd', 'mfa'] : ['pwd'],
      upn: registration.username,
      uti: randomBytes(12).toString('base64url'),
      ver: '1.0',
    });
    const idToken = jwt({
      aud: registration.clientId,
      iss: `${url}/${registration.tenantId}/v2.0`,
      iat: now,
      nbf: now,
      exp: now + lifetime,
      tid: registration.tenantId,
      oid,
      sub: oid,
      preferred_username: registration.username,
      name: registration.username,
      uti: randomBytes(12).toString('base64url'),
      ver: '2.0',
    });
    return {
      token_type: 'Bearer',
      scope: `${PARTNER_CENTER_AUDIENCE}/${USER_IMPERSONATION}`,
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: accessToken,
      refresh_token: newRefreshToken(registration, mfa),
      id_token: idToken,
      client_info: base64url(JSON.stringify({ uid: oid, utid: registration.tenantId })),
    };
  }

  async function handleToken(req: IncomingMessage, res: ServerResponse, tenantId: string): Promise<void> {
    const form = await readForm(req);
    const grantType = form.get('grant_type') ?? '';
    const clientId = form.get('client_id') ?? '';
    const clientAuthentication = form.get('client_secret') ? 'secret' : form.get('client_assertion') ? 'assertion' : 'none';
    const log = (outcome: string) =>
      requests.push({ at: new Date().toISOString(), tenantId, grantType, clientId, clientAuthentication, outcome });
    // Logged like any other request, so a test can see a refresh reach a failing endpoint.
    if (tokenOutage === 'hang') {
      log('outage: no answer'); // answered by nobody until close() drops it
      return;
    }
    if (tokenOutage === 'unavailable') {
      log('outage: unavailable');
      return oauthError(res, 503, 'temporarily_unavailable', 90033, 'The service is temporarily unavailable.');
    }
    const registration = byTenant.get(tenantId.toLowerCase());
    if (!registration) {
      log('unknown tenant');
      return oauthError(res, 400, 'invalid_request', 90002, `Tenant '${tenantId}' not found.`);
    }
    if (clientId !== registration.clientId) {
      log('unknown client');
      return oauthError(
        res,
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory.`,
      );
    }
    if (clientAuthentication === 'secret' && form.get('client_secret') !== registration.clientSecret) {
      log('invalid secret');
      return oauthError(res, 401, 'invalid_client', 7000215, 'Invalid client secret provided.');
    }
    if (clientAuthentication === 'assertion' && !isWellFormedAssertion(form.get('client_assertion') ?? '', clientId)) {
      log('invalid assertion');
      return oauthError(res, 401, 'invalid_client', 700027, 'Client assertion failed signature validation.');
    }
    const scopes = (form.get('scope') ?? '').split(' ');
    if (grantType === 'client_credentials') {
      log('app-only refused');
      return oauthError(
        res,
        400,
        'invalid_scope',
        1002012,
        'App-only tokens are not issued for Partner Center agreement checks in this emulator.',
      );
    }
    if (!scopes.includes(`${PARTNER_CENTER_AUDIENCE}/${USER_IMPERSONATION}`)) {
      log('wrong scope');
      return oauthError(res, 400, 'invalid_scope', 70011, 'The provided request must include the Partner Center user_impersonation scope.');
    }

    if (grantType === 'refresh_token') {
      if (clientAuthentication === 'none') {
        log('no client authentication');
        return oauthError(res, 401, 'invalid_client', 7000218, 'The request body must contain client_assertion or client_secret.');
      }
      const record = refreshTokens.get(form.get('refresh_token') ?? '');
      if (!record || record.registration !== registration || record.state === 'used') {
        log('invalid refresh token');
        return oauthError(res, 400, 'invalid_grant', 9002313, 'Invalid request. The refresh token is malformed or not valid.');
      }
      if (record.state === 'expired') {
        log('expired refresh token');
        return oauthError(
          res,
          400,
          'invalid_grant',
          700082,
          'The refresh token has expired due to inactivity. The token was issued and was inactive for 90.00:00:00.',
        );
      }
      if (record.state === 'revoked') {
        log('revoked refresh token');
        return oauthError(
          res,
          400,
          'invalid_grant',
          50173,
          'The provided grant has expired due to it being revoked; a fresh auth token is needed.',
        );
      }
      if (singleUse) record.state = 'used';
      log('issued');
      return sendJson(res, 200, tokenResponse(registration, record.mfa));
    }

    // Entra ID accepts the short name msal-node sends as well as the RFC 8628 one.
    if (grantType === 'device_code' || grantType === 'urn:ietf:params:oauth:grant-type:device_code') {
      const record = deviceCodes.get(form.get('device_code') ?? '');
      if (!record || record.registration !== registration) {
        log('invalid device code');
        return oauthError(res, 400, 'invalid_grant', 70000, 'The provided device code is not valid.');
      }
      if (Date.now() > record.expiresAt) {
        log('expired device code');
        return oauthError(res, 400, 'expired_token', 70020, 'The device code has expired.');
      }
      if (!record.approval) {
        log('authorization pending');
        return oauthError(res, 400, 'authorization_pending', 70016, 'The user has not yet finished signing in.');
      }
      deviceCodes.delete(form.get('device_code') ?? '');
      log('issued');
      return sendJson(res, 200, tokenResponse(registration, record.approval.mfa));
    }
    log('unsupported grant');
    return oauthError(res, 400, 'unsupported_grant_type', 70003, `The grant type '${grantType}' is not supported here.`);
  }

  async function handleDeviceCode(req: IncomingMessage, res: ServerResponse, tenantId: string): Promise<void> {
    const form = await readForm(req);
    const registration = byTenant.get(tenantId.toLowerCase());
    if (!registration || form.get('client_id') !== registration.clientId) {
      return oauthError(res, 400, 'invalid_client', 700016, 'Unknown application for this tenant.');
    }
    const deviceCode = randomBytes(24).toString('base64url');
    const userCode = randomBytes(5).toString('hex').toUpperCase().slice(0, 9);
    deviceCodes.set(deviceCode, { registration, userCode, expiresAt: Date.now() + 900_000 });
    sendJson(res, 200, {
      user_code: userCode,
      device_code: deviceCode,
      verification_uri: `${url}/devicelogin`,
      expires_in: 900,
      interval: 1,
      message: `Open ${url}/devicelogin and enter the code ${userCode} to sign in (emulated authority).`,
    });
  }

  function openIdConfiguration(tenantId: string) {
    const root = `${url}/${tenantId}`;
    return {
      token_endpoint: `${root}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${root}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${root}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${root}/openid/userinfo`,
      authorization_endpoint: `${root}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${root}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${root}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'oid'],
      tenant_region_scope: null,
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
    };
  }

  function pendingLogins() {
    const now = Date.now();
    return [...deviceCodes.values()]
      .filter((record) => !record.approval && record.expiresAt > now)
      .map((record) => ({
        userCode: record.userCode,
        region: record.registration.region,
        username: record.registration.username,
        expiresAt: record.expiresAt,
      }));
  }

  function sendHtml(res: ServerResponse, status: number, html: string): void {
    res.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': Buffer.byteLength(html),
      'Cache-Control': 'no-store',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    });
    res.end(html);
  }

  /** `/devicelogin`: the page that lists pending codes and approves one by form post. */
  async function handleDeviceLogin(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'GET' || req.method === 'HEAD') return sendHtml(res, 200, renderDeviceLoginPage(pendingLogins()));
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'method_not_allowed' });
    const form = await readForm(req);
    const userCode = (form.get('user_code') ?? '').trim().toUpperCase();
    const mfa = form.get('mfa') === 'on';
    const record = [...deviceCodes.values()].find(
      (candidate) => candidate.userCode === userCode && !candidate.approval && candidate.expiresAt > Date.now(),
    );
    let notice: DeviceLoginNotice;
    if (record) {
      record.approval = { mfa };
      notice = { kind: 'approved', userCode, username: record.registration.username, mfa };
    } else {
      notice = { kind: 'unknown', userCode };
    }
    return sendHtml(res, record ? 200 : 404, renderDeviceLoginPage(pendingLogins(), notice));
  }

  const server = https.createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const path = new URL(req.url ?? '/', 'https://authority.invalid').pathname;
    if (path === '/devicelogin') {
      handleDeviceLogin(req, res).catch(() => {
        if (!res.headersSent) sendJson(res, 500, { error: 'server_error' });
      });
      return;
    }
    const route =
      /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token|oauth2\/v2\.0\/devicecode|discovery\/v2\.0\/keys)$/.exec(
        path,
      );
    const work = (async () => {
      if (!route) return sendJson(res, 404, { error: 'not_found' });
      const [, tenantId, endpoint] = route;
      if (endpoint.endsWith('openid-configuration')) return sendJson(res, 200, openIdConfiguration(tenantId));
      if (endpoint.endsWith('keys')) {
        const jwk = createPublicKey(publicKey).export({ format: 'jwk' });
        return sendJson(res, 200, { keys: [{ ...jwk, kid, use: 'sig', kty: 'RSA', alg: 'RS256' }] });
      }
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'method_not_allowed' });
      if (endpoint.endsWith('token')) {
        return handleToken(req, res, tenantId);
      }
      return handleDeviceCode(req, res, tenantId);
    })();
    work.catch(() => {
      if (!res.headersSent) sendJson(res, 500, { error: 'server_error' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function checkAccessToken(token: string): TokenCheck {
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, reason: 'not a JWT' };
    const [header, payload, signature] = parts;
    let claims: Record<string, unknown>;
    try {
      const valid = verify('sha256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url'));
      if (!valid) return { ok: false, reason: 'bad signature' };
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      return { ok: false, reason: 'unreadable token' };
    }
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now()) return { ok: false, reason: 'expired' };
    if (claims.aud !== PARTNER_CENTER_AUDIENCE) return { ok: false, reason: 'wrong audience' };
    if (typeof claims.scp !== 'string' || !claims.scp.split(' ').includes(USER_IMPERSONATION)) {
      return { ok: false, reason: 'not an App+User token' };
    }
    if (!Array.isArray(claims.amr) || !claims.amr.includes('mfa')) return { ok: false, reason: 'no MFA in amr' };
    const registration = byTenant.get(String(claims.tid).toLowerCase());
    if (!registration) return { ok: false, reason: 'unknown tenant' };
    return { ok: true, region: registration.region };
  }

  return {
    url,
    caCertificate: pems.cert,
    issueRefreshToken(region, issue = {}) {
      const registration = byRegion.get(region);
      if (!registration) throw new Error(`no app registration for region ${region}`);
      return newRefreshToken(registration, issue.mfa ?? true);
    },
    expireRefreshToken(token) {
      const record = refreshTokens.get(token);
      if (record) record.state = 'expired';
    },
    revokeRefreshToken(token) {
      const record = refreshTokens.get(token);
      if (record) record.state = 'revoked';
    },
    approveDeviceCode(userCode, approval = {}) {
      const record = [...deviceCodes.values()].find((candidate) => candidate.userCode === userCode);
      if (!record) throw new Error(`no pending device code ${userCode}`);
      record.approval = { mfa: approval.mfa ?? true };
    },
    activeRefreshTokens: (region) =>
      [...refreshTokens].filter(([, r]) => r.registration.region === region && r.state === 'active').map(([token]) => token),
    tokenRequests: () => requests,
    setTokenOutage: (mode) => {
      tokenOutage = mode;
    },
    checkAccessToken,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A client assertion names the client as issuer and subject; its signature is not checked here. */
function isWellFormedAssertion(assertion: string, clientId: string): boolean {
  const parts = assertion.split('.');
  if (parts.length !== 3) return false;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>;
    return claims.iss === clientId && claims.sub === clientId;
  } catch {
    return false;
  }
}
