import { z } from 'zod';

/** `relationships`: each region account's list of indirect resellers, and how it is refreshed. */
export const relationshipsSettings = z
  .object({
    /** Default `900` (15 minutes). How often each account's list is refreshed, in seconds. */
    refreshIntervalSeconds: z.number().int().min(1).default(900),
    /** Default `60000`. Longest one refresh (every page, retries included) may take, in ms. */
    refreshTimeoutMs: z.number().int().positive().default(60_000),
    /** Default `86400` (a day). A list older than this, or than two refresh intervals, is not used: the relationship check answers unknown. */
    maxAgeSeconds: z.number().int().min(1).default(86_400),
    /** Default `30`. A forced refresh within this many seconds of another forced refresh's fetch answers that list without asking again. */
    forcedRefreshCooldownSeconds: z.number().int().min(0).default(30),
    /** Default `4194304` (4 MiB). Largest page of the list read, in bytes. */
    maxPageBytes: z.number().int().positive().default(4_194_304),
  })
  .strict()
  .superRefine((relationships, context) => {
    if (relationships.maxAgeSeconds < relationships.refreshIntervalSeconds) {
      context.addIssue({
        code: 'custom',
        path: ['maxAgeSeconds'],
        message: `must be at least refreshIntervalSeconds (${relationships.refreshIntervalSeconds}), or every list expires before the next refresh`,
      });
    }
  })
  .prefault({});

/**
 * `checks`: what each check does to `canSubmit`: `enforce` (it must pass), `reportOnly` (shown,
 * never blocks) or `off` (not made, not shown).
 */
export const checkModes = z
  .object({
    /** Default `'enforce'`. The Microsoft Partner Agreement (agreementstatus). */
    agreement: z.enum(['enforce', 'reportOnly', 'off']).default('enforce'),
    /** Default `'enforce'`. An active reseller relationship with the region's account. */
    relationship: z.enum(['enforce', 'reportOnly', 'off']).default('enforce'),
  })
  .strict()
  .prefault({});
