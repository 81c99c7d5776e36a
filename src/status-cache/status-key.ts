import { CspRegion } from '../partner-center/csp-region';
import { ResellerIdentifier, identifierKey } from '../partner-center/reseller-identifier';

/** One (reseller, region) question. */
export interface StatusKey {
  readonly identifier: ResellerIdentifier;
  readonly region: CspRegion;
}

/**
 * The text key of a (reseller, region) status, `mpnId:1234567@UNITED_STATES`: an operation's
 * loaders, rechecks and region lookups, and the cache, all name a question this way.
 */
export function statusKey(key: StatusKey): string {
  return `${identifierKey(key.identifier)}@${key.region}`;
}

/**
 * A status's key in a store other deployments may share, `<tag>:mpnId:1234567@UNITED_STATES`:
 * under the account identity tag, so no deployment reads or writes another's entries. Redis
 * keys are built on it; changing it orphans every cached entry.
 */
export function storedStatusKey(tag: string, key: StatusKey): string {
  return `${tag}:${statusKey(key)}`;
}

/** The account identity tag a `storedStatusKey` starts with. */
export function tagOfStoredStatusKey(stored: string): string {
  return stored.split(':')[0];
}
