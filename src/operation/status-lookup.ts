import { CspRegion } from '../partner-center/csp-region';
import { gatewayOutcome } from '../partner-center/outcome/outcome-table';
import { ResellerIdentifier } from '../partner-center/reseller-identifier';
import { CheckedStatus } from '../partner-center/status-checker';
import { OperationContext } from './operation-context';
import { ResolvedStatus, regionNotConfigured, resolveStatus } from '../answers/status-resolution';
import { NamedReseller } from './named-reseller';
import { checkWithinOwnDeadline } from './own-deadline';
import { statusKey } from '../status-cache/status-key';

/** The reseller's status for orders from `region`, through the operation's loader. */
export async function lookUpStatus(
  reseller: NamedReseller,
  region: CspRegion,
  context: OperationContext,
  locale: string = context.locale,
  recheck = false,
  onRechecked?: (checked: CheckedStatus) => void,
): Promise<ResolvedStatus> {
  if (!reseller.check.ok) return resolveStatus(reseller.check.outcome, new Date(), { region, locale });
  const subject = { identifier: reseller.check.identifier, region, locale };
  const { checker } = context.services;
  if (!checker.isConfigured(region)) return regionNotConfigured(subject, checker.configuredRegions);
  const key = { identifier: reseller.check.identifier, region };
  let checked: CheckedStatus;
  if (recheck) {
    // Past the cache; the fresh answer also serves the rest of this operation.
    checked = context.budget.admit()
      ? await checkWithinOwnDeadline(checker, key.identifier, region, {
          recheck: true,
          deadline: context.deadline,
          traceId: context.requestId,
          admitUpstream: context.client.budget?.takeUpstreamCall,
        })
      : { outcome: gatewayOutcome('budgetExceeded'), checkedAt: new Date() };
    context.statusLoader.clear(key).prime(key, checked);
    onRechecked?.(checked);
  } else {
    checked = await context.statusLoader.load(key);
  }
  const { cacheClass } = checked.outcome;
  if (recheck || cacheClass === 'transient' || cacheClass === 'never') context.response.reusable = false;
  return resolveStatus(checked.outcome, checked.checkedAt, subject, checked.source);
}

/** What asking the other regions' accounts told about an MPN ID's own CSP region. */
export type ResellerRegionLookup =
  /** One of them answered as the home region (signed or not signed). */
  | { readonly state: 'found'; readonly region: CspRegion }
  /** Every other configured region answered "another region": the home region has no account here. */
  | { readonly state: 'homeRegionNotConfigured' }
  /** Some of them could not answer (unavailable, out of time or budget): nothing can be said. */
  | { readonly state: 'undetermined' };

/**
 * The region an MPN ID belongs to, found by asking the other configured regions' accounts:
 * only the home region answers signed or not signed, the others answer region mismatch.
 * Costs one question per other configured region (deduplicated within the operation and
 * counted against its budget); a lookup that could not tell is never reused.
 */
export function findResellerRegion(
  identifier: ResellerIdentifier,
  askedRegion: CspRegion,
  context: OperationContext,
): Promise<ResellerRegionLookup> {
  const key = statusKey({ identifier, region: askedRegion });
  let lookup = context.regionLookups.get(key);
  if (!lookup) {
    lookup = probeRegions(identifier, askedRegion, context);
    context.regionLookups.set(key, lookup);
  }
  return lookup;
}

async function probeRegions(
  identifier: ResellerIdentifier,
  askedRegion: CspRegion,
  context: OperationContext,
): Promise<ResellerRegionLookup> {
  const others = context.services.checker.configuredRegions.filter((region) => region !== askedRegion);
  const answers = await context.statusLoader.loadMany(others.map((region) => ({ identifier, region })));
  let undetermined = false;
  for (const [index, answer] of answers.entries()) {
    if (answer instanceof Error) {
      undetermined = true;
      continue;
    }
    const { kind } = answer.outcome;
    if (kind === 'signed' || kind === 'notSigned') return { state: 'found', region: others[index] };
    if (kind !== 'regionMismatch') undetermined = true;
  }
  if (!undetermined) return { state: 'homeRegionNotConfigured' };
  context.response.reusable = false;
  return { state: 'undetermined' };
}
