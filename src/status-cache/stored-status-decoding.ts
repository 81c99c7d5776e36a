import { OUTCOME_KINDS, OutcomeKind } from '../partner-center/outcome/outcome';
import { isPlausibleStoredTime } from '../redis/stored-time';
import { StoredStatus } from './status-store';

type Fields = Record<string, unknown>;

const isRecord = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isOptional = (value: unknown, type: 'string' | 'number') => value === undefined || typeof value === type;
const isText = (value: unknown) => typeof value === 'string';

const KINDS = new Set<unknown>(OUTCOME_KINDS);
const ORIGINS = new Set<unknown>(['partnerCenter', 'gateway']);
const CACHE_CLASSES = new Set<unknown>(['positive', 'negative', 'transient', 'never']);

/** What the outcomes of some kinds carry beyond the common fields (see `outcome.ts`). */
const KIND_FIELDS: Partial<Record<OutcomeKind, (outcome: Fields) => boolean>> = {
  throttled: (outcome) => isOptional(outcome.retryAfterSeconds, 'number'),
  credentialsRejected: (outcome) => isText(outcome.reason),
  upstreamFailure: (outcome) => isText(outcome.reason) && isOptional(outcome.retryAfterSeconds, 'number'),
  unrecognized: (outcome) => typeof outcome.httpStatus === 'number' && isOptional(outcome.bodyExcerpt, 'string'),
  clientBudgetExceeded: (outcome) => typeof outcome.retryAfterSeconds === 'number',
};

function isUpstreamBody(value: unknown): boolean {
  if (value === undefined) return true;
  if (!isRecord(value)) return false;
  const { code, description, data, source } = value;
  return (
    (code === undefined || code === null || typeof code === 'number' || typeof code === 'string') &&
    isText(description) &&
    Array.isArray(data) &&
    data.every(isText) &&
    isOptional(source, 'string')
  );
}

function isOutcome(value: unknown): boolean {
  if (!isRecord(value) || !KINDS.has(value.kind)) return false;
  const { origin, retryable, cacheClass, trace, httpStatus, learnMoreUrl, upstream } = value;
  const common =
    ORIGINS.has(origin) &&
    typeof retryable === 'boolean' &&
    CACHE_CLASSES.has(cacheClass) &&
    isRecord(trace) &&
    Object.values(trace).every((id) => id === undefined || isText(id)) &&
    isOptional(httpStatus, 'number') &&
    isOptional(learnMoreUrl, 'string') &&
    isUpstreamBody(upstream);
  return common && (KIND_FIELDS[value.kind as OutcomeKind]?.(value) ?? true);
}

/**
 * A stored answer as this version writes it, or undefined for anything else: another
 * version's layout, a value of the wrong shape, a time this version could not have written.
 * Whatever is not one counts as a miss, so Partner Center is asked; it is never taken for
 * "signed", and never reaches the resolvers to fail there.
 */
export function decodeStoredStatus(value: unknown): StoredStatus | undefined {
  if (!isRecord(value) || !isPlausibleStoredTime(value.checkedAt) || !isOutcome(value.outcome)) return undefined;
  if (value.askedAt !== undefined && !(typeof value.askedAt === 'number' && Number.isFinite(value.askedAt))) return undefined;
  return value as unknown as StoredStatus;
}
