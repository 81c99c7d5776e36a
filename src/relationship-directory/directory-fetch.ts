import { Logger } from 'pino';
import { PartnerCenterClient } from '../partner-center/client/partner-center-client';
import { CspRegion } from '../partner-center/csp-region';
import { RefreshFailure, RefreshOutcome } from './directory-store';
import { Deadline } from '../time/deadline';
import { refreshFailureOf } from './refresh-failure';

export interface DirectoryFetchOptions {
  readonly client: Pick<PartnerCenterClient, 'indirectResellers'>;
  readonly region: CspRegion;
  /** When the whole listing must end by. */
  readonly deadline: Deadline;
  readonly signal: AbortSignal;
  readonly retry?: { readonly maxAttempts?: number; readonly baseDelayMs?: number; readonly maxDelayMs?: number };
  readonly logger: Logger;
}

/**
 * Lists one account's resellers from Partner Center, every page. A listing whose pages hold
 * fewer items than the `totalCount` one of them gave is a failed refresh: the items not read
 * would otherwise answer "no relationship".
 */
export async function fetchDirectory(
  options: DirectoryFetchOptions,
  fetch: { readonly startedAt: number; readonly forced: boolean },
): Promise<RefreshOutcome> {
  const { region, logger } = options;
  const began = Date.now();
  // A forced refresh is bulk work: order forms go before it. A scheduled one keeps the account's class.
  const result = await options.client.indirectResellers({
    deadline: options.deadline,
    signal: options.signal,
    ...options.retry,
    ...(fetch.forced ? { workClass: 'bulk' as const } : {}),
  });
  if (!result.ok) {
    const failure = refreshFailureOf(result.outcome);
    logger.warn(
      { region, reason: failure.reason, httpStatus: failure.httpStatus, pages: result.pages },
      'Reseller directory refresh failed; the last list is kept',
    );
    return { ok: false, failure };
  }
  const listed = result.relationships.length + result.skipped;
  if (result.totalCount !== undefined && listed < result.totalCount) {
    const failure: RefreshFailure = { at: Date.now(), reason: 'UNRECOGNIZED_ANSWER', httpStatus: 200 };
    logger.warn(
      { region, listed, totalCount: result.totalCount, pages: result.pages },
      'Reseller directory refresh failed: the pages hold fewer items than totalCount; the last list is kept',
    );
    return { ok: false, failure };
  }
  logger.info(
    { region, resellers: result.relationships.length, pages: result.pages, skipped: result.skipped, durationMs: Date.now() - began },
    'Reseller directory refreshed',
  );
  return { ok: true, directory: { fetchedAt: Date.now(), relationships: result.relationships, ...fetch } };
}
