import { CspRegion } from '../../partner-center/csp-region';
import { CapacitySnapshot } from '../../partner-center/resilience/account-capacity';
import { AuditBudget } from './audit-progress';

/**
 * What the account budget gives the run, over the regions it audits: the slowest account's
 * pace (the run waits for it), and whether any account keeps the run waiting for order forms.
 */
export function auditBudget(capacities: ReadonlyMap<CspRegion, CapacitySnapshot>, regions: readonly CspRegion[]): AuditBudget | undefined {
  const audited = regions.map((region) => capacities.get(region)).filter((snapshot) => snapshot !== undefined);
  if (audited.length === 0) return undefined;
  const paces = audited.map((snapshot) => snapshot.callsPerSecondCap).filter((pace) => pace !== null);
  return {
    callsPerSecond: paces.length > 0 ? Math.min(...paces) : null,
    budget: audited.some((snapshot) => snapshot.budget === 'shared') ? 'shared' : 'local',
    yielding: audited.some((snapshot) => snapshot.yieldingToInteractive),
  };
}
