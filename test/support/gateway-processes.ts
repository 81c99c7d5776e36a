import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import fetch from 'node-fetch';
import { GatewayConfigInput } from '../../src/config/gateway-config';
import { sandboxToken } from '../../src/emulator/partner-center/emulated-world';
import { CspRegion } from '../../src/partner-center/csp-region';
import { compiledGateway } from './compiled-gateway';
import { FinishedProcess, runToEnd } from './processes';
import { RedisServer, startRedisServer } from './redis-server';

/**
 * The multi-process kit: the emulator, gateway replicas and audit runs as separate OS
 * processes of the compiled gateway (as `npm run build` makes it), sharing a real
 * `redis-server`. A test file makes one group in `beforeAll` and stops it in `afterAll`;
 * every process it starts through the group is stopped with it.
 *
 * ```ts
 * const group = createProcessGroup();
 * beforeAll(() => group.start());
 * afterAll(() => group.stop());
 * it('...', async () => {
 *   const emulator = await group.emulator();
 *   const replica = await group.gateway({ config: group.emulatorConfig(emulator, ['UNITED_STATES']) });
 *   const answer = await replica.graphql('{ ... }');
 * });
 * ```
 */
export interface ProcessGroup {
  /** Starts redis-server and compiles the gateway (once per jest run). */
  start(): Promise<void>;
  /** The shared redis-server (after `start`). */
  readonly redis: RedisServer;
  /** A plain Redis client on the shared server, for looking at or tampering with entries (closed by `stop`). */
  readonly redisClient: Redis;
  /** Starts `node src/emulator/main.js` on a free port. */
  emulator(options?: EmulatorProcessOptions): Promise<EmulatorProcess>;
  /** Starts `node src/main.js` with the configuration in a file (MPA_CONFIG_FILE); resolves once it listens. */
  gateway(options: GatewayProcessOptions): Promise<GatewayProcess>;
  /** Runs a gateway process that must stop at start, and hands back what it printed. */
  gatewayThatStops(options: GatewayProcessOptions): Promise<FinishedProcess>;
  /** Runs `node src/cli/audit.js` with these arguments to its end. */
  audit(
    args: readonly string[],
    options?: { readonly config?: GatewayConfigInput; readonly env?: Record<string, string> },
  ): Promise<FinishedProcess>;
  /** A configuration for `regions`' accounts on an emulator process (its fixed tokens), with the shared Redis. */
  emulatorConfig(emulator: EmulatorProcess, regions: readonly CspRegion[], extra?: GatewayConfigInput): GatewayConfigInput;
  /** A scratch folder for this group's configuration files, lists and reports. */
  readonly folder: string;
  /** Stops every process this group started, then Redis. */
  stop(): Promise<void>;
}

export interface EmulatorProcessOptions {
  /** Default `0`. Latency of every call, in ms. */
  readonly latencyMs?: number;
  /** Default the emulator's. Relationships page size. */
  readonly relationshipsPageSize?: number;
}

/** A Partner Center emulator in its own process, driven through its admin routes. */
export interface EmulatorProcess {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Marks a test reseller signed (or withdrawn, `signed: false`) for a region. */
  setAgreement(mpnId: string, region: CspRegion, signed: boolean): Promise<void>;
  /** A fault rule for one identifier (`PUT /_emulator/faults/identifier/{id}`), e.g. `{ latencyMs: 2000 }`. */
  setFault(identifier: string, rule: Record<string, unknown>): Promise<void>;
  /** A fault rule for the relationships listing. */
  setRelationshipsFault(rule: Record<string, unknown>): Promise<void>;
  /** Adds or replaces a test reseller (`PUT /_emulator/resellers/{mpnId}`). */
  putReseller(mpnId: string, reseller: Record<string, unknown>): Promise<void>;
  clearFaults(): Promise<void>;
  /** Lets every call held by a `{ hold: true }` rule answer (`POST /_emulator/held/release`); how many were held. */
  releaseHeld(): Promise<number>;
  /** Limits each account's calls (`PUT /_emulator/rate-limit`), as Partner Center limits a partner tenant's. */
  setRateLimit(rule: { readonly perSecond: number; readonly burst?: number }): Promise<void>;
  /** Agreementstatus calls since start or the last `clearCalls`, and the relationships pages asked. */
  calls(): Promise<{
    readonly count: number;
    /** Calls answered 429 by the rate limit. */
    readonly throttled: number;
    readonly inFlight: number;
    /** Calls waiting for `releaseHeld`. */
    readonly held: number;
    readonly calls: ReadonlyArray<{ readonly identifier?: string; readonly mpnId?: string }>;
    readonly relationships: { readonly count: number };
  }>;
  clearCalls(): Promise<void>;
  stop(): Promise<void>;
}

export interface GatewayProcessOptions {
  /** Required. Written to a file the process reads through MPA_CONFIG_FILE; `port` is set to 0. */
  readonly config: GatewayConfigInput;
  /** Default none. More environment (PATH is always passed). */
  readonly env?: Record<string, string>;
}

/** A gateway replica in its own process. */
export interface GatewayProcess {
  /** `http://127.0.0.1:<port>/graphql` */
  readonly url: string;
  /** POSTs a GraphQL operation and hands back the parsed body. */
  graphql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>;
  /** The Prometheus text at /metrics. */
  metrics(): Promise<string>;
  /** The parsed body of the operator port's `/readyz`. */
  readiness(): Promise<Record<string, any>>;
  /** Everything the process printed so far. */
  output(): string;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash or an out-of-memory kill would end it, then waits for the exit. */
  kill(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;

function waitForLine(child: ChildProcess, pattern: RegExp, output: () => string, what: string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => finish(new Error(`${what} printed no ${String(pattern)} within ${START_TIMEOUT_MS} ms:\n${output()}`)),
      START_TIMEOUT_MS,
    );
    const look = () => {
      const found = pattern.exec(output());
      if (found) finish(undefined, found);
    };
    const exited = (code: number | null) => finish(new Error(`${what} exited (${String(code)}) before it was ready:\n${output()}`));
    function finish(error?: Error, found?: RegExpExecArray) {
      clearTimeout(timer);
      child.stdout?.off('data', look);
      child.stderr?.off('data', look);
      child.off('exit', exited);
      if (error) reject(error);
      else resolve(found!);
    }
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
    child.once('exit', exited);
    look();
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function killChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function admin(base: string, method: string, route: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${base}/_emulator${route}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const parsed = (await response.json()) as unknown;
  if (!response.ok) throw new Error(`emulator ${method} ${route}: ${response.status} ${JSON.stringify(parsed)}`);
  return parsed;
}

export function createProcessGroup(): ProcessGroup {
  const children = new Set<ChildProcess>();
  const folder = mkdtempSync(path.join(tmpdir(), 'mpa-processes-'));
  let build = '';
  let redis: RedisServer | undefined;
  let redisClient: Redis | undefined;
  let files = 0;

  const baseEnv = () => ({ PATH: process.env.PATH ?? '', LOG_LEVEL: process.env.MPA_TEST_PROCESS_LOG_LEVEL ?? 'info' });

  function spawnNode(script: string, env: Record<string, string>): { child: ChildProcess; output: () => string } {
    const child = spawn(process.execPath, [path.join(build, script)], { env: { ...baseEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    child.once('exit', () => children.delete(child));
    let text = '';
    child.stdout!.on('data', (chunk) => (text += chunk));
    child.stderr!.on('data', (chunk) => (text += chunk));
    return { child, output: () => text };
  }

  function configFile(config: GatewayConfigInput): string {
    files += 1;
    const file = path.join(folder, `config-${files}.json`);
    writeFileSync(file, JSON.stringify({ ...config, port: 0 }));
    return file;
  }

  return {
    folder,
    get redis() {
      if (!redis) throw new Error('call start() first');
      return redis;
    },
    get redisClient() {
      if (!redisClient) throw new Error('call start() first');
      return redisClient;
    },
    async start() {
      // Kept as soon as it runs, so that stop() ends it even when the build fails.
      const starting = startRedisServer().then((server) => (redis = server));
      try {
        build = await compiledGateway();
      } finally {
        await starting;
      }
      redisClient = new Redis(redis!.url, { maxRetriesPerRequest: 1 });
    },
    async emulator(options = {}) {
      const env: Record<string, string> = {
        EMULATOR_PORT: '0',
        EMULATOR_LATENCY_MS: String(options.latencyMs ?? 0),
        EMULATOR_ALLOW_HOLD: '1',
      };
      if (options.relationshipsPageSize) env.EMULATOR_RELATIONSHIPS_PAGE_SIZE = String(options.relationshipsPageSize);
      const { child, output } = spawnNode(path.join('src', 'emulator', 'main.js'), env);
      const [, url] = await waitForLine(child, /listening on (http:\/\/\S+)/, output, 'the emulator');
      return {
        url,
        setAgreement: async (mpnId, region, signed) => void (await admin(url, 'PUT', `/resellers/${mpnId}/agreement`, { region, signed })),
        setFault: async (identifier, rule) => void (await admin(url, 'PUT', `/faults/identifier/${encodeURIComponent(identifier)}`, rule)),
        setRelationshipsFault: async (rule) => void (await admin(url, 'PUT', '/faults/relationships', rule)),
        putReseller: async (mpnId, reseller) => void (await admin(url, 'PUT', `/resellers/${mpnId}`, reseller)),
        clearFaults: async () => void (await admin(url, 'DELETE', '/faults')),
        releaseHeld: async () => ((await admin(url, 'POST', '/held/release')) as { released: number }).released,
        setRateLimit: async (rule) => void (await admin(url, 'PUT', '/rate-limit', rule)),
        calls: async () => (await admin(url, 'GET', '/calls')) as Awaited<ReturnType<EmulatorProcess['calls']>>,
        clearCalls: async () => void (await admin(url, 'DELETE', '/calls')),
        stop: () => stopChild(child),
      };
    },
    async gateway(options) {
      const { child, output } = spawnNode(path.join('src', 'main.js'), { MPA_CONFIG_FILE: configFile(options.config), ...options.env });
      const [, url, operatorUrl] = await waitForLine(
        child,
        /"url":"(http:\/\/[^"]+\/graphql)","operatorUrl":"(http:\/\/[^"]+)"/,
        output,
        'the gateway',
      );
      return {
        url,
        async graphql(query, variables) {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query, variables }),
          });
          return (await response.json()) as never;
        },
        // /metrics is served on the operator port only.
        metrics: async () => (await fetch(`${operatorUrl}/metrics`)).text(),
        readiness: async () => (await (await fetch(`${operatorUrl}/readyz`)).json()) as Record<string, any>,
        output,
        stop: () => stopChild(child),
        kill: () => killChild(child),
      };
    },
    async gatewayThatStops(options) {
      const env = { ...baseEnv(), MPA_CONFIG_FILE: configFile(options.config), ...options.env };
      const finished = runToEnd(process.execPath, [path.join(build, 'src', 'main.js')], { env });
      const timer = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('the gateway did not stop at start')), START_TIMEOUT_MS).unref(),
      );
      return Promise.race([finished, timer]);
    },
    audit(args, options = {}) {
      const env: Record<string, string> = { ...baseEnv(), ...options.env };
      if (options.config) env.MPA_CONFIG_FILE = configFile(options.config);
      return runToEnd(process.execPath, [path.join(build, 'src', 'cli', 'audit.js'), ...args], { env });
    },
    emulatorConfig(emulator, regions, extra = {}) {
      return {
        ...extra,
        partnerCenter: { baseUrl: emulator.url, ...extra.partnerCenter },
        accounts: extra.accounts ?? regions.map((region) => ({ region, staticToken: sandboxToken(region) })),
        clientAuth: { allowAnonymous: true, ...extra.clientAuth },
        http: { requestsPerMinute: 100_000, ...extra.http },
        cache: { redisUrl: redis!.url, ...extra.cache },
      };
    },
    async stop() {
      await Promise.all([...children].map(stopChild));
      redisClient?.disconnect();
      await redis?.kill();
    },
  };
}
