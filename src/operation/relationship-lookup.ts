import { CspRegion } from '../partner-center/csp-region';
import { OperationContext } from './operation-context';
import { NamedReseller } from './named-reseller';
import { ResolvedRelationship, resolveRelationship } from '../answers/relationship-resolution';

/**
 * The reseller's relationship with this provider in `region`, from the region's reseller list
 * in memory. Not an upstream question: the list is fetched on a schedule, never per order, so
 * nothing here counts against the operation's budget.
 */
export async function lookUpRelationship(
  reseller: NamedReseller,
  region: CspRegion,
  context: OperationContext,
  locale: string = context.locale,
): Promise<ResolvedRelationship> {
  if (!reseller.check.ok) return resolveRelationship({ kind: 'invalid', guidanceKey: reseller.check.outcome.kind }, { region, locale });
  const { identifier } = reseller.check;
  const lookup = await context.services.directories.lookup(region, identifier, context.deadline);
  // An answer given without a usable list must not be served again from a reused response.
  if (lookup.kind === 'unknown') context.response.reusable = false;
  return resolveRelationship(lookup, { identifier, region, locale });
}
