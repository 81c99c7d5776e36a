import { Agent } from 'undici';
import { GatewayConfig } from '../config/gateway-config';
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

/** Whether this configuration runs against the built-in emulator. */
export function isSandbox(config: GatewayConfig): boolean {
  return config.sandbox ?? config.accounts.length === 0;
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
