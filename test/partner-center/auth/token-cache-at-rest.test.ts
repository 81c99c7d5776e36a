import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { parseGatewayConfig, tokenCacheFile } from '../../../src/config/gateway-config';
import { Emulator, startEmulator } from '../../../src/emulator/partner-center/emulator-server';
import { Gateway, createGateway } from '../../../src/compose/gateway';
import { compiledGateway } from '../../support/compiled-gateway';
import { runToEnd } from '../../support/processes';
import { execute } from '../../support/sandbox-gateway';

const STATUS = `query { reseller(mpnId: "1000003") { mpaStatus(region: EUROPE) { __typename } } }`;

describe('The token cache at rest, through the gateway', () => {
  jest.setTimeout(60_000);
  let emulator: Emulator;
  let folder: string;
  const gateways: Gateway[] = [];
  beforeAll(async () => {
    emulator = await startEmulator({ authority: true, acceptStaticTokens: false });
    folder = mkdtempSync(path.join(tmpdir(), 'mpa-token-at-rest-'));
    writeFileSync(path.join(folder, 'authority-ca.pem'), emulator.authority!.caCertificate);
  });
  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    await emulator.close();
  });

  const europe = () => {
    const account = emulator.accounts.find((candidate) => candidate.region === 'EUROPE')!;
    return { region: 'EUROPE' as const, tenantId: account.tenantId, clientId: account.clientId, clientSecret: account.clientSecret };
  };
  const configWith = (key: string, refreshToken?: string) =>
    parseGatewayConfig({
      port: 0,
      clientAuth: { allowAnonymous: true },
      partnerCenter: { baseUrl: emulator.url },
      auth: {
        authorityHost: emulator.authority!.url,
        caCertificateFile: path.join(folder, 'authority-ca.pem'),
        tokenCacheDir: path.join(folder, 'tokens'),
        tokenCacheKey: key,
        // Longer than a token lives: the second gateway redeems the cached refresh token at once.
        refreshMarginSeconds: 7_200,
      },
      accounts: [{ ...europe(), ...(refreshToken ? { refreshToken } : {}) }],
      resilience: { maxAttempts: 1 },
      cache: { ttlSeconds: { positive: 0, negative: 0 } },
    });
  const start = async (config: ReturnType<typeof configWith>) => {
    const gateway = await createGateway({ config, logger: pino({ level: 'silent' }) });
    gateways.push(gateway);
    return gateway;
  };

  it('keeps the refresh token encrypted with MPA_TOKEN_CACHE_KEY, and a restart reads it back', async () => {
    const key = randomBytes(32).toString('hex');
    const refreshToken = emulator.authority!.issueRefreshToken('EUROPE');
    const first = await start(configWith(key, refreshToken));
    expect((await execute(first, STATUS)).data!.reseller.mpaStatus.__typename).toBe('MpaSigned');
    const file = tokenCacheFile(first.config, 'EUROPE');
    const onDisk = readFileSync(file, 'utf8');
    expect(onDisk).toMatch(/^mpa-token-cache:aes-256-gcm:/);
    expect(onDisk).not.toContain(refreshToken);
    expect(onDisk).not.toMatch(/RefreshToken|secret/i);

    // No refresh token configured: only the encrypted cache can provide one.
    const second = await start(configWith(key));
    expect((await execute(second, STATUS)).data!.reseller.mpaStatus.__typename).toBe('MpaSigned');
    expect(emulator.authority!.tokenRequests().at(-1)).toMatchObject({ grantType: 'refresh_token', outcome: 'issued' });
  });

  it('npm start refuses a token cache folder other users can open, in one line', async () => {
    const loose = path.join(folder, 'loose-tokens');
    mkdirSync(loose);
    chmodSync(loose, 0o755);
    const config = path.join(folder, 'gateway.json');
    writeFileSync(config, JSON.stringify({ clientAuth: { allowAnonymous: true }, accounts: [{ ...europe(), refreshToken: 'unused' }] }));
    const exit = await runToEnd(process.execPath, [path.join(await compiledGateway(), 'src', 'main.js')], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', PORT: '0', MPA_CONFIG_FILE: config, MPA_TOKEN_CACHE_DIR: loose },
    });
    expect({ code: exit.code, stderr: exit.stderr }).toEqual({
      code: 1,
      stderr: `The token cache folder ${loose} (auth.tokenCacheDir) is open to other users (mode 755); make it owner-only (chmod 700 ${loose}) or choose another folder.\n`,
    });
  });

  it('refuses a key that is not 32 bytes without repeating it', () => {
    expect(() => parseGatewayConfig({ auth: { tokenCacheKey: 'short-key-value' } })).toThrow(
      'Invalid configuration: auth.tokenCacheKey (from the configuration given; its value is not repeated here) must be 64 hex digits or the base64 of 32 bytes.',
    );
  });
});
