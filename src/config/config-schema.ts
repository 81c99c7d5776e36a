import { z } from 'zod';
import { isRedisUrl, regionAccount } from './account-schema';
import { urlWithoutCredentials } from './url-credentials';
import { connectionLimits, operatorEndpoints } from './http-edge-schema';
import { checkModes, relationshipsSettings } from './relationship-schema';
import { clientAuthSettings } from './client-auth-schema';
import { parseTokenCacheKey } from '../partner-center/auth/token-cache-encryption';
import { partnerOfRecordSettings } from './partner-of-record-schema';
import { decisionLogSettings, tracingSettings } from './observability-schema';
import { FAIL_POLICIES } from '../eligibility/fail-policy';
import { GRAPHQL_PATH } from '../http/graphql-path';

/** Paths the gateway serves itself; the order page cannot take them over. */
const RESERVED_PATHS = [GRAPHQL_PATH, '/healthz', '/readyz', '/metrics', '/explorer', '/mpa-order-check.js'];
const RESERVED_PATHS_TEXT = RESERVED_PATHS.join(', ');

/** Every configuration key, its default and what it accepts; the one place they are checked. */
export const gatewayConfigSchema = z
  .object({
    /** Default `4000`. Port the gateway listens on. */
    port: z.number().int().min(0).max(65_535).default(4000),
    /** Default `'127.0.0.1'`. Use `0.0.0.0` to listen on every interface. */
    host: z.string().min(1).default('127.0.0.1'),
    /**
     * Default: on only when nothing production-like is configured (no accounts, no
     * `clientAuth.jwt` or `clientAuth.apiKeys`, no `partnerCenter.baseUrl`). Runs against the
     * built-in emulator with client authentication off; true beside any of those keys is refused.
     */
    sandbox: z.boolean().optional(),
    /** Default `false`. Lets sandbox mode listen on a `host` other than loopback (it has no client authentication). */
    allowSandboxBeyondLoopback: z.boolean().default(false),
    /** Default `0` (any free port). Port of the built-in emulator in sandbox mode. */
    emulatorPort: z.number().int().min(0).max(65_535).default(0),
    /** Where and how Partner Center is called. */
    partnerCenter: z
      .object({
        /** Default `'public'`. Picks the base URL and the token authority. */
        cloud: z.enum(['public', 'usGovernment', 'china']).default('public'),
        /** Default the cloud's base URL. Where Partner Center's REST API is called (an emulator's URL in tests). */
        baseUrl: urlWithoutCredentials(/^https?$/, 'must be an http:// or https:// URL', 'partnerCenter.baseUrl').optional(),
        /** Default `'csp'`. The program segment of Partner Center's agreement status path. */
        program: z
          .string()
          .regex(/^[A-Za-z0-9_-]+$/)
          .default('csp'),
        /** Default `5000`. Per upstream call, in ms. */
        timeoutMs: z.number().int().positive().default(5_000),
        /** Default `'en-US'`. Sent as X-Locale. */
        locale: z.string().min(2).default('en-US'),
        /** Default none. Sent as MS-PartnerCenter-Application. */
        applicationName: z.string().min(1).optional(),
        /** Default none. PEM file of a CA to trust for Partner Center calls (TLS-inspecting proxy, private front). */
        caCertificateFile: z.string().min(1).optional(),
      })
      .strict()
      .prefault({}),
    /** How App+User tokens are obtained from the cloud's token authority (Entra ID). */
    auth: z
      .object({
        /** Default the cloud's (login.microsoftonline.com, .us, chinacloudapi.cn). */
        authorityHost: urlWithoutCredentials(/^https$/, 'must be an https:// URL', 'auth.authorityHost').optional(),
        /** Default `<Partner Center base URL>/user_impersonation`. */
        scope: z.string().min(1).optional(),
        /** Default `.mpa-gateway/token-cache`. One owner-only file per region holds its msal cache. */
        tokenCacheDir: z.string().min(1).default('.mpa-gateway/token-cache'),
        /**
         * Default none (files hold msal's cache as it is). A 32-byte key, as 64 hex digits or
         * base64, that encrypts each token cache file (AES-256-GCM); set it through
         * MPA_TOKEN_CACHE_KEY from a secret store, never in the file.
         */
        tokenCacheKey: z
          .string()
          .refine((value) => parseTokenCacheKey(value) !== undefined, 'must be 64 hex digits or the base64 of 32 bytes')
          .optional(),
        /** Default none. PEM file of a CA to trust for the authority (private CA, emulator). */
        caCertificateFile: z.string().min(1).optional(),
        /** Default `300`. A token is replaced this many seconds before it expires (in the background). */
        refreshMarginSeconds: z.number().int().min(0).default(300),
        /** Default `10000`. Longest any request to the token authority may take, in ms. */
        requestTimeoutMs: z.number().int().positive().default(10_000),
      })
      .strict()
      .prefault({}),
    /** One Partner Center account per CSP region this deployment can check. */
    accounts: z
      .array(regionAccount)
      .default([])
      .refine((accounts) => new Set(accounts.map((a) => a.region)).size === accounts.length, {
        message: 'must hold one account per region at most',
      }),
    /** How Partner Center's answers are reused: in memory per replica, and in Redis when shared. */
    cache: z
      .object({
        /** Seconds each kind of answer is reused. */
        ttlSeconds: z
          .object({
            /** Default `3600`. Signed. */
            positive: z.number().int().min(0).default(3_600),
            /** Default `60`. Reseller problems: short, since a fresh signature can take a while to show. */
            negative: z.number().int().min(0).default(60),
            /** Default `0` (not kept). Partner Center unavailable. */
            transient: z.number().int().min(0).default(0),
          })
          .strict()
          .prefault({}),
        /** Default `100000`. Entries kept in memory per replica (least recently used go first). */
        maxEntries: z.number().int().positive().default(100_000),
        /** Default none (memory only). Redis shared by replicas, e.g. `redis://127.0.0.1:6379/0`. */
        redisUrl: z.string().refine(isRedisUrl, 'must be a redis:// or rediss:// URL such as redis://user:password@host:6379/0').optional(),
        /** Default `'mpa:'`. Put before every key the gateway writes to Redis. */
        redisKeyPrefix: z.string().min(1).default('mpa:'),
        /** Default `250`. Longest a Redis command may take before Redis counts as unreachable for 5 s, for every user of it in the process (each then falls back to its per-replica self), in ms. */
        redisCommandTimeoutMs: z.number().int().positive().default(250),
        /**
         * Default none (entries unsigned). A secret of at least 32 characters: every shared entry
         * (answers, reseller lists) carries an HMAC-SHA256 over its key and value, and an entry
         * that fails it is ignored and counted (mpa_cache_rejected_entries_total). Give every
         * replica and the audit the same one. Env MPA_REDIS_SIGNING_KEY.
         */
        redisSigningKey: z.string().min(32, 'must be at least 32 characters').optional(),
        /**
         * Default `false`. Let a process that answers from an emulator (sandbox mode, fixed-token
         * accounts) use a Redis where a real deployment keeps its entries. Each still keeps to its
         * own keys; off, such a process stops at start.
         */
        allowSharedRedisWithSandbox: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    /** Retries, the operation's deadline and each region's circuit breaker. */
    resilience: z
      .object({
        /** Default `3`. Attempts per question, the first included. */
        maxAttempts: z.number().int().min(1).max(10).default(3),
        /** Default `200`. First retry delay in ms (exponential with jitter afterwards). */
        baseDelayMs: z.number().int().positive().default(200),
        /** Default `2000`. Longest retry delay, in ms. */
        maxDelayMs: z.number().int().positive().default(2_000),
        /** Default `10000`. Time one GraphQL operation may spend on Partner Center, retries included. */
        operationDeadlineMs: z.number().int().positive().default(10_000),
        /** Default `0.5`. Share of questions Partner Center failed, over `circuitWindowMs`, that opens a region's circuit. */
        circuitFailureRate: z.number().gt(0).lt(1).default(0.5),
        /** Default `10`. Questions the window must hold before the rate can open the circuit. */
        circuitMinimumCalls: z.number().int().positive().default(10),
        /** Default `10000`. The window the failure rate is measured over, in ms. */
        circuitWindowMs: z.number().int().min(1_000).default(10_000),
        /** Default `2000`. How long an open circuit waits before its first trial call, in ms. */
        circuitFirstTrialAfterMs: z.number().int().positive().default(2_000),
        /** Default `30000`. Longest wait between trials: each failed trial doubles the wait up to this, in ms. */
        circuitHalfOpenAfterMs: z.number().int().positive().default(30_000),
      })
      .strict()
      .prefault({}),
    /** The HTTP and GraphQL edge: what is served and the limits every request meets. */
    http: z
      .object({
        /** Default: on in sandbox mode only. Schema introspection. */
        introspection: z.boolean().optional(),
        /** Default: on in sandbox mode only. The explorer page at /explorer (a browser opening /graphql is sent there). */
        landingPage: z.boolean().optional(),
        /** Default: on in sandbox mode only. The reference order page built with `<mpa-order-check>`. */
        orderFormPage: z.boolean().optional(),
        /** Default `'/order-form'`. Path of the reference order page. */
        orderFormPath: z
          .string()
          .regex(
            /^\/[A-Za-z0-9._~-]+(?:\/[A-Za-z0-9._~-]+)*$/,
            'must be a path such as /order-form (letters, digits, . _ ~ - between slashes)',
          )
          .refine((value) => !RESERVED_PATHS.some((reserved) => value === reserved || value.startsWith(`${reserved}/`)), {
            message: `must not be one of the gateway's own paths (${RESERVED_PATHS_TEXT})`,
          })
          .default('/order-form'),
        /** Default `262144`. Largest request body, in bytes (413 `PAYLOAD_TOO_LARGE` above it). */
        maxBodyBytes: z.number().int().positive().default(262_144),
        /** Default `65536`. Largest query text, in UTF-8 bytes (413 `QUERY_TOO_LARGE` above it). */
        maxQueryBytes: z.number().int().positive().default(65_536),
        /**
         * Default `16777216` (16 MiB). Parsed and validated documents kept for reuse, sized by
         * their source text and syntax tree, so distinct query texts cannot grow memory past it.
         */
        documentCacheBytes: z.number().int().min(0).default(16_777_216),
        /** Default `10`. Deepest selection allowed. */
        maxDepth: z.number().int().positive().default(10),
        /** Default `20`. Aliases allowed in one operation. */
        maxAliases: z.number().int().min(0).default(20),
        /** Default `10000`. Tokens allowed in one query text. */
        maxTokens: z.number().int().positive().default(10_000),
        /** Default `10000`. Cost allowed: one per field, times the length of any list argument. */
        maxCost: z.number().int().positive().default(10_000),
        /**
         * Default `1000`. Milliseconds an identical query's whole response is reused (0: off).
         * Only responses made of cacheable answers; a recheck empties it.
         */
        responseCacheMs: z.number().int().min(0).max(60_000).default(1_000),
        /** Default `600`. Requests per minute per client. */
        requestsPerMinute: z.number().int().positive().default(600),
        /** Default `10000`. On shutdown, how long in-flight requests may finish, in ms. */
        shutdownGraceMs: z.number().int().min(0).default(10_000),
        /**
         * Default `72000`. How long an idle keep-alive connection stays open, in ms: above the
         * idle timeout of the load balancer in front (60 s on common ones), so that the balancer,
         * not the gateway, closes idle connections and never sends on one being closed.
         */
        keepAliveTimeoutMs: z.number().int().positive().default(72_000),
        ...connectionLimits,
        /**
         * Default `false`. Which proxies' `X-Forwarded-For` to believe for the client address
         * (anonymous callers are rate-limited by it): `true` (all), a hop count, or addresses
         * and CIDR ranges separated by commas, as Fastify's `trustProxy` takes them.
         */
        trustProxy: z
          .preprocess(
            (value) =>
              value === 'true'
                ? true
                : value === 'false'
                  ? false
                  : typeof value === 'string' && /^\d+$/.test(value)
                    ? Number(value)
                    : value,
            z.union([
              z.boolean(),
              z.number().int().min(0),
              z.string().regex(/^[0-9A-Fa-f.:/,\s]+$/, 'must be true, false, a hop count, or addresses/CIDRs separated by commas'),
            ]),
          )
          .default(false),
        ...operatorEndpoints,
        /** Default none (open). SHA-256 (hex) of the bearer token `/metrics` then requires. */
        metricsTokenSha256: z
          .string()
          .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex digits')
          .optional(),
      })
      .strict()
      .prefault({}),
    /** Who may call the gateway. Off in sandbox mode. */
    clientAuth: clientAuthSettings,
    /** Each region account's list of indirect resellers (the partner-of-record check). */
    relationships: relationshipsSettings,
    /** What each check does to `canSubmit`. */
    checks: checkModes,
    /** Microsoft's partner-of-record verdict (validateresellers), asked in batches per region account. */
    partnerOfRecord: partnerOfRecordSettings,
    /** Default `'closed'`. When Partner Center cannot answer: block Submit, or allow it marked unverified. */
    failPolicy: z.enum(FAIL_POLICIES).default('closed'),
    /**
     * Default `false`. With `failPolicy: open`, whether orders also go through while Partner
     * Center refuses the gateway's own credentials. Off, an expired refresh token blocks orders
     * instead of silently switching the check off.
     */
    failOpenOnCredentialsRejected: z.boolean().default(false),
    /** OpenTelemetry traces (off unless an OTLP endpoint is configured). */
    tracing: tracingSettings,
    /** One record per decided order line. */
    decisionLog: decisionLogSettings,
    /** Limits on the work one operation may cause upstream. */
    limits: z
      .object({
        /** Default `500`. Longest list a query may ask about (resellers, cart lines). */
        maxResellersPerQuery: z.number().int().positive().max(10_000).default(500),
        /** Default `8`. Concurrent upstream calls per region account to start with; the limit then adapts. */
        upstreamConcurrency: z.number().int().positive().max(256).default(8),
        /** Default `1`. The adaptive limit never goes below this. */
        upstreamConcurrencyMin: z.number().int().positive().max(256).default(1),
        /** Default `64`. The adaptive limit never goes above this. Set min, start and max equal for a fixed limit. */
        upstreamConcurrencyMax: z.number().int().positive().max(256).default(64),
        /**
         * Default `0.2`. Share of each account's budget (its calls in flight here, and the pace
         * every process shares through Redis) kept for order forms while bulk work (the audit,
         * forced reseller-list refreshes) waits. From 0 up to 0.9.
         */
        interactiveShare: z.number().min(0).max(0.9).default(0.2),
        /** Default `1000`. Partner Center calls one client's operations may cause per minute (cached answers are free); past it, lines answer CLIENT_BUDGET_EXCEEDED. */
        upstreamCallsPerClientPerMinute: z.number().int().positive().default(1_000),
        /** Default `30`. Rechecks one client may ask per minute; past it, the line answers CLIENT_BUDGET_EXCEEDED. */
        rechecksPerClientPerMinute: z.number().int().positive().default(30),
      })
      .strict()
      .superRefine((limits, context) => {
        if (limits.upstreamConcurrencyMin > limits.upstreamConcurrency || limits.upstreamConcurrency > limits.upstreamConcurrencyMax) {
          context.addIssue({
            code: 'custom',
            path: ['upstreamConcurrency'],
            message: `must lie between upstreamConcurrencyMin (${limits.upstreamConcurrencyMin}) and upstreamConcurrencyMax (${limits.upstreamConcurrencyMax})`,
          });
        }
      })
      .prefault({}),
  })
  .strict();

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
export type GatewayConfigInput = z.input<typeof gatewayConfigSchema>;
