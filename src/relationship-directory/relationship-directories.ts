import { Logger } from 'pino';
import { PartnerCenterClient } from '../partner-center/client/partner-center-client';
import { PartnerRelationship } from '../partner-center/client/relationships-reading';
import { CspRegion } from '../partner-center/csp-region';
import { Deadline } from '../time/deadline';
import { withinDeadline } from '../time/within-deadline';
import { ResellerIdentifier } from '../partner-center/reseller-identifier';
import { DirectorySnapshot, DirectoryState, RelationshipLookup, indexDirectory, isActive } from './directory-snapshot';
import { DirectoryStore, ListTime, RefreshFailure, RefreshOutcome, StoredDirectory, startedBefore } from './directory-store';
import { fetchDirectory } from './directory-fetch';

export interface RelationshipDirectoriesOptions {
  /** Required. One account per configured region; its client lists the region's resellers. */
  readonly accounts: ReadonlyArray<{ readonly region: CspRegion; readonly client: Pick<PartnerCenterClient, 'indirectResellers'> }>;
  /** Required. Memory, or Redis shared by replicas. */
  readonly store: DirectoryStore;
  readonly logger: Logger;
  /** Default `900_000` (15 minutes). How often each account's list is refreshed, in ms. */
  readonly refreshIntervalMs?: number;
  /** Default `60_000`. Longest one refresh (every page, retries included) may take, in ms. */
  readonly refreshTimeoutMs?: number;
  /**
   * Default `86_400_000` (a day). Past this age a list is not used: lookups answer unknown. A
   * list older than two refresh intervals (its refreshes have been failing) is not used either.
   */
  readonly maxAgeMs?: number;
  /**
   * Default `30_000`. A forced refresh asked within this long of the start of another forced
   * refresh's fetch answers that list instead of asking again, in ms. A forced refresh never
   * takes a list whose fetch started before it was asked otherwise.
   */
  readonly forcedRefreshCooldownMs?: number;
  /** Default 3, 200, 2000. Attempts per page and their backoff. */
  readonly retry?: { readonly maxAttempts?: number; readonly baseDelayMs?: number; readonly maxDelayMs?: number };
  /** Default none. Told after each refresh this replica fetched (metrics), and whether a newer list replaced the one answers came from. */
  readonly onRefresh?: (region: CspRegion, event: { readonly fetched: boolean; readonly ok: boolean; readonly changed: boolean }) => void;
}

/** Every region account's list of indirect resellers, refreshed on a schedule and read by every order. */
export interface RelationshipDirectories {
  readonly regions: readonly CspRegion[];
  /** Loads every account's list now, then keeps refreshing on the schedule. */
  start(): void;
  /** Resolves when every account's first refresh has ended, with a list or without. */
  loaded(): Promise<void>;
  /** What the region's list says about the reseller; waits for a first list until `deadline`. */
  lookup(region: CspRegion, identifier: ResellerIdentifier, deadline: Deadline): Promise<RelationshipLookup>;
  /** The reseller's relationship in any configured region's list (its name, its other identifier). */
  find(identifier: ResellerIdentifier, deadline: Deadline): Promise<PartnerRelationship | undefined>;
  /** Refreshes a region's list now (`force`: even when fresh), once across replicas; resolves with its state. */
  refresh(region: CspRegion, options?: { readonly force?: boolean }): Promise<DirectoryState>;
  state(region: CspRegion): DirectoryState | undefined;
  states(): ReadonlyMap<CspRegion, DirectoryState>;
  close(): Promise<void>;
}

interface RegionDirectory {
  readonly region: CspRegion;
  readonly client: Pick<PartnerCenterClient, 'indirectResellers'>;
  snapshot?: DirectorySnapshot;
  lastFailure?: RefreshFailure;
  firstAttemptEnded: boolean;
  readonly firstLoad: Promise<void>;
  endFirstLoad(): void;
  flight?: Promise<void>;
  /** A forced refresh waiting for the refresh under way to end (which it must not join). */
  queuedForced?: Promise<void>;
  timer?: NodeJS.Timeout;
}

export function createRelationshipDirectories(options: RelationshipDirectoriesOptions): RelationshipDirectories {
  const { store, logger } = options;
  const intervalMs = options.refreshIntervalMs ?? 900_000;
  const timeoutMs = options.refreshTimeoutMs ?? 60_000;
  // A list this old has missed two refreshes: its answers are not confirmed any more.
  const maxAgeMs = Math.min(options.maxAgeMs ?? 86_400_000, 2 * intervalMs);
  const cooldownMs = options.forcedRefreshCooldownMs ?? 30_000;
  // Timers fire a little early or late: a list this close to the interval counts as due.
  const slackMs = Math.min(intervalMs * 0.05, 30_000);
  const shutdown = new AbortController();
  let started = false;

  const directories = new Map<CspRegion, RegionDirectory>(
    options.accounts.map((account) => {
      let endFirstLoad!: () => void;
      const firstLoad = new Promise<void>((resolve) => (endFirstLoad = resolve));
      return [account.region, { region: account.region, client: account.client, firstAttemptEnded: false, firstLoad, endFirstLoad }];
    }),
  );

  function stateOf(directory: RegionDirectory, now = Date.now()): DirectoryState {
    const { snapshot, lastFailure } = directory;
    const age = snapshot ? now - snapshot.fetchedAt : undefined;
    const status = !snapshot
      ? directory.firstAttemptEnded && lastFailure
        ? 'unavailable'
        : 'loading'
      : age! > maxAgeMs
        ? 'tooOld'
        : lastFailure && lastFailure.at > snapshot.fetchedAt
          ? 'stale'
          : 'ready';
    return {
      status,
      resellers: snapshot?.size ?? null,
      fetchedAt: snapshot?.fetchedAt ?? null,
      ageSeconds: age === undefined ? null : Math.max(0, Math.floor(age / 1000)),
      lastFailure: lastFailure ?? null,
      refreshing: directory.flight !== undefined,
    };
  }

  /** Takes a list or a failure, whoever fetched it; a list never replaces one whose fetch started later. */
  function apply(directory: RegionDirectory, outcome: RefreshOutcome, fetched: boolean): void {
    let changed = false;
    if (outcome.ok) {
      if (!directory.snapshot || startedBefore(directory.snapshot, outcome.directory)) {
        // Answers given before a first list were unknowns, which are never reused: only a list that replaces one changes them.
        changed = directory.snapshot !== undefined;
        directory.snapshot = indexDirectory(outcome.directory);
      }
    } else if (!directory.lastFailure || directory.lastFailure.at < outcome.failure.at) {
      directory.lastFailure = outcome.failure;
    }
    options.onRefresh?.(directory.region, { fetched, ok: outcome.ok, changed });
  }

  const fetchHere = (directory: RegionDirectory, deadline: Deadline, fetch: { readonly startedAt: number; readonly forced: boolean }) =>
    fetchDirectory(
      { client: directory.client, region: directory.region, deadline, signal: shutdown.signal, retry: options.retry, logger },
      fetch,
    );

  /** Whether a stored list answers this refresh without asking Partner Center again. */
  function answers(stored: StoredDirectory, requestedAt: number | undefined): boolean {
    if (requestedAt === undefined) return Date.now() - stored.fetchedAt < intervalMs - slackMs;
    if (stored.startedAt === undefined) return false;
    // Fetched after the forced refresh was asked, or a forced fetch within the cooldown.
    return stored.startedAt >= requestedAt || (stored.forced === true && requestedAt - stored.startedAt < cooldownMs * 1000);
  }

  /**
   * The list with its fetch time on Redis's clock, when its start was read there: every replica
   * reads a list's age against its own clock, and one replica's clock being off must not make
   * the others take its list for older or younger than it is.
   */
  function onSharedClock(outcome: RefreshOutcome, started: ListTime, localStart: number): RefreshOutcome {
    if (!outcome.ok || started.generation === undefined) return outcome;
    const fetchedAt = Math.round(started.at / 1000) + Math.max(0, outcome.directory.fetchedAt - localStart);
    return { ok: true, directory: { ...outcome.directory, fetchedAt } };
  }

  async function runRefresh(directory: RegionDirectory, requested?: Promise<number>): Promise<void> {
    // Before the first claim: a replica that has not reached Redis yet would fetch on its own.
    await store.whenReady();
    const requestedAt = requested === undefined ? undefined : await requested;
    const forced = requestedAt !== undefined;
    const stored = await store.read(directory.region);
    if (stored) apply(directory, { ok: true, directory: stored }, false);
    // Another replica (or this one) fetched it recently enough: no need to ask again.
    if (stored && answers(stored, requestedAt)) return;
    const deadline = Deadline.after(timeoutMs);
    const started = await store.clock();
    const localStart = Date.now();
    const startedAt = started.at;
    const claim = await store.claim(directory.region, deadline.at(), startedAt);
    if (!claim.claimed) {
      const shared = await claim.wait(deadline);
      if (shared) apply(directory, shared, false);
      // A forced refresh never takes a fetch that started before it was asked: it fetches after it.
      const holderAfterRequest = !forced || (claim.holderStartedAt !== undefined && claim.holderStartedAt >= requestedAt);
      if (shared && holderAfterRequest) return;
    }
    if (shutdown.signal.aborted) return;
    const outcome = onSharedClock(await fetchHere(directory, deadline, { startedAt, forced }), started, localStart);
    if (shutdown.signal.aborted) return;
    const written = outcome.ok ? await store.write(directory.region, outcome.directory, started.generation) : undefined;
    if (claim.claimed) await claim.settle(outcome);
    apply(directory, outcome, true);
    // A list whose fetch started later is stored (another replica's, while this one's fetch ran): that one stands.
    const newer = written === 'superseded' ? await store.read(directory.region) : undefined;
    if (newer) apply(directory, { ok: true, directory: newer }, false);
  }

  function begin(directory: RegionDirectory, requested?: Promise<number>): Promise<void> {
    const flight: Promise<void> = runRefresh(directory, requested)
      .catch((error: unknown) => logger.error({ err: error, region: directory.region }, 'Reseller directory refresh crashed'))
      .finally(() => {
        if (directory.flight === flight) directory.flight = undefined;
        directory.firstAttemptEnded = true;
        directory.endFirstLoad();
        schedule(directory);
      });
    directory.flight = flight;
    return flight;
  }

  function refreshOnce(directory: RegionDirectory, force: boolean): Promise<void> {
    // One refresh at a time per account in this replica; a scheduled one joins a refresh under way.
    if (!force) return directory.flight ?? begin(directory);
    // A forced one never joins a refresh already under way (it may predate what the caller
    // waits for): it starts after it, and later forced ones join it until it starts.
    if (directory.queuedForced) return directory.queuedForced;
    const requested = store.clock().then((time) => time.at);
    const queued = (directory.flight ?? Promise.resolve()).then(() => {
      directory.queuedForced = undefined;
      return begin(directory, requested);
    });
    directory.queuedForced = queued;
    return queued;
  }

  /** The next scheduled refresh: at the interval, sooner while there is no usable list. */
  function schedule(directory: RegionDirectory): void {
    if (shutdown.signal.aborted || !started) return;
    if (directory.timer) clearTimeout(directory.timer);
    const usable = directory.snapshot && ['ready', 'stale'].includes(stateOf(directory).status);
    const delay = usable ? intervalMs : Math.min(intervalMs, 60_000);
    directory.timer = setTimeout(() => void refreshOnce(directory, false), delay).unref();
  }

  async function waitForFirstLoad(directory: RegionDirectory, deadline: Deadline): Promise<void> {
    if (directory.firstAttemptEnded || directory.snapshot) return;
    await withinDeadline(directory.firstLoad, deadline);
  }

  return {
    regions: [...directories.keys()],
    start() {
      if (started) return;
      started = true;
      for (const directory of directories.values()) void refreshOnce(directory, false);
    },
    loaded: () => Promise.all([...directories.values()].map((directory) => directory.firstLoad)).then(() => undefined),
    async lookup(region, identifier, deadline) {
      const directory = directories.get(region);
      if (!directory) return { kind: 'unknown', reason: 'regionNotConfigured', fetchedAt: null, lastFailure: null };
      await waitForFirstLoad(directory, deadline);
      const state = stateOf(directory);
      const { snapshot } = directory;
      if (!snapshot || state.status === 'tooOld') {
        const reason = state.status === 'tooOld' ? 'tooOld' : state.status === 'unavailable' ? 'unavailable' : 'notLoaded';
        return { kind: 'unknown', reason, fetchedAt: snapshot?.fetchedAt ?? null, lastFailure: directory.lastFailure ?? null };
      }
      const relationship = snapshot.find(identifier);
      if (!relationship) return { kind: 'none', fetchedAt: snapshot.fetchedAt };
      return { kind: isActive(relationship) ? 'active' : 'notActive', relationship, fetchedAt: snapshot.fetchedAt };
    },
    async find(identifier, deadline) {
      await Promise.all([...directories.values()].map((directory) => waitForFirstLoad(directory, deadline)));
      for (const directory of directories.values()) {
        if (!directory.snapshot || stateOf(directory).status === 'tooOld') continue;
        const found = directory.snapshot.find(identifier);
        if (found) return found;
      }
      return undefined;
    },
    async refresh(region, refreshOptions = {}) {
      const directory = directories.get(region);
      if (!directory) throw new Error(`no Partner Center account for region ${region}`);
      await refreshOnce(directory, refreshOptions.force === true);
      return stateOf(directory);
    },
    state: (region) => {
      const directory = directories.get(region);
      return directory ? stateOf(directory) : undefined;
    },
    states: () => new Map([...directories].map(([region, directory]) => [region, stateOf(directory)])),
    async close() {
      // A refresh under way stops at its next step (a listing is aborted); none is waited for,
      // since one may be waiting on another replica for up to the refresh timeout.
      shutdown.abort();
      for (const directory of directories.values()) if (directory.timer) clearTimeout(directory.timer);
      await store.close();
    },
  };
}
