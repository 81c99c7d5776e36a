import { CspRegion } from '../partner-center/csp-region';
import { ResellerIdentifier } from '../partner-center/reseller-identifier';
import { GatewayContext } from './gateway-context';
import { ResolvedStatus, regionNotConfigured, resolveStatus } from './mpa-status.factory';
import { Reseller } from './reseller.type';

/** The reseller's status for orders from `region`, through the operation's loader. */
export async function lookUpStatus(
  reseller: Reseller,
  region: CspRegion,
  context: GatewayContext,
  locale: string = context.locale,
  recheck = false,
): Promise<ResolvedStatus> {
  if (!reseller.check.ok) return resolveStatus(reseller.check.outcome, new Date(), { region, locale });
  const subject = { identifier: reseller.check.identifier, region, locale };
  const { checker } = context.services;
  if (!checker.isConfigured(region)) return regionNotConfigured(subject, checker.configuredRegions);
  const key = { identifier: reseller.check.identifier, region };
  let checked;
  if (recheck) {
    // Past the cache; the fresh answer also serves the rest of this operation.
    checked = await checker.check(key.identifier, region, { recheck: true, deadline: context.deadline, traceId: context.requestId });
    context.statusLoader.clear(key).prime(key, checked);
  } else {
    checked = await context.statusLoader.load(key);
  }
  const { cacheClass } = checked.outcome;
  if (recheck || cacheClass === 'transient' || cacheClass === 'never') context.response.reusable = false;
  return resolveStatus(checked.outcome, checked.checkedAt, subject);
}

/**
 * The region an MPN ID belongs to, found by asking the other configured regions' accounts:
 * only the home region answers signed or not signed, the others answer region mismatch.
 * Null when the home region has no account here.
 */
export async function findResellerRegion(
  identifier: ResellerIdentifier,
  askedRegion: CspRegion,
  context: GatewayContext,
): Promise<CspRegion | null> {
  const others = context.services.checker.configuredRegions.filter((region) => region !== askedRegion);
  const answers = await context.statusLoader.loadMany(others.map((region) => ({ identifier, region })));
  const index = answers.findIndex(
    (answer) => !(answer instanceof Error) && (answer.outcome.kind === 'signed' || answer.outcome.kind === 'notSigned'),
  );
  return index === -1 ? null : others[index];
}
