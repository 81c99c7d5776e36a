import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CSP_REGIONS } from '../partner-center/csp-region';
import { PARTNER_CENTER_CLOUDS } from './account-schema';
import { parseTokenCacheKey } from '../partner-center/auth/token-cache-encryption';
import { GatewayConfig, gatewayConfigSchema } from './config-schema';
import { CONFIG_FILE_ENV, ENVIRONMENT_KEYS, envValue, setPath } from './environment-keys';
import { ShownValue, describeConfigIssue, describeConfigProblem } from './config-problem';
import { applyRenamedKeys } from './renamed-keys';

export { PARTNER_CENTER_CLOUDS } from './account-schema';
export type { RegionAccountConfig } from './account-schema';
export type { GatewayConfig, GatewayConfigInput } from './config-schema';
export { CONFIG_FILE_ENV, ENVIRONMENT_KEYS } from './environment-keys';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Says where a key's value came from, e.g. `the environment variable PORT`. */
export type ConfigSourceOf = (key: string) => string;

/** A checked configuration and where each of its keys came from. */
export interface LoadedGatewayConfig {
  readonly config: GatewayConfig;
  readonly sourceOf: ConfigSourceOf;
  /** One line per renamed key still used, naming its replacement; logged at start. */
  readonly warnings: readonly string[];
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
      throw new ConfigError(
        `${PROBLEM_PREFIX}the file ${file}, named by ${CONFIG_FILE_ENV}, is not valid JSON (${(error as Error).message}).`,
      );
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
      for (const [field, suffix] of [
        ['clientSecret', 'CLIENT_SECRET'],
        ['refreshToken', 'REFRESH_TOKEN'],
      ] as const) {
        const name = `MPA_ACCOUNT_${String(entry.region)}_${suffix}`;
        if (env[name]) {
          entry[field] = env[name];
          sources.set(`accounts[${index}].${field}`, name);
        }
      }
    });
  }
  const sourceOf: ConfigSourceOf = (key) => {
    // A group of keys (clientAuth.jwt) set from the environment names the variable of one of its keys.
    const variable = sources.get(key) ?? [...sources].find(([name]) => name.startsWith(`${key}.`))?.[1];
    if (variable) return `the environment variable ${variable}`;
    return file ? `the file ${file}` : 'the defaults';
  };
  const { config, warnings } = parseGatewayConfigWithWarnings(raw, sourceOf);
  checkFilesReadable(config, sourceOf);
  return { config, sourceOf, warnings };
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
      problems.push(
        describeConfigProblem(key, sourceOf(key), { kind: 'shown', value: file }, `names a file that cannot be read (${errorCode(error)})`),
      );
    }
  }
  if (problems.length > 0) throw new ConfigError(problems.map((problem) => `${PROBLEM_PREFIX}${problem}`).join('\n'));
}

const keyOf = (path: readonly PropertyKey[]) =>
  path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('')
    .replace(/^\./, '') || '(root)';

/**
 * Checks a configuration object; `sourceOf` names where a key came from in messages. Each
 * problem is one line: the key, where it came from, its value (never a secret's), and what
 * it must be.
 */
export function parseGatewayConfig(input: unknown, sourceOf: ConfigSourceOf = () => 'the configuration given'): GatewayConfig {
  return parseGatewayConfigWithWarnings(input, sourceOf).config;
}

/** `parseGatewayConfig`, also telling which renamed keys were used (see src/config/renamed-keys.ts). */
export function parseGatewayConfigWithWarnings(
  given: unknown,
  sourceOf: ConfigSourceOf = () => 'the configuration given',
): { readonly config: GatewayConfig; readonly warnings: readonly string[] } {
  const { raw: input, warnings } = applyRenamedKeys(given);
  const result = gatewayConfigSchema.safeParse(input);
  if (result.success) return { config: result.data, warnings };
  const problems = result.error.issues.flatMap((issue) => describeConfigIssue(issue, keyOf, sourceOf, (path) => valueAt(input, path)));
  throw new ConfigError(problems.map((problem) => `${PROBLEM_PREFIX}${problem}`).join('\n'));
}

/** Keys whose values never appear in a message. */
const SENSITIVE_KEYS = /^(refreshToken|staticToken|clientSecret|redisUrl|sha256|metricsTokenSha256|tokenCacheKey|password|apiKeys)$/i;

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

/** The key that encrypts the token cache files, when one is configured. */
export function tokenCacheKey(config: GatewayConfig): Buffer | undefined {
  return config.auth.tokenCacheKey === undefined ? undefined : parseTokenCacheKey(config.auth.tokenCacheKey);
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
