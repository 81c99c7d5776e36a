import { Reseller, resellerFrom } from './reseller.type';

/**
 * Federation's `__resolveReference`: another subgraph names a Reseller by `mpnId` or by
 * `tenantId`. Nothing is fetched here; `mpaStatus` goes through the operation's loader,
 * so a supergraph query over many orders makes one upstream call per distinct pair.
 */
export function resolveResellerReference(reference: { mpnId?: string | number | null; tenantId?: string | null }): Reseller {
  return resellerFrom({ mpnId: reference.mpnId, tenantId: reference.tenantId });
}
