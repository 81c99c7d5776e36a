import { GatewayConfig } from '../config/gateway-config';
import { ExplorerOptions } from '../http/explorer';
import { SANDBOX_EXAMPLE } from './sandbox-banner';

/**
 * What the explorer opens with: in sandbox mode the sandbox example, sent in English; otherwise
 * an empty editor and the credential header the callers use, to fill in.
 */
export function explorerSettings(config: GatewayConfig, sandbox: boolean): ExplorerOptions {
  if (sandbox) return { query: SANDBOX_EXAMPLE.query, variables: SANDBOX_EXAMPLE.variables, headers: SANDBOX_EXAMPLE.headers };
  const headers: Record<string, string> = {};
  if (config.clientAuth.apiKeys.length > 0) headers['X-Api-Key'] = '<your API key>';
  else if (config.clientAuth.jwt) headers.Authorization = 'Bearer <a token from your identity provider>';
  return { headers };
}
