import pLimit from 'p-limit';
import { CspRegion } from '../partner-center/csp-region';
import { AgreementOutcome } from '../partner-center/outcome';
import { PartnerCenterClient } from '../partner-center/partner-center-client';
import { ResellerIdentifier } from '../partner-center/reseller-identifier';

/** One Partner Center account: the region its orders come from, and its client. */
export interface RegionAccount {
  readonly region: CspRegion;
  readonly client: PartnerCenterClient;
}

/** An outcome with the time it was learnt. */
export interface CheckedStatus {
  readonly outcome: AgreementOutcome;
  readonly checkedAt: Date;
}

export interface StatusCheckerOptions {
  /** Required. One account per configured region. */
  readonly accounts: readonly RegionAccount[];
  /** Default `8`. Concurrent upstream calls per account. */
  readonly concurrency?: number;
}

/** Asks Partner Center through the right region's account. */
export interface StatusChecker {
  /** Regions with an account, in the order configured. */
  readonly configuredRegions: readonly CspRegion[];
  isConfigured(region: CspRegion): boolean;
  /** The reseller's status for orders from `region`; the region must be configured. */
  check(identifier: ResellerIdentifier, region: CspRegion): Promise<CheckedStatus>;
}

export function createStatusChecker(options: StatusCheckerOptions): StatusChecker {
  const concurrency = options.concurrency ?? 8;
  if (!Number.isInteger(concurrency) || concurrency <= 0) {
    throw new TypeError(`StatusChecker: concurrency must be a positive integer, got ${String(options.concurrency)}`);
  }
  const byRegion = new Map(
    options.accounts.map((account) => [account.region, { client: account.client, limit: pLimit(concurrency) }]),
  );
  if (byRegion.size !== options.accounts.length) throw new TypeError('StatusChecker: one account per region');

  return {
    configuredRegions: options.accounts.map((account) => account.region),
    isConfigured: (region) => byRegion.has(region),
    check: async (identifier, region) => {
      const account = byRegion.get(region);
      if (!account) throw new Error(`no Partner Center account for region ${region}`);
      const { outcome } = await account.limit(() => account.client.agreementStatus(identifier));
      return { outcome, checkedAt: new Date() };
    },
  };
}
