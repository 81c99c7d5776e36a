import fp from 'fastify-plugin';
import { FastifyRequest } from 'fastify';
import { GatewayErrorCode } from '../../errors/gateway-error-code';
import { AuthFailureLimit } from '../auth-failure-limit';
import { clientAddressOf } from '../client-address';
import { ClientAuthenticator, ClientIdentity } from '../client-auth';
import { errorBody } from '../error-replies';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling, once the client-authentication hook admitted the request; null before. */
    gatewayClient: ClientIdentity | null;
  }
}

export interface ClientAuthenticationOptions {
  /** Required. Who is calling; undefined refuses the request (401 `UNAUTHENTICATED`). */
  readonly authenticate: ClientAuthenticator;
  /** Required. Failed authentications per source address; past the limit, 429 `AUTH_FAILURES_LIMITED`. */
  readonly authFailures: AuthFailureLimit;
  /** Default none. Told of every refused request (metrics). */
  readonly onRefused?: () => void;
}

const UNAUTHORIZED = errorBody('Unauthorized.', GatewayErrorCode.UNAUTHENTICATED);
const authFailuresLimited = (seconds: number) =>
  errorBody(`Too many failed authentications from this address; try again in ${seconds} seconds.`, GatewayErrorCode.AUTH_FAILURES_LIMITED);

/**
 * The client a request counts as: its API key or JWT subject, or for an anonymous caller its
 * address (behind a proxy: see `http.trustProxy`; an IPv6 address by its /56, see
 * `clientAddressOf`). Rate limit buckets and budgets follow it.
 */
export function clientKeyOf(request: FastifyRequest): string {
  const client = request.gatewayClient;
  return !client || client.via === 'anonymous' ? `ip:${clientAddressOf(request.ip)}` : `${client.via}:${client.id}`;
}

/**
 * First on the request's path (`onRequest`): refuses an address (an IPv6 one by its /56) with
 * too many failed authentications (429), then a caller who is not a known client (401,
 * `WWW-Authenticate: Bearer`), and sets `request.gatewayClient` for everyone admitted.
 */
export const clientAuthentication = fp<ClientAuthenticationOptions>(
  (edge, options, ready) => {
    edge.decorateRequest('gatewayClient', null);
    // Callback style, and no promise for API keys: this runs on every request, micro-cached ones included.
    edge.addHook('onRequest', (request, reply, done) => {
      const address = clientAddressOf(request.ip);
      const retryAfter = options.authFailures.retryAfterSeconds(address);
      if (retryAfter > 0) {
        options.onRefused?.();
        void reply.code(429).header('retry-after', String(retryAfter)).send(authFailuresLimited(retryAfter));
        return;
      }
      const admit = (client: ClientIdentity | undefined) => {
        if (!client) {
          options.authFailures.recordFailure(address);
          options.onRefused?.();
          void reply.code(401).header('www-authenticate', 'Bearer').send(UNAUTHORIZED);
          return;
        }
        request.gatewayClient = client;
        done();
      };
      const verdict = options.authenticate(request.headers);
      if (verdict instanceof Promise) verdict.then(admit, done);
      else admit(verdict);
    });
    ready();
  },
  { name: 'mpa-client-authentication' },
);
