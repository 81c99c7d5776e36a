import { Logger } from 'pino';
import { ConfigError, GatewayConfig } from '../config/gateway-config';
import { ClientAuthenticator, createClientAuthenticator } from '../http/client-auth';

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
    throw new ConfigError('clientAuth: configure jwt or apiKeys for the callers (or set clientAuth.allowAnonymous to true behind your own gate)');
  }
  if (clientAuth.allowAnonymous) logger.warn('clientAuth.allowAnonymous is on: unauthenticated callers may query');
  return createClientAuthenticator({ ...clientAuth, logger });
}
