import { z } from 'zod';
import { CHECK_MODES } from '../eligibility/check-mode';

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

/** The key of `checks` that is a switch, not a check. */
const ALLOW_NOTHING_ENFORCED = 'allowNothingEnforced';

/**
 * `checks`: what each check does to `canSubmit`: `enforce` (it must pass), `reportOnly` (shown,
 * never blocks) or `off` (not made, not shown). At least one check must be enforced unless
 * `allowNothingEnforced` says otherwise: with none, every order would be allowed.
 */
export const checkModes = z
  .object({
    /** Default `'enforce'`. The Microsoft Partner Agreement (agreementstatus). */
    agreement: z.enum(CHECK_MODES).default('enforce'),
    /** Default `'enforce'`. An active reseller relationship with the region's account. */
    relationship: z.enum(CHECK_MODES).default('enforce'),
    /**
     * Default `false`. Run with no check enforced (every one `reportOnly` or `off`): every order
     * is then allowed, never confirmed (`verified: false`). Without it such a configuration is
     * refused at start.
     */
    allowNothingEnforced: z.boolean().default(false),
    /** Default `'enforce'`. Microsoft's partner-of-record verdict on the reseller's PLA ID (validateresellers). */
    partnerOfRecord: z.enum(CHECK_MODES).default('enforce'),
  })
  .strict()
  .superRefine((checks, context) => {
    if (checks.allowNothingEnforced) return;
    // Every key but the switch is a check, however many there are.
    const modes = Object.entries(checks).filter(([name]) => name !== ALLOW_NOTHING_ENFORCED);
    if (modes.some(([, mode]) => mode === 'enforce')) return;
    const [first] = modes;
    context.addIssue({
      code: 'custom',
      path: [first[0]],
      message: `must be "enforce" while no other check is: with nothing enforced every order is allowed. Enforce at least one check, or set checks.${ALLOW_NOTHING_ENFORCED} to true to run without any`,
    });
  })
  .prefault({});

/** The configured checks and their modes, without the switch: what `/readyz` shows. */
export function checkModesOf(checks: z.infer<typeof checkModes>): Readonly<Record<string, string>> {
  const modes: Record<string, string> = {};
  for (const [name, mode] of Object.entries(checks)) if (name !== ALLOW_NOTHING_ENFORCED && typeof mode === 'string') modes[name] = mode;
  return modes;
}
