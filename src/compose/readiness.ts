import { Readiness } from '../http/gateway-http-server';
import { AppUserTokenProvider } from '../partner-center/auth/app-user-token-provider';
import { StatusChecker } from '../partner-center/status-checker';

/**
 * What `/readyz` answers: per region, whether a token can be had and the circuit is not
 * open, with its queue; ready while at least one region works.
 */
export function createReadiness(checker: StatusChecker, tokenProviders: () => readonly AppUserTokenProvider[]): () => Promise<Readiness> {
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
      const ok = token !== 'failing' && circuit !== 'open';
      if (ok) usable += 1;
      const capacity = capacities.get(region);
      regions[region] = {
        ok,
        token,
        circuit,
        ...(capacity ? { upstream: capacity } : {}),
        ...(health?.state === 'failing' ? { action: health.message } : {}),
        ...(health?.state === 'ready' && health.warning ? { warning: health.warning } : {}),
      };
    }
    const status = usable === checker.configuredRegions.length ? 'ready' : usable > 0 ? 'degraded' : 'unavailable';
    return { ready: usable > 0, body: { status, regions } };
  };
}
