import DataLoader from 'dataloader';
import { CheckedStatus, StatusChecker } from '../partner-center/status-checker';
import type { PartnerOfRecordChecker } from '../partner-center/partner-of-record/por-checker';
import { StatusKey, statusKey } from '../status-cache/status-key';
import { Deadline } from '../time/deadline';

/**
 * A new loader for one operation's partner-of-record questions, keyed by (partner ID, region):
 * each is asked once, and every question of the operation is handed to the cache in the same
 * turn, so the cache's misses reach each region account together and leave as
 * `ceil(distinct IDs / batch size)` validateresellers calls. Answers are never errors.
 */
export function createPartnerOfRecordLoader(
  checker: StatusChecker,
  deadline: Deadline,
  traceId: string,
  batches?: Pick<PartnerOfRecordChecker, 'gather'>,
): DataLoader<StatusKey, CheckedStatus, string> {
  return new DataLoader<StatusKey, CheckedStatus, string>(
    (keys) => {
      // Tells the batcher how many questions are coming, so cache reads that take a round trip
      // each (Redis) do not split the operation's batches.
      const gathering = batches?.gather(traceId, keys.length);
      return Promise.all(
        keys.map(async (key) => {
          try {
            return await checker.check(key.identifier, key.region, { deadline, traceId });
          } finally {
            gathering?.settled(key.identifier.value, key.region);
          }
        }),
      );
    },
    { cacheKeyFn: statusKey },
  );
}
