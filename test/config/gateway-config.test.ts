import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadGatewayConfig, parseGatewayConfig, partnerCenterBaseUrl } from '../../src/config/gateway-config';

describe('Gateway configuration', () => {
  it('has working defaults with nothing configured', () => {
    const config = loadGatewayConfig({});
    expect(config).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      accounts: [],
      partnerCenter: { cloud: 'public', program: 'csp', timeoutMs: 5000, locale: 'en-US' },
      limits: { maxResellersPerQuery: 500, upstreamConcurrency: 8 },
      relationships: { refreshIntervalSeconds: 900, refreshTimeoutMs: 60_000, maxAgeSeconds: 86_400, forcedRefreshCooldownSeconds: 30 },
      checks: { agreement: 'enforce', relationship: 'enforce' },
    });
    expect(partnerCenterBaseUrl(config)).toBe('https://api.partnercenter.microsoft.com');
  });

  it('follows the cloud for the base URL', () => {
    expect(partnerCenterBaseUrl(loadGatewayConfig({ MPA_PARTNER_CENTER_CLOUD: 'china' }))).toBe(
      'https://partner.partnercenterapi.microsoftonline.cn',
    );
  });

  it('reads a JSON file and lets environment variables win', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mpa-config-'));
    const file = path.join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ port: 5000, accounts: [{ region: 'EUROPE', staticToken: 't' }] }));
    const config = loadGatewayConfig({ MPA_CONFIG_FILE: file, PORT: '6000' });
    expect(config.port).toBe(6000);
    expect(config.accounts).toEqual([{ region: 'EUROPE', staticToken: 't' }]);
  });

  it.each([
    [{ PORT: 'eighty' }, 'port is "eighty" (from the environment variable PORT), but it must be a number.'],
    [{ PORT: '70000' }, 'port is 70000 (from the environment variable PORT), but it must be at most 65535.'],
    [
      { MPA_PARTNER_CENTER_TIMEOUT_MS: '-5' },
      'partnerCenter.timeoutMs is -5 (from the environment variable MPA_PARTNER_CENTER_TIMEOUT_MS), but it must be greater than 0.',
    ],
    [
      { MPA_MAX_ATTEMPTS: '1.5' },
      'resilience.maxAttempts is 1.5 (from the environment variable MPA_MAX_ATTEMPTS), but it must be a whole number.',
    ],
    [
      { MPA_PARTNER_CENTER_BASE_URL: 'ftp://example' },
      'partnerCenter.baseUrl is "ftp://example" (from the environment variable MPA_PARTNER_CENTER_BASE_URL), but it must be an http:// or https:// URL.',
    ],
    [
      { MPA_PARTNER_CENTER_CLOUD: 'mars' },
      'partnerCenter.cloud is "mars" (from the environment variable MPA_PARTNER_CENTER_CLOUD), but it must be one of public, usGovernment, china.',
    ],
    [{ MPA_SANDBOX: 'maybe' }, 'sandbox is "maybe" (from the environment variable MPA_SANDBOX), but it must be true or false.'],
    [
      { MPA_ORDER_FORM_PATH: 'order' },
      'http.orderFormPath is "order" (from the environment variable MPA_ORDER_FORM_PATH), but it must be a path such as /order-form (letters, digits, . _ ~ - between slashes).',
    ],
    [
      { MPA_ORDER_FORM_PATH: '/explorer/order' },
      'http.orderFormPath is "/explorer/order" (from the environment variable MPA_ORDER_FORM_PATH), but it must not be one of the gateway\'s own paths (/graphql, /healthz, /readyz, /metrics, /explorer, /mpa-order-check.js).',
    ],
    [
      { MPA_METRICS_TOKEN_SHA256: 'not-a-digest' },
      'http.metricsTokenSha256 (from the environment variable MPA_METRICS_TOKEN_SHA256; its value is not repeated here) must be 64 hex digits.',
    ],
    [
      { MPA_REDIS_URL: 'redis://user:pw@[bad' },
      'cache.redisUrl (from the environment variable MPA_REDIS_URL; its value is not repeated here) must be a redis:// or rediss:// URL such as redis://user:password@host:6379/0.',
    ],
    [
      { MPA_CHECK_RELATIONSHIP: 'sometimes' },
      'checks.relationship is "sometimes" (from the environment variable MPA_CHECK_RELATIONSHIP), but it must be one of enforce, reportOnly, off.',
    ],
    [
      { MPA_CHECK_AGREEMENT: 'off', MPA_CHECK_RELATIONSHIP: 'off', MPA_CHECK_PARTNER_OF_RECORD: 'off' },
      'checks.agreement is "off" (from the environment variable MPA_CHECK_AGREEMENT), but it must be "enforce" while no other check is: with nothing enforced every order is allowed. Enforce at least one check, or set checks.allowNothingEnforced to true to run without any.',
    ],
    [
      { MPA_CHECK_AGREEMENT: 'reportOnly', MPA_CHECK_RELATIONSHIP: 'reportOnly', MPA_CHECK_PARTNER_OF_RECORD: 'reportOnly' },
      'checks.agreement is "reportOnly" (from the environment variable MPA_CHECK_AGREEMENT), but it must be "enforce" while no other check is: with nothing enforced every order is allowed. Enforce at least one check, or set checks.allowNothingEnforced to true to run without any.',
    ],
    [
      { MPA_RELATIONSHIPS_REFRESH_SECONDS: '0' },
      'relationships.refreshIntervalSeconds is 0 (from the environment variable MPA_RELATIONSHIPS_REFRESH_SECONDS), but it must be at least 1.',
    ],
    [
      { MPA_RELATIONSHIPS_REFRESH_SECONDS: '100000' },
      'relationships.maxAgeSeconds (from the defaults) must be at least refreshIntervalSeconds (100000), or every list expires before the next refresh.',
    ],
  ])('names the key, the variable and the value, in plain words, for %p', (env, message) => {
    expect(() => loadGatewayConfig(env)).toThrow(ConfigError);
    expect(() => loadGatewayConfig(env)).toThrow(new ConfigError(`Invalid configuration: ${message}`));
  });

  it.each([
    [{ MPA_TRUST_PROXY: 'the balancer' }, /http\.trustProxy .*MPA_TRUST_PROXY.*true, false, a hop count, or addresses\/CIDRs/],
    [{ MPA_KEEP_ALIVE_TIMEOUT_MS: '0' }, /http\.keepAliveTimeoutMs is 0 \(from the environment variable MPA_KEEP_ALIVE_TIMEOUT_MS\)/],
    [{ MPA_MAX_QUERY_BYTES: 'lots' }, /http\.maxQueryBytes is "lots" \(from the environment variable MPA_MAX_QUERY_BYTES\)/],
  ])('names the HTTP edge key, the variable and the value for %p', (env, message) => {
    expect(() => loadGatewayConfig(env)).toThrow(message);
  });

  it('runs with nothing enforced only when checks.allowNothingEnforced says so', () => {
    const config = loadGatewayConfig({
      MPA_CHECK_AGREEMENT: 'reportOnly',
      MPA_CHECK_RELATIONSHIP: 'off',
      MPA_CHECK_PARTNER_OF_RECORD: 'off',
      MPA_CHECKS_ALLOW_NOTHING_ENFORCED: 'true',
    });
    expect(config.checks).toEqual({ agreement: 'reportOnly', relationship: 'off', partnerOfRecord: 'off', allowNothingEnforced: true });
    expect(loadGatewayConfig({ MPA_CHECK_RELATIONSHIP: 'off' }).checks).toEqual({
      agreement: 'enforce',
      relationship: 'off',
      partnerOfRecord: 'enforce',
      allowNothingEnforced: false,
    });
  });

  it('gives one line per problem', () => {
    expect(() => loadGatewayConfig({ PORT: 'x', MPA_SANDBOX: 'maybe' })).toThrow(
      new ConfigError(
        'Invalid configuration: port is "x" (from the environment variable PORT), but it must be a number.\n' +
          'Invalid configuration: sandbox is "maybe" (from the environment variable MPA_SANDBOX), but it must be true or false.',
      ),
    );
  });

  it('reads the CA file for Partner Center calls and the /metrics token digest from the environment', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mpa-config-'));
    const caFile = path.join(dir, 'proxy-ca.pem');
    writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\n');
    const digest = 'ab'.repeat(32);
    const config = loadGatewayConfig({ MPA_PARTNER_CENTER_CA_FILE: caFile, MPA_METRICS_TOKEN_SHA256: digest });
    expect(config.partnerCenter.caCertificateFile).toBe(caFile);
    expect(config.http.metricsTokenSha256).toBe(digest);
  });

  it('names the variable or file that set a file it cannot read', () => {
    expect(() => loadGatewayConfig({ MPA_AUTH_CA_FILE: '/nonexistent/ca.pem' })).toThrow(
      new ConfigError(
        'Invalid configuration: auth.caCertificateFile is "/nonexistent/ca.pem" (from the environment variable MPA_AUTH_CA_FILE), but it names a file that cannot be read (ENOENT).',
      ),
    );
    const dir = mkdtempSync(path.join(tmpdir(), 'mpa-config-'));
    const file = path.join(dir, 'config.json');
    writeFileSync(
      file,
      JSON.stringify({
        accounts: [
          {
            region: 'EUROPE',
            tenantId: '10000000-0000-0000-0000-000000000006',
            clientId: 'app',
            certificate: { thumbprintSha256: 'ab'.repeat(32), privateKeyFile: dir },
          },
        ],
      }),
    );
    expect(() => loadGatewayConfig({ MPA_CONFIG_FILE: file })).toThrow(
      new ConfigError(
        `Invalid configuration: accounts[0].certificate.privateKeyFile is "${dir}" (from the file ${file}), but it names a file that cannot be read (EISDIR).`,
      ),
    );
  });

  it('reads the HTTP edge settings from the environment, with operator defaults', () => {
    expect(loadGatewayConfig({}).http).toMatchObject({
      keepAliveTimeoutMs: 72_000,
      trustProxy: false,
      maxQueryBytes: 65_536,
      documentCacheBytes: 16_777_216,
    });
    expect(loadGatewayConfig({ MPA_TRUST_PROXY: 'true' }).http.trustProxy).toBe(true);
    expect(loadGatewayConfig({ MPA_TRUST_PROXY: '2' }).http.trustProxy).toBe(2);
    expect(loadGatewayConfig({ MPA_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).http.trustProxy).toBe('10.0.0.0/8, 127.0.0.1');
    expect(loadGatewayConfig({ MPA_KEEP_ALIVE_TIMEOUT_MS: '65000', MPA_SHUTDOWN_GRACE_MS: '3000' }).http).toMatchObject({
      keepAliveTimeoutMs: 65_000,
      shutdownGraceMs: 3_000,
    });
  });

  it('names bad keys inside the file, and unknown keys', () => {
    expect(() => parseGatewayConfig({ accounts: [{ region: 'NARNIA' }] })).toThrow(/accounts\[0\]\.region/);
    expect(() => parseGatewayConfig({ limits: { maxResellers: 3 } })).toThrow(
      new ConfigError('Invalid configuration: limits.maxResellers (from the configuration given) is not a setting this gateway knows.'),
    );
    expect(() =>
      parseGatewayConfig({
        accounts: [
          { region: 'EUROPE', staticToken: 'a' },
          { region: 'EUROPE', staticToken: 'b' },
        ],
      }),
    ).toThrow(/accounts.*one account/);
  });

  it('never repeats a secret in its messages', () => {
    try {
      parseGatewayConfig({ accounts: [{ region: 'EUROPE', staticToken: 42 }] });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as Error).message).toMatch(/accounts\[0\]\.staticToken/);
      expect((error as Error).message).not.toContain('42');
    }
  });

  it('never repeats the credentials of a URL, a secret under a wrong key or a Redis password in its messages', () => {
    const problem = (env: NodeJS.ProcessEnv) => {
      try {
        loadGatewayConfig(env);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('expected a ConfigError');
    };
    // A bad URL is named and shown, but not the user information in it.
    const badUrl = problem({ MPA_PARTNER_CENTER_BASE_URL: 'ftp://svc:pc-pass-8d1f@api.partnercenter.example/' });
    expect(badUrl).toMatch(/partnerCenter\.baseUrl .*MPA_PARTNER_CENTER_BASE_URL.*http:\/\/ or https:\/\//);
    expect(badUrl).toContain('api.partnercenter.example');
    expect(badUrl).not.toContain('pc-pass-8d1f');
    expect(badUrl).not.toContain('svc:');
    const redis = problem({ MPA_REDIS_URL: 'redis://default:redis-pass-41c9@cache:notaport' });
    expect(redis).toMatch(/cache\.redisUrl .*MPA_REDIS_URL/);
    expect(redis).not.toContain('redis-pass-41c9');
    // A secret under a key the gateway does not know: the key is named, its value is not.
    const dir = mkdtempSync(path.join(tmpdir(), 'mpa-config-'));
    const file = path.join(dir, 'misplaced.json');
    writeFileSync(file, JSON.stringify({ partnerCenter: { client_secret: 'misplaced-secret-77a0' }, host: 'https://u:host-pass-5e2b@x/' }));
    const misplaced = problem({ MPA_CONFIG_FILE: file });
    expect(misplaced).toContain('partnerCenter.client_secret');
    expect(misplaced).not.toContain('misplaced-secret-77a0');
    expect(misplaced).not.toContain('host-pass-5e2b');
  });

  it('says when the file is missing or not JSON', () => {
    expect(() => loadGatewayConfig({ MPA_CONFIG_FILE: '/nonexistent/config.json' })).toThrow(
      new ConfigError('Invalid configuration: the file /nonexistent/config.json, named by MPA_CONFIG_FILE, cannot be read (ENOENT).'),
    );
    const dir = mkdtempSync(path.join(tmpdir(), 'mpa-config-'));
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, '{ nope');
    expect(() => loadGatewayConfig({ MPA_CONFIG_FILE: file })).toThrow(/is not valid JSON/);
  });
});
