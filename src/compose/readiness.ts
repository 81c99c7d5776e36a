import { Readiness } from '../http/gateway-http-server';
import { AppUserTokenProvider } from '../partner-center/auth/app-user-token-provider';
import { StatusChecker } from '../partner-center/status-checker';
import { RelationshipDirectories } from '../relationship-directory/relationship-directories';

/** A region's reseller list as /readyz shows it. */
function directoryOf(directories: RelationshipDirectories, region: Parameters<RelationshipDirectories['state']>[0]) {
  const state = directories.state(region);
  if (!state) return undefined;
  return {
    status: state.status,
    resellers: state.resellers,
    fetchedAt: state.fetchedAt === null ? null : new Date(state.fetchedAt).toISOString(),
    ageSeconds: state.ageSeconds,
    ...(state.lastFailure
      ? {
          lastFailure: {
            reason: state.lastFailure.reason,
            httpStatus: state.lastFailure.httpStatus,
            at: new Date(state.lastFailure.at).toISOString(),
          },
        }
      : {}),
  };
}

/**
 * What `/readyz` answers: per region, whether a token can be had, the circuit is not open and
 * (when the relationship check is enforced) a reseller list can be used, with its queue and
 * its list; ready while at least one region works. Also each check's mode.
 */
export function createReadiness(
  checker: StatusChecker,
  tokenProviders: () => readonly AppUserTokenProvider[],
  directories: RelationshipDirectories,
  relationshipEnforced: boolean,
  /** Each check's configured mode, shown as is so an operator sees what Submit depends on. */
  checks: Readonly<Record<string, string>> = {},
): () => Promise<Readiness> {
  return async () => {
    const circuits = checker.circuitStates();
    const capacities = checker.capacities();
    const regions: Record<string, unknown> = {};
    let usable = 0;
    for (const region of checker.configuredRegions) {
      const provider = tokenProviders().find((candidate) => candidate.region === region);
      const health = provider ? (provider.health().state === 'unknown' ? await provider.probe() : provider.health()) : undefined;
      const token = health ? health.state : 'static';
      const circuit = circuits.get(region) ?? 'closed';
      const directory = directoryOf(directories, region);
      // While the first list loads the region is ready: lookups wait for it within their deadline.
      const listUnusable = relationshipEnforced && (directory?.status === 'unavailable' || directory?.status === 'tooOld');
      const ok = token !== 'failing' && circuit !== 'open' && !listUnusable;
      if (ok) usable += 1;
      const capacity = capacities.get(region);
      regions[region] = {
        ok,
        token,
        circuit,
        ...(capacity ? { upstream: capacity } : {}),
        ...(directory ? { directory } : {}),
        ...(health?.state === 'failing' ? { action: health.message } : {}),
        ...(listUnusable && health?.state !== 'failing'
          ? {
              action: `The reseller list for ${region} cannot be had from Partner Center (${directory?.lastFailure?.reason ?? 'no list'}); orders there answer the relationship check as unknown.`,
            }
          : {}),
        ...(health?.state === 'ready' && health.warning ? { warning: health.warning } : {}),
      };
    }
    const status = usable === checker.configuredRegions.length ? 'ready' : usable > 0 ? 'degraded' : 'unavailable';
    return { ready: usable > 0, body: { status, checks, regions } };
  };
}
