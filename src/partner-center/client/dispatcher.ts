import { rootCertificates } from 'node:tls';
import { Agent } from 'undici';

/** Connections per origin and how long an idle one is kept, for every Partner Center pool. */
const POOL_SETTINGS = { connections: 64, keepAliveTimeout: 30_000 } as const;

/**
 * One connection pool per origin for the whole process. undici rather than node-fetch on this
 * path: a call costs about half the CPU (see docs/development.md, "Module setup"), which is what a fan-out
 * of many cold resellers waits on.
 */
export const sharedDispatcher = new Agent(POOL_SETTINGS);

/**
 * A connection pool for Partner Center. `caCertificate` (PEM) adds a CA to trust, for
 * Partner Center reached through a TLS-inspecting proxy or a private front (Node's usual
 * roots stay trusted); `connectTimeoutMs` bounds connecting and the TLS handshake. Close it
 * when done.
 */
export function createPartnerCenterDispatcher(options: { readonly caCertificate?: string; readonly connectTimeoutMs?: number }): Agent {
  return new Agent({
    ...POOL_SETTINGS,
    connect: {
      ...(options.caCertificate ? { ca: [...rootCertificates, options.caCertificate] } : {}),
      ...(options.connectTimeoutMs ? { timeout: options.connectTimeoutMs } : {}),
    },
  });
}
