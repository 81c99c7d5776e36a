import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CSP_REGIONS } from '../partner-center/csp-region';
import { ShownValue, describeConfigIssue, describeConfigProblem } from './config-problem';

/** Partner Center clouds: base URL and token authority. */
export const PARTNER_CENTER_CLOUDS = {
  public: { baseUrl: 'https://api.partnercenter.microsoft.com', authorityHost: 'https://login.microsoftonline.com' },
  usGovernment: { baseUrl: 'https://api.partnercenter.microsoft.com', authorityHost: 'https://login.microsoftonline.us' },
  china: { baseUrl: 'https://partner.partnercenterapi.microsoftonline.cn', authorityHost: 'https://login.chinacloudapi.cn' },
} as const;

/** Whether Redis clients can read this URL: ioredis throws on one `new URL` refuses. */
function isRedisUrl(text: string): boolean {
  if (!/^rediss?:\/\//.test(text)) return false;
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

/** Paths the gateway serves itself; the order page cannot take them over. */
const RESERVED_PATHS = ['/graphql', '/healthz', '/readyz', '/metrics', '/explorer', '/mpa-order-check.js'];
const RESERVED_PATHS_TEXT = RESERVED_PATHS.join(', ');

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

const regionAccount = z
  .object({
    region: z.enum(CSP_REGIONS),
    /** A fixed bearer token: only for pointing the gateway at an emulator. */
    staticToken: z.string().min(1).optional(),
    /** The provider's Entra ID tenant (a GUID). */
    tenantId: z.string().regex(GUID, 'must be a GUID').optional(),
    /** The secure-application-model app registration. */
    clientId: z.string().min(1).optional(),
    /** The app's secret (or `certificate`). Env MPA_ACCOUNT_<REGION>_CLIENT_SECRET overrides it. */
    clientSecret: z.string().min(1).optional(),
    certificate: z
      .object({
        thumbprintSha256: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex digits'),
        privateKeyFile: z.string().min(1),
        x5cFile: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    /**
     * The refresh token of the one-time consent; not needed after `npm run login`.
     * Env MPA_ACCOUNT_<REGION>_REFRESH_TOKEN overrides it.
     */
    refreshToken: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((account, context) => {
    const appUser = account.tenantId || account.clientId || account.clientSecret || account.certificate || account.refreshToken;
    if (account.staticToken) {
      if (appUser) context.addIssue({ code: 'custom', path: ['staticToken'], message: 'cannot be combined with App+User credentials' });
      return;
    }
    if (!account.tenantId) context.addIssue({ code: 'custom', path: ['tenantId'], message: "is required: the provider's Entra ID tenant" });
    if (!account.clientId) context.addIssue({ code: 'custom', path: ['clientId'], message: 'is required: the app registration used for App+User tokens' });
    if (!account.clientSecret && !account.certificate) {
      context.addIssue({ code: 'custom', path: ['clientSecret'], message: "is required (or certificate): the app's credential" });
    }
    if (account.clientSecret && account.certificate) {
      context.addIssue({ code: 'custom', path: ['certificate'], message: 'cannot be given with clientSecret: give one of the two' });
    }
  });

const gatewayConfigSchema = z
  .object({
    /** Default `4000`. */
    port: z.number().int().min(0).max(65_535).default(4000),
    /** Default `'127.0.0.1'`. Use `0.0.0.0` to listen on every interface. */
    host: z.string().min(1).default('127.0.0.1'),
    /** Default: on when no account is configured. Runs against the built-in emulator. */
    sandbox: z.boolean().optional(),
    /** Default `0` (any free port). Port of the built-in emulator in sandbox mode. */
    emulatorPort: z.number().int().min(0).max(65_535).default(0),
    partnerCenter: z
      .object({
        /** Default `'public'`. Picks the base URL and the token authority. */
        cloud: z.enum(['public', 'usGovernment', 'china']).default('public'),
        /** Default the cloud's base URL. */
        baseUrl: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
        /** Default `'csp'`. */
        program: z.string().regex(/^[A-Za-z0-9_-]+$/).default('csp'),
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
    auth: z
      .object({
        /** Default the cloud's (login.microsoftonline.com, .us, chinacloudapi.cn). */
        authorityHost: z.url({ protocol: /^https$/, error: 'must be an https:// URL' }).optional(),
        /** Default `<Partner Center base URL>/user_impersonation`. */
        scope: z.string().min(1).optional(),
        /** Default `.mpa-gateway/token-cache`. One owner-only file per region holds its msal cache. */
        tokenCacheDir: z.string().min(1).default('.mpa-gateway/token-cache'),
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
        /** Default `'mpa:'`. */
        redisKeyPrefix: z.string().min(1).default('mpa:'),
        /** Default `250`. Longest a Redis command may take before Redis counts as unreachable for a while, in ms. */
        redisCommandTimeoutMs: z.number().int().positive().default(250),
      })
      .strict()
      .prefault({}),
    resilience: z
      .object({
        /** Default `3`. Attempts per question, the first included. */
        maxAttempts: z.number().int().min(1).max(10).default(3),
        /** Default `200`. First retry delay in ms (exponential with jitter afterwards). */
        baseDelayMs: z.number().int().positive().default(200),
        /** Default `2000`. */
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
    http: z
      .object({
        /** Default: on in sandbox mode only. Schema introspection. */
        introspection: z.boolean().optional(),
        /** Default: on in sandbox mode only. The explorer page at GET /graphql. */
        landingPage: z.boolean().optional(),
        /** Default: on in sandbox mode only. The reference order page built with `<mpa-order-check>`. */
        orderFormPage: z.boolean().optional(),
        /** Default `'/order-form'`. Path of the reference order page. */
        orderFormPath: z
          .string()
          .regex(/^\/[A-Za-z0-9._~-]+(?:\/[A-Za-z0-9._~-]+)*$/, 'must be a path such as /order-form (letters, digits, . _ ~ - between slashes)')
          .refine((value) => !RESERVED_PATHS.some((reserved) => value === reserved || value.startsWith(`${reserved}/`)), {
            message: `must not be one of the gateway's own paths (${RESERVED_PATHS_TEXT})`,
          })
          .default('/order-form'),
        /** Default `262144`. Largest request body, in bytes. */
        maxBodyBytes: z.number().int().positive().default(262_144),
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
        /** Default none (open). SHA-256 (hex) of the bearer token `/metrics` then requires. */
        metricsTokenSha256: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex digits').optional(),
      })
      .strict()
      .prefault({}),
    /** Who may call the gateway. Off in sandbox mode. */
    clientAuth: z
      .object({
        /** Bearer JWTs from your identity provider. */
        jwt: z
          .object({
            issuer: z.string().min(1),
            audience: z.string().min(1),
            jwksUrl: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }),
            /** Default `60`. Clock skew allowed, in seconds. */
            clockToleranceSeconds: z.number().int().min(0).default(60),
          })
          .strict()
          .optional(),
        /** Static API keys for service callers, sent as `X-Api-Key`; only their SHA-256 is stored. */
        apiKeys: z
          .array(z.object({ name: z.string().min(1), sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex digits') }).strict())
          .default([]),
        /** Default `false`. Let unauthenticated callers in outside sandbox mode. */
        allowAnonymous: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    /** Default `'closed'`. When Partner Center cannot answer: block Submit, or allow it marked unverified. */
    failPolicy: z.enum(['closed', 'open']).default('closed'),
    /**
     * Default `false`. With `failPolicy: open`, whether orders also go through while Partner
     * Center refuses the gateway's own credentials. Off, an expired refresh token blocks orders
     * instead of silently switching the check off.
     */
    failOpenOnCredentialsRejected: z.boolean().default(false),
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
export type RegionAccountConfig = z.infer<typeof regionAccount>;

/** Environment variables and the config key each sets. Env wins over the file. */
export const ENVIRONMENT_KEYS: ReadonlyArray<{ env: string; key: readonly string[]; type: 'number' | 'boolean' | 'string' }> = [
  { env: 'PORT', key: ['port'], type: 'number' },
  { env: 'HOST', key: ['host'], type: 'string' },
  { env: 'MPA_SANDBOX', key: ['sandbox'], type: 'boolean' },
  { env: 'EMULATOR_PORT', key: ['emulatorPort'], type: 'number' },
  { env: 'MPA_PARTNER_CENTER_CLOUD', key: ['partnerCenter', 'cloud'], type: 'string' },
  { env: 'MPA_PARTNER_CENTER_BASE_URL', key: ['partnerCenter', 'baseUrl'], type: 'string' },
  { env: 'MPA_PARTNER_CENTER_TIMEOUT_MS', key: ['partnerCenter', 'timeoutMs'], type: 'number' },
  { env: 'MPA_PARTNER_CENTER_APPLICATION', key: ['partnerCenter', 'applicationName'], type: 'string' },
  { env: 'MPA_PARTNER_CENTER_CA_FILE', key: ['partnerCenter', 'caCertificateFile'], type: 'string' },
  { env: 'MPA_CACHE_TTL_POSITIVE_SECONDS', key: ['cache', 'ttlSeconds', 'positive'], type: 'number' },
  { env: 'MPA_CACHE_TTL_NEGATIVE_SECONDS', key: ['cache', 'ttlSeconds', 'negative'], type: 'number' },
  { env: 'MPA_CACHE_TTL_TRANSIENT_SECONDS', key: ['cache', 'ttlSeconds', 'transient'], type: 'number' },
  { env: 'MPA_CACHE_MAX_ENTRIES', key: ['cache', 'maxEntries'], type: 'number' },
  { env: 'MPA_REDIS_URL', key: ['cache', 'redisUrl'], type: 'string' },
  { env: 'MPA_MAX_ATTEMPTS', key: ['resilience', 'maxAttempts'], type: 'number' },
  { env: 'MPA_OPERATION_DEADLINE_MS', key: ['resilience', 'operationDeadlineMs'], type: 'number' },
  { env: 'MPA_FAIL_POLICY', key: ['failPolicy'], type: 'string' },
  { env: 'MPA_FAIL_OPEN_ON_CREDENTIALS_REJECTED', key: ['failOpenOnCredentialsRejected'], type: 'boolean' },
  { env: 'MPA_AUTHORITY_HOST', key: ['auth', 'authorityHost'], type: 'string' },
  { env: 'MPA_TOKEN_CACHE_DIR', key: ['auth', 'tokenCacheDir'], type: 'string' },
  { env: 'MPA_AUTH_CA_FILE', key: ['auth', 'caCertificateFile'], type: 'string' },
  { env: 'MPA_INTROSPECTION', key: ['http', 'introspection'], type: 'boolean' },
  { env: 'MPA_ORDER_FORM_PAGE', key: ['http', 'orderFormPage'], type: 'boolean' },
  { env: 'MPA_ORDER_FORM_PATH', key: ['http', 'orderFormPath'], type: 'string' },
  { env: 'MPA_RESPONSE_CACHE_MS', key: ['http', 'responseCacheMs'], type: 'number' },
  { env: 'MPA_REQUESTS_PER_MINUTE', key: ['http', 'requestsPerMinute'], type: 'number' },
  { env: 'MPA_METRICS_TOKEN_SHA256', key: ['http', 'metricsTokenSha256'], type: 'string' },
  { env: 'MPA_CLIENT_JWT_ISSUER', key: ['clientAuth', 'jwt', 'issuer'], type: 'string' },
  { env: 'MPA_CLIENT_JWT_AUDIENCE', key: ['clientAuth', 'jwt', 'audience'], type: 'string' },
  { env: 'MPA_CLIENT_JWT_JWKS_URL', key: ['clientAuth', 'jwt', 'jwksUrl'], type: 'string' },
  { env: 'MPA_ALLOW_ANONYMOUS', key: ['clientAuth', 'allowAnonymous'], type: 'boolean' },
  { env: 'MPA_MAX_RESELLERS_PER_QUERY', key: ['limits', 'maxResellersPerQuery'], type: 'number' },
  { env: 'MPA_UPSTREAM_CONCURRENCY', key: ['limits', 'upstreamConcurrency'], type: 'number' },
  { env: 'MPA_UPSTREAM_CONCURRENCY_MIN', key: ['limits', 'upstreamConcurrencyMin'], type: 'number' },
  { env: 'MPA_UPSTREAM_CONCURRENCY_MAX', key: ['limits', 'upstreamConcurrencyMax'], type: 'number' },
];

/** The file named by MPA_CONFIG_FILE holds the same keys as JSON. */
export const CONFIG_FILE_ENV = 'MPA_CONFIG_FILE';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function envValue(raw: string, type: 'number' | 'boolean' | 'string'): unknown {
  if (type === 'number' && /^\s*-?\d+(\.\d+)?\s*$/.test(raw)) return Number(raw);
  if (type === 'boolean' && /^(true|1|yes)$/i.test(raw)) return true;
  if (type === 'boolean' && /^(false|0|no)$/i.test(raw)) return false;
  return raw; // left as text so the schema's message shows the bad value
}

function setPath(target: Record<string, unknown>, key: readonly string[], value: unknown): void {
  let node = target;
  for (const part of key.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[key[key.length - 1]] = value;
}

/** Says where a key's value came from, e.g. `the environment variable PORT`. */
export type ConfigSourceOf = (key: string) => string;

/** A checked configuration and where each of its keys came from. */
export interface LoadedGatewayConfig {
  readonly config: GatewayConfig;
  readonly sourceOf: ConfigSourceOf;
}

const PROBLEM_PREFIX = 'Invalid configuration: ';

/**
 * Reads and checks the configuration: the JSON file named by MPA_CONFIG_FILE (optional),
 * then environment variables. Throws a ConfigError naming every bad key and its source.
 */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return loadGatewayConfigWithSources(env).config;
}

/** `loadGatewayConfig`, also telling where each key came from (for start-up messages). */
export function loadGatewayConfigWithSources(env: NodeJS.ProcessEnv = process.env): LoadedGatewayConfig {
  let raw: Record<string, unknown> = {};
  const file = env[CONFIG_FILE_ENV];
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new ConfigError(`${PROBLEM_PREFIX}the file ${file}, named by ${CONFIG_FILE_ENV}, cannot be read (${errorCode(error)}).`);
    }
    try {
      raw = JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      throw new ConfigError(`${PROBLEM_PREFIX}the file ${file}, named by ${CONFIG_FILE_ENV}, is not valid JSON (${(error as Error).message}).`);
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new ConfigError(`${PROBLEM_PREFIX}the file ${file}, named by ${CONFIG_FILE_ENV}, must hold a JSON object.`);
    }
  }
  const sources = new Map<string, string>();
  for (const { env: name, key, type } of ENVIRONMENT_KEYS) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    setPath(raw, key, envValue(value, type));
    sources.set(key.join('.'), name);
  }
  // Per-account secrets may come from the environment (e.g. a secret store), by region.
  if (Array.isArray(raw.accounts)) {
    raw.accounts.forEach((account: unknown, index: number) => {
      if (typeof account !== 'object' || account === null) return;
      const entry = account as Record<string, unknown>;
      for (const [field, suffix] of [['clientSecret', 'CLIENT_SECRET'], ['refreshToken', 'REFRESH_TOKEN']] as const) {
        const name = `MPA_ACCOUNT_${String(entry.region)}_${suffix}`;
        if (env[name]) {
          entry[field] = env[name];
          sources.set(`accounts[${index}].${field}`, name);
        }
      }
    });
  }
  const sourceOf: ConfigSourceOf = (key) => {
    const variable = sources.get(key);
    if (variable) return `the environment variable ${variable}`;
    return file ? `the file ${file}` : 'the defaults';
  };
  const config = parseGatewayConfig(raw, sourceOf);
  checkFilesReadable(config, sourceOf);
  return { config, sourceOf };
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/** Files the configuration names are read at start, so a bad path is told with where it was set. */
function checkFilesReadable(config: GatewayConfig, sourceOf: ConfigSourceOf): void {
  const files: Array<[string, string | undefined]> = [
    ['auth.caCertificateFile', config.auth.caCertificateFile],
    ['partnerCenter.caCertificateFile', config.partnerCenter.caCertificateFile],
    ...config.accounts.flatMap((account, index): Array<[string, string | undefined]> => [
      [`accounts[${index}].certificate.privateKeyFile`, account.certificate?.privateKeyFile],
      [`accounts[${index}].certificate.x5cFile`, account.certificate?.x5cFile],
    ]),
  ];
  const problems: string[] = [];
  for (const [key, file] of files) {
    if (!file) continue;
    try {
      readFileSync(file);
    } catch (error) {
      problems.push(describeConfigProblem(key, sourceOf(key), { kind: 'shown', value: file }, `names a file that cannot be read (${errorCode(error)})`));
    }
  }
  if (problems.length > 0) throw new ConfigError(problems.map((problem) => `${PROBLEM_PREFIX}${problem}`).join('\n'));
}

const keyOf = (path: readonly PropertyKey[]) =>
  path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '') || '(root)';

/**
 * Checks a configuration object; `sourceOf` names where a key came from in messages. Each
 * problem is one line: the key, where it came from, its value (never a secret's), and what
 * it must be.
 */
export function parseGatewayConfig(input: unknown, sourceOf: ConfigSourceOf = () => 'the configuration given'): GatewayConfig {
  const result = gatewayConfigSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap((issue) =>
    describeConfigIssue(issue, keyOf, sourceOf, (path) => valueAt(input, path)),
  );
  throw new ConfigError(problems.map((problem) => `${PROBLEM_PREFIX}${problem}`).join('\n'));
}

/** Keys whose values never appear in a message. */
const SENSITIVE_KEYS = /^(refreshToken|staticToken|clientSecret|redisUrl|sha256|metricsTokenSha256|password|apiKeys)$/i;

function valueAt(input: unknown, path: readonly PropertyKey[]): ShownValue {
  let node: unknown = input;
  for (const part of path) {
    if (typeof node !== 'object' || node === null) return { kind: 'absent' };
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  if (node === undefined || node === null) return { kind: 'absent' };
  // Values that may be secrets are never echoed.
  if (path.some((part) => SENSITIVE_KEYS.test(String(part)))) return { kind: 'hidden' };
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') return { kind: 'shown', value: node };
  return { kind: 'structured' };
}

/** Where a region's msal token cache lives. */
export function tokenCacheFile(config: GatewayConfig, region: (typeof CSP_REGIONS)[number]): string {
  return path.resolve(config.auth.tokenCacheDir, `${region}.json`);
}

/** The token authority host after applying the cloud default. */
export function authorityHost(config: GatewayConfig): string {
  return config.auth.authorityHost ?? PARTNER_CENTER_CLOUDS[config.partnerCenter.cloud].authorityHost;
}

/** The App+User scope after applying the default: the cloud's Partner Center resource. */
export function partnerCenterScope(config: GatewayConfig): string {
  return config.auth.scope ?? `${PARTNER_CENTER_CLOUDS[config.partnerCenter.cloud].baseUrl}/user_impersonation`;
}

/** The base URL after applying the cloud default. */
export function partnerCenterBaseUrl(config: GatewayConfig): string {
  return config.partnerCenter.baseUrl ?? PARTNER_CENTER_CLOUDS[config.partnerCenter.cloud].baseUrl;
}
