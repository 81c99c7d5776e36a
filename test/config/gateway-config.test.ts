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
    [{ PORT: 'eighty' }, /port \(from PORT\): .*got "eighty"/],
    [{ MPA_PARTNER_CENTER_TIMEOUT_MS: '-5' }, /partnerCenter\.timeoutMs \(from MPA_PARTNER_CENTER_TIMEOUT_MS\)/],
    [{ MPA_PARTNER_CENTER_BASE_URL: 'ftp://example' }, /partnerCenter\.baseUrl \(from MPA_PARTNER_CENTER_BASE_URL\)/],
    [{ MPA_PARTNER_CENTER_CLOUD: 'mars' }, /partnerCenter\.cloud .*got "mars"/],
    [{ MPA_SANDBOX: 'maybe' }, /sandbox \(from MPA_SANDBOX\)/],
    [{ MPA_METRICS_TOKEN_SHA256: 'not-a-digest' }, /http\.metricsTokenSha256 \(from MPA_METRICS_TOKEN_SHA256\): must be 64 hex digits, got "\[redacted\]"/],
    [{ MPA_TRUST_PROXY: 'the balancer' }, /http\.trustProxy \(from MPA_TRUST_PROXY\): must be true, false, a hop count, or addresses\/CIDRs/],
    [{ MPA_KEEP_ALIVE_TIMEOUT_MS: '0' }, /http\.keepAliveTimeoutMs \(from MPA_KEEP_ALIVE_TIMEOUT_MS\)/],
    [{ MPA_MAX_QUERY_BYTES: 'lots' }, /http\.maxQueryBytes \(from MPA_MAX_QUERY_BYTES\).*got "lots"/],
  ])('names the bad key and value for %p', (env, message) => {
    expect(() => loadGatewayConfig(env)).toThrow(ConfigError);
    expect(() => loadGatewayConfig(env)).toThrow(message);
  });

  it('reads the CA file for Partner Center calls and the /metrics token digest from the environment', () => {
    const digest = 'ab'.repeat(32);
    const config = loadGatewayConfig({ MPA_PARTNER_CENTER_CA_FILE: '/etc/ssl/proxy-ca.pem', MPA_METRICS_TOKEN_SHA256: digest });
    expect(config.partnerCenter.caCertificateFile).toBe('/etc/ssl/proxy-ca.pem');
    expect(config.http.metricsTokenSha256).toBe(digest);
  });

  it('reads the HTTP edge settings from the environment, with operator defaults', () => {
    expect(loadGatewayConfig({}).http).toMatchObject({ keepAliveTimeoutMs: 72_000, trustProxy: false, maxQueryBytes: 65_536, documentCacheBytes: 16_777_216 });
    expect(loadGatewayConfig({ MPA_TRUST_PROXY: 'true' }).http.trustProxy).toBe(true);
    expect(loadGatewayConfig({ MPA_TRUST_PROXY: '2' }).http.trustProxy).toBe(2);
    expect(loadGatewayConfig({ MPA_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).http.trustProxy).toBe('10.0.0.0/8, 127.0.0.1');
    expect(loadGatewayConfig({ MPA_KEEP_ALIVE_TIMEOUT_MS: '65000', MPA_SHUTDOWN_GRACE_MS: '3000' }).http).toMatchObject({ keepAliveTimeoutMs: 65_000, shutdownGraceMs: 3_000 });
  });

  it('names bad keys inside the file, and unknown keys', () => {
    expect(() => parseGatewayConfig({ accounts: [{ region: 'NARNIA' }] })).toThrow(/accounts\[0\]\.region/);
    expect(() => parseGatewayConfig({ limits: { maxResellers: 3 } })).toThrow(/limits.*maxResellers/);
    expect(() =>
      parseGatewayConfig({ accounts: [{ region: 'EUROPE', staticToken: 'a' }, { region: 'EUROPE', staticToken: 'b' }] }),
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

  it('says when the file is missing or not JSON', () => {
    expect(() => loadGatewayConfig({ MPA_CONFIG_FILE: '/nonexistent/config.json' })).toThrow(/MPA_CONFIG_FILE: cannot read/);
    const dir = mkdtempSync(path.join(tmpdir(), 'mpa-config-'));
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, '{ nope');
    expect(() => loadGatewayConfig({ MPA_CONFIG_FILE: file })).toThrow(/is not valid JSON/);
  });
});
