import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, authorityHost, loadGatewayConfig, partnerCenterScope, tokenCacheFile, tokenCacheKey } from '../config/gateway-config';
import { CSP_REGIONS, isCspRegion } from '../partner-center/csp-region';
import { loginWithDeviceCode } from '../partner-center/auth/device-code-login';
import { createMsalNetworkClient } from '../partner-center/auth/msal-network-client';
import { tokenProblemOf, operatorAction } from '../partner-center/auth/app-user-token-provider';
import { createFileTokenCacheStore } from '../partner-center/auth/token-cache-store';

const USAGE = `Usage: npm run login -- --region <REGION>

Signs in one region's Partner Center account (device code, with MFA) and stores its
refresh token in the gateway's token cache. Reads the same configuration as the gateway
(MPA_CONFIG_FILE and environment). Regions: ${CSP_REGIONS.join(', ')}.
`;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { region: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const region = values.region?.toUpperCase();
  if (!region || !isCspRegion(region)) {
    process.stderr.write(`--region must be one of the CSP regions.\n\n${USAGE}`);
    return 2;
  }
  const config = loadGatewayConfig();
  const account = config.accounts.find((candidate) => candidate.region === region);
  if (!account?.tenantId || !account.clientId) {
    process.stderr.write(`No App+User account for ${region} in the configuration: add one with tenantId and clientId first.\n`);
    return 2;
  }
  const cacheStore = createFileTokenCacheStore(tokenCacheFile(config, region), { encryptionKey: tokenCacheKey(config) });
  process.stdout.write(`Signing in the Partner Center account for ${region} (tenant ${account.tenantId}).\n`);
  try {
    const result = await loginWithDeviceCode({
      region,
      authorityHost: authorityHost(config),
      tenantId: account.tenantId,
      clientId: account.clientId,
      scope: partnerCenterScope(config),
      cacheStore,
      // Ours, not msal-node's: it sends nothing to another host than the authority, and follows no redirect.
      networkClient: createMsalNetworkClient({
        caCertificate: config.auth.caCertificateFile ? readFileSync(config.auth.caCertificateFile, 'utf8') : undefined,
        authorityOrigin: authorityHost(config),
      }),
      onDeviceCode: (prompt) => process.stdout.write(`${prompt.message}\n`),
    });
    process.stdout.write(`Signed in as ${result.username}. The token cache for ${region} is ${result.cacheLocation} (owner-only).\n`);
    if (!result.mfa) {
      process.stdout.write('Warning: this sign-in did not use MFA; Partner Center refuses such tokens. Sign in again with MFA.\n');
      return 1;
    }
    process.stdout.write('The gateway uses it at its next token refresh, or at its next start.\n');
    return 0;
  } catch (error) {
    const { problem, aadsts } = tokenProblemOf(error);
    process.stderr.write(`Sign-in failed. ${operatorAction(problem, region, aadsts)}\n`);
    return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `login failed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
