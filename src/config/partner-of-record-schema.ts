import { z } from 'zod';

/** `partnerOfRecord`: how Microsoft's partner-of-record verdict is asked (validateresellers). */
export const partnerOfRecordSettings = z
  .object({
    /**
     * Default `50`. Most partner IDs sent in one validateresellers call. Microsoft's page names
     * no limit, so the default stays small; a larger batch costs fewer calls, but one failed call
     * then leaves more resellers unverified.
     */
    maxBatchSize: z.number().int().min(1).max(1_000).default(50),
  })
  .strict()
  .prefault({});
