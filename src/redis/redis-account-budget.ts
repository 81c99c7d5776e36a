import { BudgetGrant, SharedBudgetStore } from '../partner-center/resilience/shared-pace';
import { WorkClass } from '../partner-center/resilience/work-class';
import { MAX_RETRY_AFTER_SECONDS } from '../partner-center/client/answer-reading';
import { HOLD_SCRIPT, TAKE_SCRIPT } from './account-budget-scripts';
import { GuardedRedis } from './guarded-redis';

export interface RedisAccountBudgetOptions {
  /** Required. The guarded connection; while it cannot be used, every call resolves undefined. */
  readonly redis: GuardedRedis;
  /** Required. The account's identity tag (`identityTag`): processes share a budget only when it is the same. */
  readonly identityTag: string;
  /** Default `'mpa:'`. Prefix of the key. */
  readonly keyPrefix?: string;
  /** Default `0.2`. Share of the pace bulk work leaves to interactive work. */
  readonly interactiveShare?: number;
}

/** The key of one account's budget: the deployment's prefix, a format version and the account's identity. */
export const accountBudgetKey = (keyPrefix: string, identityTag: string): string => `${keyPrefix}budget:v1:${identityTag}`;

/** The longest hold obeyed or written, in ms: the longest Retry-After the gateway honours. */
const MAX_HOLD_MS = MAX_RETRY_AFTER_SECONDS * 1000;

const numberOrNull = (text: unknown): number | null => (typeof text === 'string' && text !== '' ? Number(text) : null);

const isAmount = (value: number | undefined) => value === undefined || (Number.isFinite(value) && value >= 0);

/**
 * Whether a grant can be followed: every number finite and not negative, the pace positive.
 * One that cannot (the budget held values the scripts do not write) is treated as no answer,
 * so the process paces itself for a moment instead of waiting for a turn that never comes.
 */
const isSane = (grant: BudgetGrant): boolean =>
  Number.isInteger(grant.granted) &&
  [grant.granted, grant.waitMs, grant.heldForMs, grant.firstAtMs, grant.spacingMs].every(isAmount) &&
  (grant.pace === null || (Number.isFinite(grant.pace) && grant.pace > 0));

/**
 * One account's budget in Redis, shared by every process with the same deployment identity:
 * a token bucket at the learnt pace, a bulk bucket inside it, and the hold a 429 asked for
 * (see account-budget-scripts.ts).
 */
export function createRedisAccountBudget(options: RedisAccountBudgetOptions): SharedBudgetStore {
  const key = accountBudgetKey(options.keyPrefix ?? 'mpa:', options.identityTag);
  const share = String(options.interactiveShare ?? 0.2);
  return {
    async take(workClass: WorkClass, want: number) {
      const reply = await options.redis.attempt((client) =>
        client.eval(TAKE_SCRIPT, 1, key, workClass, String(want), share, String(MAX_HOLD_MS)),
      );
      if (!reply || !Array.isArray(reply.value)) return undefined;
      const [granted, waitMs, heldForMs, pace, yielding, firstAtMs, spacingMs] = reply.value as unknown[];
      const grant: BudgetGrant = {
        granted: Number(granted),
        waitMs: Number(waitMs),
        heldForMs: Number(heldForMs),
        pace: numberOrNull(pace),
        yielding: Number(yielding) === 1,
        firstAtMs: Number(firstAtMs),
        spacingMs: Number(spacingMs),
      };
      return isSane(grant) ? grant : undefined;
    },
    async hold(retryAfterMs: number, saturated: boolean) {
      const ms = String(Math.min(MAX_HOLD_MS, Math.max(0, Math.round(retryAfterMs))));
      const reply = await options.redis.attempt((client) => client.eval(HOLD_SCRIPT, 1, key, ms, saturated ? '1' : '0'));
      if (!reply || !Array.isArray(reply.value)) return undefined;
      const pace = numberOrNull((reply.value as unknown[])[0]);
      return pace === null || (Number.isFinite(pace) && pace > 0) ? { pace } : undefined;
    },
  };
}
