import { PartnerRelationship } from '../partner-center/client/relationships-reading';
import { ResellerIdentifier } from '../partner-center/reseller-identifier';
import { RefreshFailure, StoredDirectory } from './directory-store';

/** One account's list, indexed for lookups by MPN ID and by tenant ID. */
export interface DirectorySnapshot {
  readonly fetchedAt: number;
  /** When its fetch started (µs, on the store's clock), to order lists. */
  readonly startedAt: number | undefined;
  readonly size: number;
  find(identifier: ResellerIdentifier): PartnerRelationship | undefined;
}

/** Whether a relationship lets orders through: Partner Center's `active`, in any case. */
export const isActive = (relationship: PartnerRelationship): boolean => relationship.state.toLowerCase() === 'active';

/**
 * Indexes a stored list. When an identifier is listed twice (a reseller whose state changed
 * while the pages were read, an MPN ID on two tenants), a relationship that is not active
 * wins, and so does one listed under the other identifier of an entry found: contradicting
 * entries never let an order through.
 */
export function indexDirectory(directory: StoredDirectory): DirectorySnapshot {
  const byMpnId = new Map<string, PartnerRelationship>();
  const byTenantId = new Map<string, PartnerRelationship>();
  const put = (index: Map<string, PartnerRelationship>, key: string, relationship: PartnerRelationship) => {
    const held = index.get(key);
    if (!held || (isActive(held) && !isActive(relationship))) index.set(key, relationship);
  };
  for (const relationship of directory.relationships) {
    put(byTenantId, relationship.tenantId, relationship);
    if (relationship.mpnId) put(byMpnId, relationship.mpnId, relationship);
  }
  // An active entry whose tenant (or MPN ID) is also listed as not active under another entry.
  const contradicted = (found: PartnerRelationship): PartnerRelationship => {
    if (!isActive(found)) return found;
    const other = [byTenantId.get(found.tenantId), found.mpnId ? byMpnId.get(found.mpnId) : undefined].find(
      (relationship) => relationship !== undefined && !isActive(relationship),
    );
    return other ?? found;
  };
  return {
    fetchedAt: directory.fetchedAt,
    startedAt: directory.startedAt,
    size: directory.relationships.length,
    find: (identifier) => {
      const found = (identifier.kind === 'mpnId' ? byMpnId : byTenantId).get(identifier.value);
      return found && contradicted(found);
    },
  };
}

/** What a directory says about one reseller for one region account. */
export type RelationshipLookup =
  | { readonly kind: 'active' | 'notActive'; readonly relationship: PartnerRelationship; readonly fetchedAt: number }
  /** The list has no relationship for the reseller. */
  | { readonly kind: 'none'; readonly fetchedAt: number }
  | {
      readonly kind: 'unknown';
      /**
       * `notLoaded`: the first refresh has not ended; `unavailable`: every refresh so far failed;
       * `tooOld`: the last list is older than allowed; `regionNotConfigured`: no account there.
       */
      readonly reason: 'notLoaded' | 'unavailable' | 'tooOld' | 'regionNotConfigured';
      readonly fetchedAt: number | null;
      readonly lastFailure: RefreshFailure | null;
    };

/** How one account's directory stands, for /readyz, metrics and the refresh mutation. */
export interface DirectoryState {
  /**
   * `loading`: no list yet, the first refresh runs; `ready`: a list, and the last refresh
   * worked; `stale`: a list, but the refresh after it failed; `tooOld`: the list is older than
   * allowed and is not used; `unavailable`: no list, and refreshing failed.
   */
  readonly status: 'loading' | 'ready' | 'stale' | 'tooOld' | 'unavailable';
  readonly resellers: number | null;
  readonly fetchedAt: number | null;
  readonly ageSeconds: number | null;
  readonly lastFailure: RefreshFailure | null;
  readonly refreshing: boolean;
}
