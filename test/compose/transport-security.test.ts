import { GatewayConfigInput, parseGatewayConfig } from '../../src/config/gateway-config';
import { createGateway } from '../../src/compose/gateway';
import { isLoopbackHost } from '../../src/compose/transport-security';
import { createGatewayLogger } from '../../src/observability/gateway-logger';

const silent = createGatewayLogger({ level: 'silent' });
const production = (extra: Partial<GatewayConfigInput>): GatewayConfigInput => ({
  port: 0,
  accounts: [{ region: 'UNITED_STATES', staticToken: 'token' }],
  clientAuth: { apiKeys: [{ name: 'checkout', sha256: 'a'.repeat(64) }] },
  ...extra,
});
const jwt = (jwksUrl: string) => ({ issuer: 'https://idp.example.com/', audience: 'api://mpa-gateway', jwksUrl });
const start = (config: GatewayConfigInput) => createGateway({ config: parseGatewayConfig(config), logger: silent });

describe('https for the JWKS and Partner Center outside sandbox mode', () => {
  it('refuses a plain-http JWKS in one line naming the key and value', async () => {
    await expect(start(production({ clientAuth: { jwt: jwt('http://idp.example.com/keys') } }))).rejects.toThrow(
      /^Invalid configuration: clientAuth\.jwt\.jwksUrl is "http:\/\/idp\.example\.com\/keys", but outside sandbox mode it must be an https:\/\/ URL \(plain http:\/\/ is accepted for a loopback address only, such as 127\.0\.0\.1 or \[::1\]\)\.$/,
    );
  });

  it('refuses a plain-http Partner Center, and tells both problems on their own lines', async () => {
    // A URL holding credentials is refused before this check (test/config/url-credentials.test.ts).
    const refusal = start(
      production({
        partnerCenter: { baseUrl: 'http://partner.example.com:8080' },
        clientAuth: { jwt: jwt('http://10.0.0.5/keys') },
      }),
    );
    await expect(refusal).rejects.toThrow('partnerCenter.baseUrl is "http://partner.example.com:8080/"');
    const message = await refusal.then(
      () => '',
      (error: Error) => error.message,
    );
    expect(message.split('\n')).toHaveLength(2);
    expect(message.split('\n')[1]).toMatch(/^Invalid configuration: clientAuth\.jwt\.jwksUrl is "http:\/\/10\.0\.0\.5\/keys"/);
  });

  it('accepts plain http on a loopback address (a local emulator or sidecar)', async () => {
    const local = await start(
      production({ partnerCenter: { baseUrl: 'http://127.0.0.1:9' }, clientAuth: { jwt: jwt('http://[::1]:9/keys') } }),
    );
    await local.stop();
  });

  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['[::1]', true],
    ['[0:0:0:0:0:0:0:1]', true],
    ['localhost', false],
    ['127.0.0.1.example.com', false],
    ['10.0.0.1', false],
    ['[::2]', false],
  ])('counts %s as loopback: %s', (host, loopback) => {
    expect(isLoopbackHost(new URL(`http://${host}/`).hostname)).toBe(loopback);
  });
});
