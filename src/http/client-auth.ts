import crypto, { timingSafeEqual } from 'node:crypto';
import { IncomingHttpHeaders } from 'node:http';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { Logger } from 'pino';
import { ALL_CLIENT_SCOPES, ClientScope, isClientScope } from '../client-access/client-scope';

/** Who is calling, as far as the gateway knows. */
export interface ClientIdentity {
  /** JWT subject (or client id), API key name, or `anonymous`. */
  readonly id: string;
  readonly via: 'jwt' | 'apiKey' | 'anonymous';
  /** What the caller may do (see `CLIENT_SCOPES`). */
  readonly scopes: ReadonlySet<ClientScope>;
}

/** An API key as configured: its name, the SHA-256 of the key, and its scopes (absent: every scope). */
export interface ApiKeyEntry {
  readonly name: string;
  readonly sha256: string;
  readonly scopes?: readonly ClientScope[];
}

/** How bearer JWTs are checked (`clientAuth.jwt`). */
export interface ClientJwtOptions {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUrl: string;
  readonly clockToleranceSeconds: number;
  /**
   * Default none: every token has every scope. The claim holding the caller's scopes, as a
   * space-separated string (`scope`, OAuth 2.0) or an array of strings (`roles`, `scp`).
   * Unknown values are ignored; a token without the claim has no scope.
   */
  readonly scopeClaim?: string;
}

/** The scopes a JWT's claim grants: a space-separated string or an array of strings; unknown names are ignored. */
export function scopesFromClaim(value: unknown): ReadonlySet<ClientScope> {
  const names = typeof value === 'string' ? value.split(/\s+/) : Array.isArray(value) ? value : [];
  return new Set(names.filter(isClientScope));
}

export interface ClientAuthOptions {
  readonly jwt?: ClientJwtOptions;
  readonly apiKeys: readonly ApiKeyEntry[];
  /** Let callers without credentials in (sandbox, or by explicit configuration). */
  readonly allowAnonymous: boolean;
  readonly logger: Logger;
}

/**
 * The caller's identity, or undefined when the request must be refused. API keys and
 * anonymous callers are answered at once; a bearer JWT takes a promise (its JWKS may need
 * fetching).
 */
export type ClientAuthenticator = (headers: IncomingHttpHeaders) => ClientIdentity | undefined | Promise<ClientIdentity | undefined>;

/**
 * Shortest API key accepted, in characters. A shorter key is refused without being looked
 * up, so the digest of one in the configuration can never let anyone in. `npm run api-key`
 * makes keys of 43 characters (256 random bits).
 */
export const MIN_API_KEY_LENGTH = 24;

// One-shot hashing where Node has it (20.12+): a third cheaper than a Hash object, on every request.
const sha256Of: (secret: string) => Buffer =
  typeof crypto.hash === 'function'
    ? (secret) => crypto.hash('sha256', secret, 'buffer')
    : (secret) => crypto.createHash('sha256').update(secret).digest();

/** Whether a presented secret hashes to `digest` (a stored SHA-256), compared in constant time. */
export function matchesSha256(presented: string, digest: Buffer): boolean {
  return timingSafeEqual(sha256Of(presented), digest);
}

/** Callers without credentials, where they are let in: every scope (sandbox, or behind the operator's own gate). */
const ANONYMOUS: ClientIdentity = { id: 'anonymous', via: 'anonymous', scopes: ALL_CLIENT_SCOPES };

/**
 * Checks bearer JWTs against the issuer's JWKS (issuer, audience, expiry with clock skew)
 * and API keys against stored SHA-256 digests. Reasons for a refusal go to the debug log
 * only, never to the caller.
 */
export function createClientAuthenticator(options: ClientAuthOptions): ClientAuthenticator {
  const jwks = options.jwt
    ? createRemoteJWKSet(new URL(options.jwt.jwksUrl), { timeoutDuration: 5_000, cooldownDuration: 30_000 })
    : undefined;
  // Only digests are held in memory: a presented key is hashed on arrival (about a
  // microsecond) and never kept, not even to skip hashing it again.
  const keys = options.apiKeys.map((key) => ({
    name: key.name,
    digest: Buffer.from(key.sha256.toLowerCase(), 'hex'),
    scopes: key.scopes ? new Set<ClientScope>(key.scopes) : ALL_CLIENT_SCOPES,
  }));

  function apiKeyIdentity(presented: string): ClientIdentity | undefined {
    const digest = sha256Of(presented);
    // Compare against every key so timing does not tell how many matched or where.
    let found: (typeof keys)[number] | undefined;
    for (const key of keys) if (timingSafeEqual(key.digest, digest)) found ??= key;
    return found ? { id: found.name, via: 'apiKey', scopes: found.scopes } : undefined;
  }

  async function jwtIdentity(
    token: string,
    jwt: NonNullable<ClientAuthOptions['jwt']>,
    keySet: NonNullable<typeof jwks>,
  ): Promise<ClientIdentity | undefined> {
    try {
      const { payload } = await jwtVerify(token, keySet, {
        issuer: jwt.issuer,
        audience: jwt.audience,
        clockTolerance: jwt.clockToleranceSeconds,
      });
      const named = [payload.sub, payload.azp, payload.client_id].find(
        (value): value is string => typeof value === 'string' && value !== '',
      );
      const id = named ?? 'jwt';
      const scopes = jwt.scopeClaim === undefined ? ALL_CLIENT_SCOPES : scopesFromClaim(payload[jwt.scopeClaim]);
      return { id, via: 'jwt', scopes };
    } catch (error) {
      options.logger.debug({ reason: (error as { code?: string }).code ?? 'invalid' }, 'client refused: bearer token not accepted');
      return undefined;
    }
  }

  return (headers) => {
    const apiKey = headers['x-api-key'];
    if (typeof apiKey === 'string' && apiKey !== '') {
      if (apiKey.length < MIN_API_KEY_LENGTH) {
        options.logger.debug('client refused: API key shorter than the minimum');
        return undefined;
      }
      const identity = apiKeyIdentity(apiKey);
      if (!identity) options.logger.debug('client refused: unknown API key');
      return identity;
    }
    const bearer = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(headers.authorization ?? '');
    if (bearer && jwks && options.jwt) return jwtIdentity(bearer[1], options.jwt, jwks);
    if (headers.authorization) return undefined;
    return options.allowAnonymous ? ANONYMOUS : undefined;
  };
}
