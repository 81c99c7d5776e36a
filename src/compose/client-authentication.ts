import { Logger } from 'pino';
import { ConfigError, GatewayConfig } from '../config/gateway-config';
import { ClientAuthenticator, createClientAuthenticator } from '../http/client-auth';
import { CLIENT_SCOPES } from '../client-access/client-scope';

/**
 * One warning naming each API key that holds every scope (none configured, which keeps
 * configurations from before scopes working, or all of them listed), and one when JWTs carry
 * every scope because no scope claim is configured.
 */
function warnAboutEveryScope(config: GatewayConfig, logger: Logger): void {
  const { apiKeys, jwt } = config.clientAuth;
  const everyScope = apiKeys.filter((key) => !key.scopes || CLIENT_SCOPES.every((scope) => key.scopes?.includes(scope)));
  if (everyScope.length > 0) {
    const names = everyScope.map((key) => key.name);
    logger.warn(
      { apiKeys: names },
      `clientAuth.apiKeys: ${names.join(', ')} may do everything (${CLIENT_SCOPES.join(', ')}); give each key only the scopes its caller needs (a browser key: orders:check)`,
    );
  }
  if (jwt && jwt.scopeClaim === undefined) {
    logger.warn('clientAuth.jwt.scopeClaim is not set: every valid bearer token may do everything; name the claim that carries its scopes');
  }
}

/**
 * Who may call: anyone in sandbox mode (said loudly in the log); otherwise bearer JWTs and/or
 * API keys, and the gateway refuses to start with neither unless anonymous callers are
 * allowed explicitly.
 */
export function clientAuthenticator(config: GatewayConfig, sandbox: boolean, logger: Logger): ClientAuthenticator {
  const { clientAuth } = config;
  if (sandbox) {
    logger.warn('client authentication is OFF in sandbox mode: anyone who can reach this port may query');
    return createClientAuthenticator({ apiKeys: [], allowAnonymous: true, logger });
  }
  if (!clientAuth.jwt && clientAuth.apiKeys.length === 0 && !clientAuth.allowAnonymous) {
    throw new ConfigError(
      'clientAuth: configure jwt or apiKeys for the callers (or set clientAuth.allowAnonymous to true behind your own gate)',
    );
  }
  if (clientAuth.allowAnonymous) logger.warn('clientAuth.allowAnonymous is on: unauthenticated callers may query, with every scope');
  warnAboutEveryScope(config, logger);
  return createClientAuthenticator({ ...clientAuth, logger });
}
