import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { GatewayConfigInput } from '../../src/config/gateway-config';
import { sandboxToken } from '../../src/emulator/partner-center/emulated-world';
import { Emulator } from '../../src/emulator/partner-center/emulator-server';
import { CspRegion } from '../../src/partner-center/csp-region';
import { auditCommand } from '../../src/cli/audit';

export interface AuditResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface InProcessAuditOptions {
  /** Default none (sandbox mode). The process environment the command sees. */
  readonly env?: Record<string, string>;
  /** Default an empty, non-terminal standard input. */
  readonly stdin?: string;
  readonly signal?: AbortSignal;
  /** Default false. Called with each chunk written to standard error, as it comes. */
  readonly onStderr?: (text: string) => void;
}

/** Runs `npm run audit`'s command in this process with its own streams (not terminals) and environment. */
export async function auditInProcess(argv: readonly string[], options: InProcessAuditOptions = {}): Promise<AuditResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => {
    err += chunk;
    options.onStderr?.(String(chunk));
  });
  const code = await auditCommand({
    argv,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdin: Readable.from([Buffer.from(options.stdin ?? '')]),
    stdout,
    stderr,
    signal: options.signal,
  });
  return { code, stdout: out, stderr: err };
}

/** A scratch folder for one test file's lists and reports. */
export const scratchFolder = (): string => mkdtempSync(path.join(tmpdir(), 'mpa-audit-test-'));

/**
 * The environment for an audit against a test's own emulator (accounts for `regions` with
 * their fixed tokens), so the test can count its calls; `config` is merged in.
 */
export function emulatorEnvironment(
  folder: string,
  emulator: Emulator,
  regions: readonly CspRegion[],
  config: GatewayConfigInput = {},
): Record<string, string> {
  const file = path.join(folder, `config-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      ...config,
      partnerCenter: { baseUrl: emulator.url, ...config.partnerCenter },
      accounts: regions.map((region) => ({ region, staticToken: sandboxToken(region) })),
    }),
  );
  return { MPA_CONFIG_FILE: file };
}

/** A CSV list of MPN IDs, one a line after the header. */
export const mpnIdList = (ids: readonly string[]): string => `mpnId\n${ids.join('\n')}\n`;
