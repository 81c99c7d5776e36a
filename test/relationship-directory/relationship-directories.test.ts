import pino from 'pino';
import { sandboxTenantId, sandboxToken } from '../../src/emulator/partner-center/emulated-world';
import { Emulator, startEmulator } from '../../src/emulator/partner-center/emulator-server';
import { createStaticTokenProvider } from '../../src/partner-center/auth/token-provider';
import { createPartnerCenterClient } from '../../src/partner-center/client/partner-center-client';
import { CspRegion } from '../../src/partner-center/csp-region';
import { ResellerIdentifier } from '../../src/partner-center/reseller-identifier';
import { createMemoryDirectoryStore } from '../../src/relationship-directory/memory-directory-store';
import { createRedisDirectoryStore } from '../../src/relationship-directory/redis-directory-store';
import {
  RelationshipDirectories,
  RelationshipDirectoriesOptions,
  createRelationshipDirectories,
} from '../../src/relationship-directory/relationship-directories';
import { RedisServer, startRedisServer } from '../support/redis-server';
import { Deadline } from '../../src/time/deadline';

const silent = pino({ level: 'silent' });
const mpn = (value: string): ResellerIdentifier => ({ kind: 'mpnId', value });
const REGIONS: CspRegion[] = ['UNITED_STATES', 'EUROPE'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const soon = () => Deadline.after(5_000);

function accountsFor(emulator: Emulator) {
  return REGIONS.map((region) => ({
    region,
    client: createPartnerCenterClient({
      baseUrl: emulator.url,
      tokenProvider: createStaticTokenProvider(sandboxToken(region)),
      timeoutMs: 1_000,
    }),
  }));
}

/** Listings asked of the emulator per region: one first page per refresh. */
function listings(emulator: Emulator): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of emulator.relationshipsCalls())
    if (call.page === 0 && call.status === 200) counts[call.region!] = (counts[call.region!] ?? 0) + 1;
  return counts;
}

describe('Relationship directories', () => {
  let emulator: Emulator;
  const opened: RelationshipDirectories[] = [];
  const open = (options: Partial<RelationshipDirectoriesOptions> = {}) => {
    const directories = createRelationshipDirectories({
      accounts: accountsFor(emulator),
      store: createMemoryDirectoryStore(),
      logger: silent,
      retry: { maxAttempts: 1 },
      ...options,
    });
    opened.push(directories);
    return directories;
  };
  beforeEach(async () => {
    emulator = await startEmulator({ relationshipsPageSize: 3 });
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((directories) => directories.close()));
    await emulator.close();
  });

  it('loads every page of every account at start, and answers lookups from memory without asking again', async () => {
    const directories = open();
    directories.start();
    await directories.loaded();
    expect(listings(emulator)).toEqual({ UNITED_STATES: 1, EUROPE: 1 });
    const pages = emulator.relationshipsCalls().length;
    expect(await directories.lookup('UNITED_STATES', mpn('1000001'), soon())).toMatchObject({
      kind: 'active',
      relationship: { name: 'Northwind Traders' },
    });
    expect(await directories.lookup('UNITED_STATES', { kind: 'tenantId', value: sandboxTenantId('1000011') }, soon())).toMatchObject({
      kind: 'notActive',
      relationship: { state: 'Suspended', mpnId: '1000011' },
    });
    expect(await directories.lookup('UNITED_STATES', mpn('1000010'), soon())).toMatchObject({ kind: 'none' });
    expect(await directories.lookup('UNITED_STATES', mpn('1000003'), soon())).toMatchObject({ kind: 'none' });
    expect(await directories.lookup('EUROPE', mpn('1000003'), soon())).toMatchObject({ kind: 'active' });
    expect(await directories.lookup('JAPAN', mpn('1000001'), soon())).toMatchObject({ kind: 'unknown', reason: 'regionNotConfigured' });
    expect((await directories.find(mpn('1000003'), soon()))?.tenantId).toBe(sandboxTenantId('1000003'));
    expect(emulator.relationshipsCalls()).toHaveLength(pages);
    expect(directories.state('UNITED_STATES')).toMatchObject({ status: 'ready', resellers: 19, lastFailure: null, refreshing: false });
  });

  it('refreshes on the schedule', async () => {
    const directories = open({ refreshIntervalMs: 500, maxAgeMs: 60_000 });
    directories.start();
    await sleep(1_300);
    const counts = listings(emulator);
    // At start, then about every 500 ms: 3 in 1.3 s (timers may run a little late).
    for (const region of REGIONS) expect([2, 3]).toContain(counts[region]);
  });

  it('shows a reseller added upstream after a refresh, and after a forced one at once', async () => {
    const directories = open({ forcedRefreshCooldownMs: 0 });
    directories.start();
    await directories.loaded();
    const tenantId = '7e000000-0000-4000-8000-000000004242';
    emulator.putReseller({
      mpnId: '4242424',
      tenantId,
      name: 'Just Accepted',
      homeRegion: 'UNITED_STATES',
      signedRegions: ['UNITED_STATES'],
      purpose: '',
    });
    expect(await directories.lookup('UNITED_STATES', mpn('4242424'), soon())).toMatchObject({ kind: 'none' });
    // A refresh that is not forced leaves a fresh list alone.
    await directories.refresh('UNITED_STATES');
    expect(listings(emulator).UNITED_STATES).toBe(1);
    expect(await directories.refresh('UNITED_STATES', { force: true })).toMatchObject({ status: 'ready', resellers: 20 });
    expect(listings(emulator).UNITED_STATES).toBe(2);
    expect(await directories.lookup('UNITED_STATES', mpn('4242424'), soon())).toMatchObject({
      kind: 'active',
      relationship: { name: 'Just Accepted', tenantId },
    });
  });

  it('answers a forced refresh within the cooldown of another forced fetch from that list', async () => {
    const directories = open({ forcedRefreshCooldownMs: 60_000 });
    directories.start();
    await directories.loaded();
    // The scheduled list predates the request: a forced refresh asks again.
    await directories.refresh('UNITED_STATES', { force: true });
    expect(listings(emulator).UNITED_STATES).toBe(2);
    await directories.refresh('UNITED_STATES', { force: true });
    expect(listings(emulator).UNITED_STATES).toBe(2);
  });

  it('keeps the last good list when a refresh fails, and says how old it is and why', async () => {
    const directories = open({ forcedRefreshCooldownMs: 0 });
    directories.start();
    await directories.loaded();
    const fetchedAt = directories.state('UNITED_STATES')!.fetchedAt!;
    emulator.faults.setForRelationships({ failure: { type: 'status', status: 503 } });
    await sleep(1_100);
    const state = await directories.refresh('UNITED_STATES', { force: true });
    expect(state).toMatchObject({ status: 'stale', resellers: 19, fetchedAt, lastFailure: { reason: 'SERVER_ERROR', httpStatus: 503 } });
    expect(state.ageSeconds).toBeGreaterThanOrEqual(1);
    expect(await directories.lookup('UNITED_STATES', mpn('1000001'), soon())).toMatchObject({ kind: 'active', fetchedAt });
    emulator.faults.clear();
    expect(await directories.refresh('UNITED_STATES', { force: true })).toMatchObject({
      status: 'ready',
      lastFailure: { reason: 'SERVER_ERROR' },
    });
  });

  it('answers unknown while the first list is loading past the deadline, and when it could not be had', async () => {
    emulator.faults.setForRelationships({ latencyMs: 100 });
    const slow = open();
    slow.start();
    expect(await slow.lookup('UNITED_STATES', mpn('1000001'), Deadline.after(50))).toEqual({
      kind: 'unknown',
      reason: 'notLoaded',
      fetchedAt: null,
      lastFailure: null,
    });
    // A lookup with time to wait gets the list.
    expect(await slow.lookup('UNITED_STATES', mpn('1000001'), soon())).toMatchObject({ kind: 'active' });

    emulator.faults.setForRelationships({ failure: { type: 'status', status: 401 } });
    const refused = open();
    refused.start();
    expect(await refused.lookup('EUROPE', mpn('1000003'), soon())).toMatchObject({
      kind: 'unknown',
      reason: 'unavailable',
      lastFailure: { reason: 'CREDENTIALS_REJECTED', httpStatus: 401 },
    });
    expect(refused.state('EUROPE')).toMatchObject({ status: 'unavailable', resellers: null });
  });

  it('stops using a list older than maxAge', async () => {
    const directories = open({ refreshIntervalMs: 60_000, maxAgeMs: 300 });
    directories.start();
    await directories.loaded();
    emulator.faults.setForRelationships({ failure: { type: 'status', status: 500 } });
    await sleep(400);
    expect(await directories.lookup('UNITED_STATES', mpn('1000001'), soon())).toMatchObject({
      kind: 'unknown',
      reason: 'tooOld',
      fetchedAt: expect.any(Number),
    });
    expect(directories.state('UNITED_STATES')?.status).toBe('tooOld');
  });
});

describe('Relationship directories of two replicas on one Redis', () => {
  let redis: RedisServer;
  let emulator: Emulator;
  let replicas: RelationshipDirectories[];
  let prefix = 0;

  const replica = (options: Partial<RelationshipDirectoriesOptions>) =>
    createRelationshipDirectories({
      accounts: accountsFor(emulator),
      store: createRedisDirectoryStore({
        url: redis.url,
        keyPrefix: `directories-${process.pid}-${prefix}:`,
        fallback: createMemoryDirectoryStore(),
        logger: silent,
        longestRefreshMs: 10_000,
        keepMs: 60_000,
      }),
      logger: silent,
      retry: { maxAttempts: 1 },
      ...options,
    });

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(() => redis.kill());
  beforeEach(async () => {
    prefix += 1;
    emulator = await startEmulator({ relationshipsPageSize: 3, latencyMs: 30 });
  });
  afterEach(async () => {
    await Promise.all(replicas.map((directories) => directories.close()));
    await emulator.close();
  });

  it('fetches each account once at start, however many replicas start together', async () => {
    replicas = [replica({}), replica({})];
    replicas.forEach((directories) => directories.start());
    await Promise.all(replicas.map((directories) => directories.loaded()));
    expect(listings(emulator)).toEqual({ UNITED_STATES: 1, EUROPE: 1 });
    for (const directories of replicas)
      expect(await directories.lookup('UNITED_STATES', mpn('1000001'), soon())).toMatchObject({ kind: 'active' });
  });

  it('refreshes once per interval across replicas, not once per replica', async () => {
    replicas = [replica({ refreshIntervalMs: 600, maxAgeMs: 60_000 })];
    replicas[0].start();
    await sleep(250);
    replicas.push(replica({ refreshIntervalMs: 600, maxAgeMs: 60_000 }));
    replicas[1].start();
    await sleep(1_700);
    // About 2 s at 600 ms: 4 refreshes in all at most (one replica alone would make 4, two 8).
    for (const region of REGIONS) expect(listings(emulator)[region]).toBeLessThanOrEqual(4);
    for (const region of REGIONS) expect(listings(emulator)[region]).toBeGreaterThanOrEqual(2);
  });

  it('hands a forced refresh of one replica to the other', async () => {
    replicas = [replica({ forcedRefreshCooldownMs: 0 }), replica({ forcedRefreshCooldownMs: 0 })];
    replicas.forEach((directories) => directories.start());
    await Promise.all(replicas.map((directories) => directories.loaded()));
    emulator.putReseller({
      mpnId: '4242425',
      tenantId: '7e000000-0000-4000-8000-000000004243',
      homeRegion: 'EUROPE',
      signedRegions: [],
      purpose: '',
    });
    await replicas[0].refresh('EUROPE', { force: true });
    // The other replica reads the shared list on its next refresh, without asking Partner Center.
    await replicas[1].refresh('EUROPE');
    expect(await replicas[1].lookup('EUROPE', mpn('4242425'), soon())).toMatchObject({ kind: 'active' });
    expect(listings(emulator).EUROPE).toBe(2);
  });
});
