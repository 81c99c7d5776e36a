import DataLoader from 'dataloader';
import { CheckedStatus, StatusChecker } from '../../partner-center/status-checker';
import type { StatusKey } from '../gateway-context';

const porKey = (key: StatusKey): string => `${key.identifier.value}@${key.region}`;

/**
 * A new loader for one operation's partner-of-record questions, keyed by (partner ID, region):
 * each is asked once, and every question of the operation is handed to the cache in the same
 * turn, so the cache's misses reach each region account together and leave as
 * `ceil(distinct IDs / batch size)` validateresellers calls. Answers are never errors.
 */
export function createPartnerOfRecordLoader(checker: StatusChecker, deadline: number, traceId?: string): DataLoader<StatusKey, CheckedStatus, string> {
  return new DataLoader<StatusKey, CheckedStatus, string>(
    (keys) => Promise.all(keys.map((key) => checker.check(key.identifier, key.region, { deadline, traceId }))),
    { cacheKeyFn: porKey },
  );
}
