import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { captureLogs } from '../../support/log-capture';
import { GatewayConfigInput, parseGatewayConfig, tokenCacheFile } from '../../../src/config/gateway-config';
import { Emulator, startEmulator } from '../../../src/emulator/partner-center/emulator-server';
import { Gateway, createGateway } from '../../../src/compose/gateway';
import { loginWithDeviceCode } from '../../../src/partner-center/auth/device-code-login';
import { createMsalNetworkClient } from '../../../src/partner-center/auth/msal-network-client';
import { createFileTokenCacheStore } from '../../../src/partner-center/auth/token-cache-store';
import { execute } from '../../support/sandbox-gateway';

const SCOPE = 'https://api.partnercenter.microsoft.com/user_impersonation';
const STATUS = `query ($mpnId: ID, $region: CspRegion!) { reseller(mpnId: $mpnId) { mpaStatus(region: $region) {
  __typename ... on MpaPartnerCenterUnavailable { reason } } } }`;

describe('Gateway with App+User accounts', () => {
  let emulator: Emulator;
  let folder: string;
  let caFile: string;
  const logs = captureLogs();
  const logLines = logs.lines;
  const gateways: Gateway[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ authority: true, acceptStaticTokens: false });
  });
  afterAll(async () => {
    await Promise.all(gateways.map((g) => g.stop()));
    await emulator.close();
  });
  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'mpa-gateway-auth-'));
    caFile = path.join(folder, 'authority-ca.pem');
    writeFileSync(caFile, emulator.authority!.caCertificate);
    logLines.length = 0;
  });

  const account = (region: 'UNITED_STATES' | 'EUROPE', extra: Record<string, string> = {}) => {
    const a = emulator.accounts.find((x) => x.region === region)!;
    return { region, tenantId: a.tenantId, clientId: a.clientId, clientSecret: a.clientSecret, ...extra };
  };
  const configWith = (accounts: GatewayConfigInput['accounts'], refreshMarginSeconds = 300) =>
    parseGatewayConfig({
      port: 0,
      clientAuth: { allowAnonymous: true },
      partnerCenter: { baseUrl: emulator.url },
      auth: {
        authorityHost: emulator.authority!.url,
        caCertificateFile: caFile,
        tokenCacheDir: path.join(folder, 'tokens'),
        refreshMarginSeconds,
      },
      accounts,
      resilience: { maxAttempts: 1 },
      cache: { ttlSeconds: { positive: 0, negative: 0 } },
    });
  async function start(accounts: GatewayConfigInput['accounts'], refreshMarginSeconds?: number): Promise<Gateway> {
    const gateway = await createGateway({
      config: configWith(accounts, refreshMarginSeconds),
      logger: pino({ level: 'info' }, logs.stream),
    });
    gateways.push(gateway);
    return gateway;
  }

  it('answers with per-region tokens and one token refresh under 50 concurrent lookups', async () => {
    const gateway = await start([
      account('UNITED_STATES', { refreshToken: emulator.authority!.issueRefreshToken('UNITED_STATES') }),
      account('EUROPE', { refreshToken: emulator.authority!.issueRefreshToken('EUROPE') }),
    ]);
    expect(gateway.emulator).toBeUndefined();
    const providers = gateway.tokenProviders;
    const before = providers.map((p) => p.refreshes());
    emulator.clearCalls();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        execute(gateway, STATUS, { mpnId: String(6_000_000 + i), region: i % 2 ? 'EUROPE' : 'UNITED_STATES' }),
      ),
    );
    expect(results.every((r) => r.data!.reseller.mpaStatus.__typename === 'MpaMpnIdNotRecognized')).toBe(true);
    expect(providers.map((p, i) => p.refreshes() - before[i])).toEqual([0, 0]); // the start-up probe got them
    expect(emulator.calls().filter((c) => c.region === 'EUROPE')).toHaveLength(25);
    expect((await execute(gateway, STATUS, { mpnId: '1000003', region: 'EUROPE' })).data!.reseller.mpaStatus.__typename).toBe('MpaSigned');
    expect(logLines.join('')).toMatch(/Partner Center token ready/);
  });

  it('signs in by device code and then serves orders from the token cache alone', async () => {
    const config = configWith([account('EUROPE')]);
    const result = await loginWithDeviceCode({
      region: 'EUROPE',
      authorityHost: emulator.authority!.url,
      tenantId: config.accounts[0].tenantId!,
      clientId: config.accounts[0].clientId!,
      scope: SCOPE,
      cacheStore: createFileTokenCacheStore(tokenCacheFile(config, 'EUROPE')),
      networkClient: createMsalNetworkClient({ caCertificate: emulator.authority!.caCertificate }),
      onDeviceCode: (prompt) => {
        expect(prompt.message).toContain(prompt.userCode);
        setTimeout(() => emulator.authority!.approveDeviceCode(prompt.userCode), 100);
      },
    });
    expect(result).toEqual({ username: 'admin@europe.provider.example', mfa: true, cacheLocation: tokenCacheFile(config, 'EUROPE') });
    expect(
      emulator.authority!.tokenRequests().some((r) => r.grantType.endsWith('device_code') && r.outcome === 'authorization pending'),
    ).toBe(true);

    // No refresh token configured. A margin longer than the token's life makes the gateway
    // redeem the signed-in refresh token at once, with the app's secret.
    const gateway = await start([account('EUROPE')], 7_200);
    expect((await execute(gateway, STATUS, { mpnId: '1000003', region: 'EUROPE' })).data!.reseller.mpaStatus.__typename).toBe('MpaSigned');
    expect(emulator.authority!.tokenRequests().at(-1)).toMatchObject({
      grantType: 'refresh_token',
      clientAuthentication: 'secret',
      outcome: 'issued',
    });
  });

  it('starts with a clear message for an expired refresh token, and answers CREDENTIALS_REJECTED', async () => {
    const refreshToken = emulator.authority!.issueRefreshToken('EUROPE');
    emulator.authority!.expireRefreshToken(refreshToken);
    const gateway = await start([account('EUROPE', { refreshToken })]);
    expect(logLines.join('')).toMatch(/AADSTS700082.*npm run login -- --region EUROPE/);
    expect(gateway.tokenProviders[0].health()).toMatchObject({ state: 'failing', problem: 'refreshTokenExpired' });
    const status = (await execute(gateway, STATUS, { mpnId: '1000003', region: 'EUROPE' })).data!.reseller.mpaStatus;
    expect(status).toEqual({ __typename: 'MpaPartnerCenterUnavailable', reason: 'CREDENTIALS_REJECTED' });
    expect(logLines.join('')).not.toContain(refreshToken);
  });

  it('starts with a clear message when only app credentials are configured (app-only)', async () => {
    await start([account('UNITED_STATES')]);
    expect(logLines.join('')).toMatch(/refuses app-only tokens.*npm run login -- --region UNITED_STATES/);
  });

  it('refuses incomplete App+User configuration at start, naming the key', () => {
    expect(() => configWith([{ region: 'EUROPE', clientId: 'x' }])).toThrow(/accounts\[0\]\.tenantId/);
    expect(() => configWith([{ region: 'EUROPE', tenantId: '10000000-0000-0000-0000-000000000006', clientId: 'x' }])).toThrow(
      /accounts\[0\]\.clientSecret .*required \(or certificate\)/,
    );
    expect(() => configWith([{ region: 'EUROPE', staticToken: 't', clientId: 'x' }])).toThrow(/accounts\[0\]\.staticToken/);
  });
});
