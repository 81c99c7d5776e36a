import { unverifiedClaims } from './jwt-claims';
import { INetworkModule, PublicClientApplication } from '@azure/msal-node';
import { CspRegion } from '../csp-region';
import { TokenCacheStore, createCachePlugin } from './token-cache-store';

export interface DeviceCodeLoginOptions {
  readonly region: CspRegion;
  readonly authorityHost: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly scope: string;
  /** The same store the gateway reads for this region. */
  readonly cacheStore: TokenCacheStore;
  readonly networkClient?: INetworkModule;
  /** Told what the operator must do: open the URL and type the code. */
  readonly onDeviceCode: (prompt: { message: string; userCode: string; verificationUri: string }) => void;
}

export interface DeviceCodeLoginResult {
  readonly username: string;
  /** Whether the sign-in used MFA (`amr` has `mfa`), which Partner Center requires. */
  readonly mfa: boolean;
  readonly cacheLocation: string;
}

/**
 * The secure application model's one interactive step: an operator signs in (with MFA)
 * through the device-code flow, and the resulting refresh token lands in the region's
 * token cache, where the gateway picks it up.
 */
export async function loginWithDeviceCode(options: DeviceCodeLoginOptions): Promise<DeviceCodeLoginResult> {
  const authority = new URL(options.authorityHost);
  const app = new PublicClientApplication({
    auth: { clientId: options.clientId, authority: `${authority.origin}/${options.tenantId}`, knownAuthorities: [authority.host] },
    cache: { cachePlugin: createCachePlugin(options.cacheStore) },
    ...(options.networkClient ? { system: { networkClient: options.networkClient } } : {}),
  });
  const result = await app.acquireTokenByDeviceCode({
    scopes: [options.scope],
    deviceCodeCallback: (response) =>
      options.onDeviceCode({ message: response.message, userCode: response.userCode, verificationUri: response.verificationUri }),
  });
  if (!result) throw new Error('the authority returned no token');
  const amr = unverifiedClaims(result.accessToken).amr;
  return {
    username: result.account?.username ?? '(unknown user)',
    mfa: Array.isArray(amr) && amr.includes('mfa'),
    cacheLocation: options.cacheStore.location,
  };
}
