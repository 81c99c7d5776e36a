import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EmulatedRegion } from './emulated-regions';
import { Emulator, startEmulator } from './partner-center/emulator-server';
import { parseRateLimit } from './partner-center/rate-limit';

/** `npm run emulator`: a standalone Partner Center emulator with the documented test identifiers. */
async function main(): Promise<void> {
  const port = Number(process.env.EMULATOR_PORT ?? 4010);
  const latencyMs = Number(process.env.EMULATOR_LATENCY_MS ?? 0);
  const withAuthority = /^(1|true|yes)$/i.test(process.env.EMULATOR_AUTHORITY ?? '');
  const rateLimit = parseRateLimit(process.env.EMULATOR_RATE_LIMIT);
  const relationshipsPageSize = process.env.EMULATOR_RELATIONSHIPS_PAGE_SIZE
    ? Number(process.env.EMULATOR_RELATIONSHIPS_PAGE_SIZE)
    : undefined;
  // A test control (fault rules that hold answers until released); the sandbox never turns it on.
  const allowHold = /^(1|true|yes)$/i.test(process.env.EMULATOR_ALLOW_HOLD ?? '');
  const emulator = await startEmulator({ port, latencyMs, authority: withAuthority, rateLimit, relationshipsPageSize, allowHold });
  const lines = [
    `Partner Center emulator listening on ${emulator.url}`,
    `  agreementstatus: GET ${emulator.url}/v1/compliance/csp/agreementstatus?mpnId=1000001`,
    `  relationships:   GET ${emulator.url}/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf (paged)`,
    `  admin:           GET ${emulator.url}/_emulator (calls, faults, rate limit: see docs/partner-center.md)`,
    ...(rateLimit ? [`  rate limit:      ${rateLimit.perSecond} calls a second per account (EMULATOR_RATE_LIMIT)`] : []),
    '',
    'Bearer tokens (one account per CSP region):',
    ...emulator.accounts.map((a) => `  ${a.token.padEnd(50)} ${a.region}`),
    '',
    'Test identifiers (as seen from the United States account unless stated):',
    ...emulator.resellers.map((r) => `  ${r.mpnId.padEnd(9)} ${(r.tenantId ?? '-').padEnd(38)} ${(r.name ?? '').padEnd(26)} ${r.purpose}`),
    '  any other MPN ID answers 2200; any other tenant ID answers 2205.',
  ];
  if (emulator.authority) {
    // A fixed place (git-ignored) so the commands below stay the same from one start to the next.
    const folder = path.resolve(process.env.EMULATOR_OUTPUT_DIR ?? path.join('.mpa-gateway', 'emulator'));
    mkdirSync(folder, { recursive: true });
    const caFile = path.join(folder, 'authority-ca.pem');
    writeFileSync(caFile, emulator.authority.caCertificate);
    const configFile = path.join(folder, 'gateway-config.json');
    writeFileSync(configFile, `${JSON.stringify(loginConfig(emulator, caFile, path.join(folder, 'token-cache')), null, 2)}\n`);
    lines.push(
      '',
      `Token authority (HTTPS, self-signed): ${emulator.authority.url}`,
      `  its certificate: ${caFile}`,
      '  app registrations (made-up credentials, one per region):',
      ...emulator.accounts.map(
        (a) => `  ${a.region.padEnd(40)} tenantId ${a.tenantId}  clientId ${a.clientId}  clientSecret ${a.clientSecret}`,
      ),
      '',
      `Gateway configuration for this emulator (EUROPE and UNITED_STATES accounts): ${configFile}`,
      '  1. sign in one region by device code:',
      `       MPA_CONFIG_FILE=${configFile} npm run login -- --region EUROPE`,
      `  2. open ${emulator.authority.url}/devicelogin (accept its self-signed certificate)`,
      '     and press Approve beside the code the login printed',
      '  3. run the gateway against the emulator with that sign-in:',
      `       MPA_CONFIG_FILE=${configFile} PORT=4000 npm start`,
      `  (or approve a code without a browser: POST ${emulator.url}/_emulator/device-codes/<code>/approve)`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/**
 * The gateway configuration that talks to this emulator with App+User tokens from its
 * authority: what `npm run login` and `npm start` read through MPA_CONFIG_FILE.
 */
function loginConfig(emulator: Emulator, caFile: string, tokenCacheDir: string) {
  const regions: readonly EmulatedRegion[] = ['EUROPE', 'UNITED_STATES'];
  return {
    partnerCenter: { baseUrl: emulator.url },
    auth: { authorityHost: emulator.authority!.url, caCertificateFile: caFile, tokenCacheDir },
    accounts: emulator.accounts
      .filter((account) => regions.includes(account.region))
      .map((account) => ({
        region: account.region,
        tenantId: account.tenantId,
        clientId: account.clientId,
        clientSecret: account.clientSecret,
      })),
    // Only local callers reach this emulator's gateway; a real deployment configures clientAuth.
    clientAuth: { allowAnonymous: true },
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`emulator failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
