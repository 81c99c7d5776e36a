import { Agent } from 'undici';
import { ConfigError, ConfigSourceOf, GatewayConfig } from '../config/gateway-config';
import { sandboxToken } from '../emulator/partner-center/emulated-world';
import { Emulator, startEmulator } from '../emulator/partner-center/emulator-server';
import { CspRegion } from '../partner-center/csp-region';
import { PartnerCenterClientOptions, createPartnerCenterClient } from '../partner-center/client/partner-center-client';
import { createPartnerCenterDispatcher } from '../partner-center/client/dispatcher';
import { createStaticTokenProvider } from '../partner-center/auth/token-provider';
import { RegionAccount } from '../partner-center/status-checker';

/** The built-in emulator a sandbox gateway talks to (the only module of the gateway that loads it). */
export type SandboxEmulator = Emulator;

/** Regions the sandbox configures; the others answer MpaRegionNotConfigured, to demo that screen. */
export const SANDBOX_REGIONS: readonly CspRegion[] = ['UNITED_STATES', 'CANADA', 'EUROPE', 'BRAZIL', 'JAPAN'];

/**
 * Keys that only make sense against the real Partner Center or with real callers: any of them
 * set means the operator meant production, so sandbox mode is never implied, and asking for
 * it as well is a contradiction.
 */
export function productionKeysSet(config: GatewayConfig): string[] {
  const keys: string[] = [];
  if (config.accounts.length > 0) keys.push('accounts');
  if (config.partnerCenter.baseUrl !== undefined) keys.push('partnerCenter.baseUrl');
  if (config.clientAuth.jwt !== undefined) keys.push('clientAuth.jwt');
  if (config.clientAuth.apiKeys.length > 0) keys.push('clientAuth.apiKeys');
  return keys;
}

/** Whether a listening address only takes connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return (
    bare === 'localhost' ||
    bare === '::1' ||
    bare === '0:0:0:0:0:0:0:1' ||
    /^127(\.\d{1,3}){3}$/.test(bare) ||
    /^::ffff:127(\.\d{1,3}){3}$/.test(bare)
  );
}

/**
 * A sandbox choice that contradicts the rest of the configuration: sandbox mode asked for
 * beside production keys, or a sandbox (open to anyone, answering from the emulator) on an
 * address other machines can reach. Its message names every key involved.
 */
export class SandboxConflictError extends ConfigError {
  constructor(
    /** The sentence without where each key came from. */
    private readonly sentence: (named: (key: string) => string) => string,
  ) {
    super(sentence((key) => key));
  }

  /** The same sentence, each key followed by where it was set: `accounts (from the file gateway.json)`. */
  describe(sourceOf: ConfigSourceOf): string {
    return this.sentence((key) => `${key} (from ${sourceOf(key)})`);
  }
}

const listOf = (keys: readonly string[]) =>
  keys.length <= 1 ? keys.join('') : `${keys.slice(0, -1).join(', ')} and ${keys[keys.length - 1]}`;

/**
 * Whether this configuration runs against the built-in emulator: when `sandbox` is true, or,
 * left unset, when no production key is set (no accounts, no client authentication, no
 * Partner Center URL). Throws a SandboxConflictError when sandbox mode is asked for beside
 * production keys.
 */
export function isSandbox(config: GatewayConfig): boolean {
  const production = productionKeysSet(config);
  if (config.sandbox === true && production.length > 0) {
    throw new SandboxConflictError(
      (named) =>
        `Invalid configuration: ${named('sandbox')} is true, but ${listOf(production.map(named))} ${production.length === 1 ? 'is' : 'are'} set for production; ` +
        'turn sandbox off to use them, or remove them to try the built-in emulator.',
    );
  }
  return config.sandbox ?? production.length === 0;
}

/**
 * Refuses (SandboxConflictError) a sandbox that would listen on a non-loopback `host` without
 * `allowSandboxBeyondLoopback`: it has no client authentication. Only what listens asks (the
 * audit command runs a sandbox without listening).
 */
export function refuseExposedSandbox(config: GatewayConfig, sandbox: boolean): void {
  if (sandbox && !isLoopbackHost(config.host) && config.allowSandboxBeyondLoopback !== true) {
    throw new SandboxConflictError(
      (named) =>
        `Invalid configuration: ${named('host')} is ${JSON.stringify(config.host)}, but sandbox mode (no client authentication, answers from the emulator) ` +
        `only listens on loopback (127.0.0.1, ::1); use a loopback host, or set ${named('allowSandboxBeyondLoopback')} to true to expose it on purpose.`,
    );
  }
}

/** Client options every account shares, whatever Partner Center it talks to. */
export type AccountClientOptions = (region: CspRegion) => Omit<PartnerCenterClientOptions, 'baseUrl' | 'tokenProvider' | 'dispatcher'>;

/**
 * Starts the emulator (on `emulatorPort`) and one account per sandbox region, each with
 * that region's fixed sandbox token.
 */
export async function startSandbox(
  config: GatewayConfig,
  clientOptions: AccountClientOptions,
): Promise<{ emulator: SandboxEmulator; accounts: RegionAccount[]; dispatcher: Agent }> {
  const emulator = await startEmulator({ port: config.emulatorPort });
  const dispatcher = createPartnerCenterDispatcher({ connectTimeoutMs: config.partnerCenter.timeoutMs });
  const accounts = SANDBOX_REGIONS.map((region) => ({
    region,
    client: createPartnerCenterClient({
      ...clientOptions(region),
      baseUrl: emulator.url,
      tokenProvider: createStaticTokenProvider(sandboxToken(region)),
      dispatcher,
    }),
  }));
  return { emulator, accounts, dispatcher };
}
