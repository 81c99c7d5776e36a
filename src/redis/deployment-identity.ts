import { createHash } from 'node:crypto';
import { CspRegion } from '../partner-center/csp-region';

/**
 * What makes one region account's answers its own: the Partner Center it asks (cloud base
 * URL and program), the account (its Entra ID tenant, or for a fixed-token account a hash of
 * the token), and whether it is the built-in sandbox, an emulator reached with a fixed token,
 * or a real Partner Center reached with App+User credentials. Two processes share Redis
 * entries only when every one of these is the same.
 */
export interface AccountIdentity {
  readonly region: CspRegion;
  /** The base URL, or `built-in` for the sandbox's own emulator (its port changes every start). */
  readonly baseUrl: string;
  readonly program: string;
  /** The provider's Entra ID tenant, or `token:<hash>` for a fixed-token account. */
  readonly account: string;
  /** `sandbox`: the built-in emulator; `emulator`: a fixed-token account; `live`: App+User credentials. */
  readonly kind: 'sandbox' | 'emulator' | 'live';
}

const shortHash = (text: string, length = 12) => createHash('sha256').update(text).digest('hex').slice(0, length);

/** A fixed token's stand-in in an identity: never the token itself. */
export const tokenAccount = (token: string): string => `token:${shortHash(token, 16)}`;

/**
 * The part of every shared key that names the account: a readable prefix (kind and region)
 * and a short hash of the whole identity, e.g. `live-united_states-3f9a1c0b2d4e`.
 */
export function identityTag(identity: AccountIdentity): string {
  const whole = [
    identity.kind,
    identity.baseUrl.replace(/\/+$/, '').toLowerCase(),
    identity.program.toLowerCase(),
    identity.account.toLowerCase(),
    identity.region,
  ].join('\n');
  return `${identity.kind}-${identity.region.toLowerCase()}-${shortHash(whole)}`;
}

/** Every configured region's tag. */
export interface DeploymentIdentity {
  readonly accounts: readonly AccountIdentity[];
  /** The tag of a region's account; a region without one gets a tag no account has. */
  tagOf(region: CspRegion): string;
  /** Whether this deployment answers from anything but a real Partner Center. */
  readonly emulated: boolean;
  /**
   * The tag of the deployment as a whole, for shared keys that belong to no one region (the
   * per-client request counts): every account's tag hashed together, e.g. `deployment-3f9a1c0b2d4e`.
   */
  readonly tag: string;
}

export function createDeploymentIdentity(accounts: readonly AccountIdentity[]): DeploymentIdentity {
  const tags = new Map(accounts.map((account) => [account.region, identityTag(account)]));
  return {
    accounts,
    tagOf: (region) => tags.get(region) ?? `none-${region.toLowerCase()}`,
    emulated: accounts.some((account) => account.kind !== 'live'),
    tag: `deployment-${shortHash([...tags.values()].sort().join('\n'))}`,
  };
}
