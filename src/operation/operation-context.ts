import DataLoader from 'dataloader';
import { gatewayOutcome } from '../partner-center/outcome/outcome-table';
import { CheckedStatus, StatusChecker, UpstreamAdmission } from '../partner-center/status-checker';
import type { ResellerRegionLookup } from './status-lookup';
import type { RelationshipDirectories } from '../relationship-directory/relationship-directories';
import type { CheckModes } from '../eligibility/check-mode';
import type { FailPolicyName } from '../eligibility/fail-policy';
import { checkWithinOwnDeadline } from './own-deadline';
import { createPartnerOfRecordLoader } from './por-loader';
import type { PartnerOfRecordChecker } from '../partner-center/partner-of-record/por-checker';
import type { DecisionLog } from '../observability/decision-log';
import { Deadline } from '../time/deadline';
import { ClientGrant, IN_PROCESS_CLIENT } from '../client-access/client-scope';
import { StatusKey, statusKey } from '../status-cache/status-key';

/** Long-lived parts every operation shares. */
export interface GatewayServices {
  readonly checker: StatusChecker;
  /** Each region account's reseller list: the relationship check and reseller names read it. */
  readonly directories: RelationshipDirectories;
  /** What each check does to `canSubmit`. */
  readonly checks: CheckModes;
  /** Microsoft's partner-of-record verdict per partner ID and region, cached, asked in batches. */
  readonly partnerOfRecord: StatusChecker;
  /** Default none. The batcher behind `partnerOfRecord`, told how many questions each operation brings. */
  readonly partnerOfRecordBatches?: Pick<PartnerOfRecordChecker, 'gather'>;
  /**
   * Longest list one argument may hold (resellers, cart lines), and the number of distinct
   * upstream questions one operation may ask (lists, carts, `_entities`, aliases, region probes).
   */
  readonly maxResellersPerQuery: number;
  /** Time one operation may spend on Partner Center, retries included, in ms. */
  readonly operationDeadlineMs: number;
  /** When Partner Center cannot answer: block Submit (`closed`) or allow it unverified (`open`). */
  readonly failPolicy: FailPolicyName;
  /** Whether `failPolicy: open` also lets orders through while Partner Center refuses our own credentials. */
  readonly failOpenOnCredentialsRejected: boolean;
  /** Default none (`decisionLog.destination: off`). Told about every decided order line and forced list refresh. */
  readonly decisionLog?: DecisionLog;
}

/**
 * The operation's share of Partner Center: how many distinct questions it may still ask.
 * Root lists reserve their questions before any call (and are refused when they would not
 * fit); every distinct question is admitted once when it is asked.
 */
export interface OperationBudget {
  readonly limit: number;
  /** Reserves `count` questions for a list about to be resolved; false (and nothing reserved) when they do not fit. */
  reserve(count: number): boolean;
  /** Admits one new distinct question; false once the budget is spent. */
  admit(): boolean;
}

export function createOperationBudget(limit: number): OperationBudget {
  let reserved = 0;
  let admitted = 0;
  return {
    limit,
    reserve(count) {
      if (reserved + count > limit) return false;
      reserved += count;
      return true;
    },
    admit() {
      if (admitted >= limit) return false;
      admitted += 1;
      return true;
    },
  };
}

/**
 * One operation's share of the gateway: its loaders, question budget and deadline, what it
 * already rechecked, and whether its answers may be served again. A GraphQL operation has one
 * (`GatewayContext`), and so has each window of the audit.
 */
export interface OperationContext {
  readonly services: GatewayServices;
  /** Who asks, and the scopes they hold (the client-scopes plugin reads them). */
  readonly client: ClientGrant;
  /** Reseller-and-region keys rechecked in this operation: repeating one reads its fresh answer, never asks again. */
  readonly rechecked: Set<string>;
  /** Per operation: one upstream question per distinct (identifier, region). */
  readonly statusLoader: DataLoader<StatusKey, CheckedStatus, string>;
  /** Per operation: one partner-of-record question per distinct (partner ID, region), handed on together. */
  readonly porLoader: DataLoader<StatusKey, CheckedStatus, string>;
  /** Distinct upstream questions this operation may still ask. */
  readonly budget: OperationBudget;
  /** Region lookups after a 2201, one per (identifier, asked region), however many fields ask. */
  readonly regionLookups: Map<string, Promise<ResellerRegionLookup>>;
  /** Locale from Accept-Language (en-US when absent); a `locale` argument overrides it. */
  readonly locale: string;
  /** When this operation's upstream questions must be answered by: the one deadline its lookups, checks and calls share. */
  readonly deadline: Deadline;
  /** The HTTP request's id (X-Request-Id): in log lines and masked errors. */
  readonly requestId: string;
  /**
   * Cleared when the operation used an answer that must not be reused (unavailable,
   * unknown, a recheck) or failed; only while set may its whole response be reused. A
   * holder, since Apollo hands resolvers a shallow copy of the context. `mayServeAgain` is
   * the response-reuse rule's verdict, set once Apollo sends the response.
   */
  readonly response: { reusable: boolean; mayServeAgain?: boolean };
}

/**
 * A new loader for one operation: it asks once per distinct key. Answers are never errors:
 * every outcome is data. Not batched, since Partner Center answers one reseller per call:
 * each key is asked on its own, so a reseller's part of the response is built as soon as its
 * answer arrives instead of after the slowest of the batch.
 */
export function createStatusLoader(
  checker: StatusChecker,
  deadline: Deadline,
  budget: OperationBudget,
  traceId?: string,
  admitUpstream?: () => UpstreamAdmission,
): DataLoader<StatusKey, CheckedStatus, string> {
  return new DataLoader<StatusKey, CheckedStatus, string>(
    async ([key]) => [
      budget.admit()
        ? await checkWithinOwnDeadline(checker, key.identifier, key.region, { deadline, traceId, admitUpstream })
        : { outcome: gatewayOutcome('budgetExceeded'), checkedAt: new Date() },
    ],
    { cacheKeyFn: statusKey, batch: false },
  );
}

/** A new operation's context: a fresh deadline, budget and loaders over the long-lived services. */
export function createOperationContext(
  services: GatewayServices,
  locale: string,
  requestId: string,
  client: ClientGrant = IN_PROCESS_CLIENT,
): OperationContext {
  const deadline = Deadline.after(services.operationDeadlineMs);
  const budget = createOperationBudget(services.maxResellersPerQuery);
  return {
    services,
    client,
    rechecked: new Set(),
    statusLoader: createStatusLoader(services.checker, deadline, budget, requestId, client.budget?.takeUpstreamCall),
    porLoader: createPartnerOfRecordLoader(services.partnerOfRecord, deadline, requestId, services.partnerOfRecordBatches),
    budget,
    regionLookups: new Map(),
    locale,
    deadline,
    requestId,
    response: { reusable: true },
  };
}
