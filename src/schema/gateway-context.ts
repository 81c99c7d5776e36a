import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import { CspRegion } from '../partner-center/csp-region';
import { ResellerIdentifier, identifierKey } from '../partner-center/reseller-identifier';
import { CheckedStatus, StatusChecker } from '../status/status-checker';

/** Long-lived parts every operation shares. */
export interface GatewayServices {
  readonly checker: StatusChecker;
  /** Longest list one argument may hold (resellers, cart lines). */
  readonly maxResellersPerQuery: number;
  /** Time one operation may spend on Partner Center, retries included, in ms. */
  readonly operationDeadlineMs: number;
  /** When Partner Center cannot answer: block Submit (`closed`) or allow it unverified (`open`). */
  readonly failPolicy: 'closed' | 'open';
}

/** One (reseller, region) question. */
export interface StatusKey {
  readonly identifier: ResellerIdentifier;
  readonly region: CspRegion;
}

/** What every resolver of one operation sees. */
export interface GatewayContext {
  readonly services: GatewayServices;
  /** Per operation: one upstream question per distinct (identifier, region). */
  readonly statusLoader: DataLoader<StatusKey, CheckedStatus, string>;
  /** Locale from Accept-Language (en-US when absent); a `locale` argument overrides it. */
  readonly locale: string;
  /** Epoch ms by which this operation's upstream questions must be answered. */
  readonly deadline: number;
  /** The HTTP request's id (X-Request-Id): in log lines and masked errors. */
  readonly requestId: string;
  /**
   * Cleared when the operation used an answer that must not be reused (unavailable,
   * unknown, a recheck) or failed; only while set may its whole response be reused. A
   * holder, since Apollo hands resolvers a shallow copy of the context.
   */
  readonly response: { reusable: boolean };
}

export const statusKey = (key: StatusKey): string => `${identifierKey(key.identifier)}@${key.region}`;

/**
 * A new loader for one operation: it asks once per distinct key. Answers are never errors:
 * every outcome is data. Not batched, since Partner Center answers one reseller per call:
 * each key is asked on its own, so a reseller's part of the response is built as soon as its
 * answer arrives instead of after the slowest of the batch.
 */
export function createStatusLoader(
  checker: StatusChecker,
  deadline: number,
  traceId?: string,
): DataLoader<StatusKey, CheckedStatus, string> {
  return new DataLoader<StatusKey, CheckedStatus, string>(
    async ([key]) => [await checker.check(key.identifier, key.region, { deadline, traceId })],
    { cacheKeyFn: statusKey, batch: false },
  );
}

export function createGatewayContext(services: GatewayServices, locale: string, requestId: string = randomUUID()): GatewayContext {
  const deadline = Date.now() + services.operationDeadlineMs;
  return { services, statusLoader: createStatusLoader(services.checker, deadline, requestId), locale, deadline, requestId, response: { reusable: true } };
}
