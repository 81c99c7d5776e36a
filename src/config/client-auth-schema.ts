import { z } from 'zod';
import { CLIENT_SCOPES } from '../client-access/client-scope';
import { urlWithoutCredentials } from './url-credentials';

/** `clientAuth`: who may call the gateway (off in sandbox mode): bearer JWTs, API keys, anonymous callers. */
export const clientAuthSettings = z
  .object({
    /** Bearer JWTs from your identity provider. */
    jwt: z
      .object({
        /** Required with `jwt`. The `iss` every token must carry. */
        issuer: z.string().min(1),
        /** Required with `jwt`. The `aud` every token must carry. */
        audience: z.string().min(1),
        /** Required with `jwt`. Where the identity provider publishes its signing keys (JWKS). */
        jwksUrl: urlWithoutCredentials(/^https?$/, 'must be an http:// or https:// URL', 'clientAuth.jwt.jwksUrl'),
        /** Default `60`. Clock skew allowed, in seconds. */
        clockToleranceSeconds: z.number().int().min(0).default(60),
        /**
         * Default none: every token has every scope (warned at start). The claim holding the
         * caller's scopes: a space-separated string (`scope`) or an array of strings (`roles`).
         */
        scopeClaim: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    /** Static API keys for service callers, sent as `X-Api-Key`; only their SHA-256 is stored. */
    apiKeys: z
      .array(
        z
          .object({
            /** A name for the caller, shown in logs and metrics. */
            name: z.string().min(1),
            /** The SHA-256 (hex) of the key the caller sends. */
            sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex digits'),
            /** Default every scope (warned at start). What the key may do: orders:check, resellers:read, status:recheck, directory:operate. */
            scopes: z.array(z.enum(CLIENT_SCOPES)).optional(),
          })
          .strict(),
      )
      .default([]),
    /** Default `false`. Let unauthenticated callers in outside sandbox mode. */
    allowAnonymous: z.boolean().default(false),
    /** Default `20`. Failed authentications one source address may make per minute; then 429 until the minute ends. */
    maxFailuresPerMinute: z.number().int().positive().default(20),
  })
  .strict()
  .prefault({});
