import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CSP_REGION_NAMES } from '../partner-center/csp-region';
import { startEmulator } from './emulator-server';
import { parseRateLimit } from './rate-limit';

/** `npm run emulator`: a standalone Partner Center emulator with the documented test identifiers. */
async function main(): Promise<void> {
  const port = Number(process.env.EMULATOR_PORT ?? 4010);
  const latencyMs = Number(process.env.EMULATOR_LATENCY_MS ?? 0);
  const withAuthority = /^(1|true|yes)$/i.test(process.env.EMULATOR_AUTHORITY ?? '');
  const rateLimit = parseRateLimit(process.env.EMULATOR_RATE_LIMIT);
  const emulator = await startEmulator({ port, latencyMs, authority: withAuthority, rateLimit });
  const lines = [
    `Partner Center emulator listening on ${emulator.url}`,
    `  agreementstatus: GET ${emulator.url}/v1/compliance/csp/agreementstatus?mpnId=1000001`,
    `  admin:           GET ${emulator.url}/_emulator (calls, faults, rate limit: see README)`,
    ...(rateLimit ? [`  rate limit:      ${rateLimit.perSecond} calls a second per account (EMULATOR_RATE_LIMIT)`] : []),
    '',
    'Bearer tokens (one account per CSP region):',
    ...emulator.accounts.map((a) => `  ${a.token.padEnd(50)} ${CSP_REGION_NAMES[a.region]}`),
    '',
    'Test identifiers (as seen from the United States account unless stated):',
    ...emulator.resellers.map((r) => `  ${r.mpnId.padEnd(9)} ${(r.tenantId ?? '-').padEnd(38)} ${r.purpose}`),
    '  any other MPN ID answers 2200; any other tenant ID answers 2205.',
  ];
  if (emulator.authority) {
    const caFile = path.join(mkdtempSync(path.join(tmpdir(), 'mpa-emulator-')), 'authority-ca.pem');
    writeFileSync(caFile, emulator.authority.caCertificate);
    lines.push(
      '',
      `Token authority (HTTPS, self-signed): ${emulator.authority.url}`,
      `  its certificate: ${caFile} (set auth.caCertificateFile or MPA_AUTH_CA_FILE to it)`,
      '  app registrations (made-up credentials, one per region):',
      ...emulator.accounts.map((a) => `  ${a.region.padEnd(40)} tenantId ${a.tenantId}  clientId ${a.clientId}  clientSecret ${a.clientSecret}`),
      '  sign in with `npm run login -- --region <REGION>`; device codes are approved at',
      `  POST ${emulator.url}/_emulator/device-codes/<code>/approve`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`emulator failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
