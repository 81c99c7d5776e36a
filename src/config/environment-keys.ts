/** Environment variables and the config key each sets. Env wins over the file. */
export const ENVIRONMENT_KEYS: ReadonlyArray<{ env: string; key: readonly string[]; type: 'number' | 'boolean' | 'string' }> = [
  { env: 'PORT', key: ['port'], type: 'number' },
  { env: 'HOST', key: ['host'], type: 'string' },
  { env: 'MPA_SANDBOX', key: ['sandbox'], type: 'boolean' },
  { env: 'MPA_ALLOW_SANDBOX_BEYOND_LOOPBACK', key: ['allowSandboxBeyondLoopback'], type: 'boolean' },
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
  { env: 'MPA_REDIS_SIGNING_KEY', key: ['cache', 'redisSigningKey'], type: 'string' },
  { env: 'MPA_ALLOW_SHARED_REDIS_WITH_SANDBOX', key: ['cache', 'allowSharedRedisWithSandbox'], type: 'boolean' },
  { env: 'MPA_MAX_ATTEMPTS', key: ['resilience', 'maxAttempts'], type: 'number' },
  { env: 'MPA_OPERATION_DEADLINE_MS', key: ['resilience', 'operationDeadlineMs'], type: 'number' },
  { env: 'MPA_FAIL_POLICY', key: ['failPolicy'], type: 'string' },
  { env: 'MPA_RELATIONSHIPS_REFRESH_SECONDS', key: ['relationships', 'refreshIntervalSeconds'], type: 'number' },
  { env: 'MPA_CHECK_AGREEMENT', key: ['checks', 'agreement'], type: 'string' },
  { env: 'MPA_CHECK_RELATIONSHIP', key: ['checks', 'relationship'], type: 'string' },
  { env: 'MPA_CHECKS_ALLOW_NOTHING_ENFORCED', key: ['checks', 'allowNothingEnforced'], type: 'boolean' },
  { env: 'MPA_CHECK_PARTNER_OF_RECORD', key: ['checks', 'partnerOfRecord'], type: 'string' },
  { env: 'MPA_POR_MAX_BATCH_SIZE', key: ['partnerOfRecord', 'maxBatchSize'], type: 'number' },
  { env: 'MPA_FAIL_OPEN_ON_CREDENTIALS_REJECTED', key: ['failOpenOnCredentialsRejected'], type: 'boolean' },
  { env: 'MPA_AUTHORITY_HOST', key: ['auth', 'authorityHost'], type: 'string' },
  { env: 'MPA_TOKEN_CACHE_DIR', key: ['auth', 'tokenCacheDir'], type: 'string' },
  { env: 'MPA_TOKEN_CACHE_KEY', key: ['auth', 'tokenCacheKey'], type: 'string' },
  { env: 'MPA_AUTH_CA_FILE', key: ['auth', 'caCertificateFile'], type: 'string' },
  { env: 'MPA_INTROSPECTION', key: ['http', 'introspection'], type: 'boolean' },
  { env: 'MPA_ORDER_FORM_PAGE', key: ['http', 'orderFormPage'], type: 'boolean' },
  { env: 'MPA_ORDER_FORM_PATH', key: ['http', 'orderFormPath'], type: 'string' },
  { env: 'MPA_RESPONSE_CACHE_MS', key: ['http', 'responseCacheMs'], type: 'number' },
  { env: 'MPA_REQUESTS_PER_MINUTE', key: ['http', 'requestsPerMinute'], type: 'number' },
  { env: 'MPA_METRICS_TOKEN_SHA256', key: ['http', 'metricsTokenSha256'], type: 'string' },
  { env: 'MPA_OPERATOR_PORT', key: ['http', 'operatorPort'], type: 'number' },
  { env: 'MPA_OPERATOR_HOST', key: ['http', 'operatorHost'], type: 'string' },
  { env: 'MPA_MAX_BODY_BYTES', key: ['http', 'maxBodyBytes'], type: 'number' },
  { env: 'MPA_MAX_QUERY_BYTES', key: ['http', 'maxQueryBytes'], type: 'number' },
  { env: 'MPA_DOCUMENT_CACHE_BYTES', key: ['http', 'documentCacheBytes'], type: 'number' },
  { env: 'MPA_SHUTDOWN_GRACE_MS', key: ['http', 'shutdownGraceMs'], type: 'number' },
  { env: 'MPA_KEEP_ALIVE_TIMEOUT_MS', key: ['http', 'keepAliveTimeoutMs'], type: 'number' },
  { env: 'MPA_HEADERS_TIMEOUT_MS', key: ['http', 'headersTimeoutMs'], type: 'number' },
  { env: 'MPA_REQUEST_TIMEOUT_MS', key: ['http', 'requestTimeoutMs'], type: 'number' },
  { env: 'MPA_SOCKET_IDLE_TIMEOUT_MS', key: ['http', 'socketIdleTimeoutMs'], type: 'number' },
  { env: 'MPA_MAX_CONNECTIONS', key: ['http', 'maxConnections'], type: 'number' },
  { env: 'MPA_TRUST_PROXY', key: ['http', 'trustProxy'], type: 'string' },
  { env: 'MPA_CLIENT_JWT_ISSUER', key: ['clientAuth', 'jwt', 'issuer'], type: 'string' },
  { env: 'MPA_CLIENT_JWT_AUDIENCE', key: ['clientAuth', 'jwt', 'audience'], type: 'string' },
  { env: 'MPA_CLIENT_JWT_JWKS_URL', key: ['clientAuth', 'jwt', 'jwksUrl'], type: 'string' },
  { env: 'MPA_ALLOW_ANONYMOUS', key: ['clientAuth', 'allowAnonymous'], type: 'boolean' },
  { env: 'MPA_AUTH_FAILURES_PER_MINUTE', key: ['clientAuth', 'maxFailuresPerMinute'], type: 'number' },
  { env: 'MPA_CLIENT_JWT_SCOPE_CLAIM', key: ['clientAuth', 'jwt', 'scopeClaim'], type: 'string' },
  { env: 'MPA_MAX_RESELLERS_PER_QUERY', key: ['limits', 'maxResellersPerQuery'], type: 'number' },
  { env: 'MPA_UPSTREAM_CONCURRENCY', key: ['limits', 'upstreamConcurrency'], type: 'number' },
  { env: 'MPA_UPSTREAM_CONCURRENCY_MIN', key: ['limits', 'upstreamConcurrencyMin'], type: 'number' },
  { env: 'MPA_UPSTREAM_CONCURRENCY_MAX', key: ['limits', 'upstreamConcurrencyMax'], type: 'number' },
  { env: 'MPA_INTERACTIVE_SHARE', key: ['limits', 'interactiveShare'], type: 'number' },
  { env: 'MPA_UPSTREAM_CALLS_PER_CLIENT_PER_MINUTE', key: ['limits', 'upstreamCallsPerClientPerMinute'], type: 'number' },
  { env: 'MPA_RECHECKS_PER_CLIENT_PER_MINUTE', key: ['limits', 'rechecksPerClientPerMinute'], type: 'number' },
  { env: 'MPA_TRACING_ENDPOINT', key: ['tracing', 'endpoint'], type: 'string' },
  { env: 'MPA_TRACING_RESELLER_IDS', key: ['tracing', 'resellerIds'], type: 'string' },
  { env: 'MPA_DECISION_LOG', key: ['decisionLog', 'destination'], type: 'string' },
];

/** The file named by MPA_CONFIG_FILE holds the same keys as JSON. */
export const CONFIG_FILE_ENV = 'MPA_CONFIG_FILE';

/** An environment variable's text as the type its key takes; left as text when it is not one, so the message shows it. */
export function envValue(raw: string, type: 'number' | 'boolean' | 'string'): unknown {
  if (type === 'number' && /^\s*-?\d+(\.\d+)?\s*$/.test(raw)) return Number(raw);
  if (type === 'boolean' && /^(true|1|yes)$/i.test(raw)) return true;
  if (type === 'boolean' && /^(false|0|no)$/i.test(raw)) return false;
  return raw; // left as text so the schema's message shows the bad value
}

/** Sets `value` at `key` (a path of names) in a plain object, making the objects on the way. */
export function setPath(target: Record<string, unknown>, key: readonly string[], value: unknown): void {
  let node = target;
  for (const part of key.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[key[key.length - 1]] = value;
}
