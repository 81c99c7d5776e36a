import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import selfsigned from 'selfsigned';
import { captureLogs } from '../../support/log-capture';
import { Emulator, startEmulator } from '../../../src/emulator/partner-center/emulator-server';
import { CspRegion } from '../../../src/partner-center/csp-region';
import { AppUserTokenProvider, createAppUserTokenProvider } from '../../../src/partner-center/auth/app-user-token-provider';
import { createMsalNetworkClient } from '../../../src/partner-center/auth/msal-network-client';
import { createPartnerCenterClient } from '../../../src/partner-center/client/partner-center-client';
import { createFileTokenCacheStore } from '../../../src/partner-center/auth/token-cache-store';
import { Deadline } from '../../../src/time/deadline';

const SCOPE = 'https://api.partnercenter.microsoft.com/user_impersonation';

/** A real msal-node App+User provider for one of the emulator's accounts, trusting its authority's certificate. */
function tokenProviderOn(
  on: Emulator,
  region: CspRegion,
  options: {
    refreshToken?: string;
    refreshMarginMs: number;
    cacheFile: string;
    clientSecret?: string;
    certificate?: { thumbprintSha256: string; privateKey: string; x5c?: string };
    timeoutMs?: number;
    logger: pino.Logger;
  },
): AppUserTokenProvider {
  const account = on.accounts.find((a) => a.region === region)!;
  return createAppUserTokenProvider({
    region,
    authorityHost: on.authority!.url,
    tenantId: account.tenantId,
    clientId: account.clientId,
    ...(options.certificate ? { certificate: options.certificate } : { clientSecret: options.clientSecret ?? account.clientSecret }),
    refreshToken: options.refreshToken,
    scope: SCOPE,
    cacheStore: createFileTokenCacheStore(options.cacheFile),
    logger: options.logger,
    refreshMarginMs: options.refreshMarginMs,
    networkClient: createMsalNetworkClient({ caCertificate: on.authority!.caCertificate, timeoutMs: options.timeoutMs }),
  });
}

/**
 * Moves the clock that msal-node, the provider and the emulated authority read (`Date`), so a
 * token expires without waiting for it; timers, `performance` and I/O stay real. Start it after
 * the emulator: its TLS certificate is dated by the real clock. Starts on a whole second, as
 * msal keeps expiry in whole seconds.
 */
function startMovableClock(): { advance(ms: number): void } {
  jest.useFakeTimers({
    now: Math.floor(Date.now() / 1000) * 1000,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
  return { advance: (ms) => jest.setSystemTime(Date.now() + ms) };
}

/** Resolves once `condition` holds, checking after each real turn of the event loop. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('App+User tokens with msal-node against the emulated authority', () => {
  let emulator: Emulator;
  let folder: string;
  const { lines: logLines, stream } = captureLogs();
  const logger = pino({ level: 'debug' }, stream);

  beforeAll(async () => {
    emulator = await startEmulator({ authority: { accessTokenLifetimeSeconds: 3_600 }, acceptStaticTokens: false });
  });
  afterAll(() => emulator.close());
  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'mpa-tokens-'));
    logLines.length = 0;
  });

  interface ProviderExtras {
    refreshToken?: string;
    refreshMarginMs?: number;
    cacheFile?: string;
    clientSecret?: string;
    certificate?: { thumbprintSha256: string; privateKey: string; x5c?: string };
    /** Default the suite's emulator. */
    on?: Emulator;
  }
  const providerFor = (region: CspRegion, extra: ProviderExtras = {}): AppUserTokenProvider =>
    tokenProviderOn(extra.on ?? emulator, region, {
      ...extra,
      cacheFile: extra.cacheFile ?? path.join(folder, `${region}.json`),
      refreshMarginMs: extra.refreshMarginMs ?? 60_000,
      logger,
    });

  const issuedTokens = () => emulator.authority!.tokenRequests().filter((r) => r.outcome === 'issued').length;

  it('redeems the consented refresh token for a first token Partner Center accepts', async () => {
    const refreshToken = emulator.authority!.issueRefreshToken('EUROPE');
    const provider = providerFor('EUROPE', { refreshToken });
    const client = createPartnerCenterClient({ baseUrl: emulator.url, tokenProvider: provider });
    const { outcome } = await client.agreementStatus({ kind: 'mpnId', value: '1000003' });
    expect(outcome.kind).toBe('signed');
    expect(emulator.calls().at(-1)?.region).toBe('EUROPE');
    expect(provider.health()).toMatchObject({ state: 'ready', mfa: true });
    expect(emulator.authority!.tokenRequests().at(-1)).toMatchObject({
      grantType: 'refresh_token',
      clientAuthentication: 'secret',
      outcome: 'issued',
    });
  });

  it('reuses a cached token, and gives 50 concurrent callers one refresh', async () => {
    const provider = providerFor('EUROPE', { refreshToken: emulator.authority!.issueRefreshToken('EUROPE') });
    const before = issuedTokens();
    const tokens = await Promise.all(Array.from({ length: 50 }, () => provider.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(await provider.getAccessToken()).toBe(tokens[0]);
    expect(issuedTokens() - before).toBe(1);
    expect(provider.refreshes()).toBe(1);
  });

  it('refreshes before expiry, in the background, with the rotated refresh token', async () => {
    const short = await startEmulator({ authority: { accessTokenLifetimeSeconds: 6 }, acceptStaticTokens: false });
    const clock = startMovableClock();
    try {
      const provider = providerFor('JAPAN', {
        on: short,
        refreshToken: short.authority!.issueRefreshToken('JAPAN'),
        refreshMarginMs: 3_000,
      });
      const first = await provider.getAccessToken();
      expect(await provider.getAccessToken()).toBe(first);
      // 3.5 s later the 6 s token has 2.5 s left: inside the 3 s margin but not expired.
      // The caller gets it at once; a refresh starts.
      clock.advance(3_500);
      expect(await provider.getAccessToken()).toBe(first);
      await until(() => provider.refreshes() === 2);
      const second = await provider.getAccessToken();
      expect(second).not.toBe(first);
      expect(short.authority!.checkAccessToken(second)).toEqual({ ok: true, region: 'JAPAN' });
      // Single-use refresh tokens: the second token came from the rotated one.
      expect(short.authority!.tokenRequests().map((r) => r.outcome)).toEqual(['issued', 'issued']);
    } finally {
      jest.useRealTimers();
      await short.close();
    }
  });

  it('keeps the rotated refresh token in an owner-only file and uses it after a restart', async () => {
    const consented = emulator.authority!.issueRefreshToken('BRAZIL');
    const cacheFile = path.join(folder, 'BRAZIL.json');
    await providerFor('BRAZIL', { refreshToken: consented, cacheFile }).getAccessToken();
    expect(statSync(cacheFile).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(cacheFile)).isDirectory()).toBe(true);

    // The consented token was single-use; only the rotated one in the file can work now.
    const restarted = providerFor('BRAZIL', { refreshToken: consented, cacheFile, refreshMarginMs: 3_600_000 });
    const token = await restarted.getAccessToken();
    expect(emulator.authority!.checkAccessToken(token)).toEqual({ ok: true, region: 'BRAZIL' });
    expect(restarted.health()).toMatchObject({ state: 'ready' });
  });

  it.each([
    ['expired after 90 days unused', 'expireRefreshToken', 'refreshTokenExpired', /AADSTS700082.*npm run login -- --region CANADA/],
    ['revoked', 'revokeRefreshToken', 'refreshTokenRevoked', /AADSTS50173.*npm run login -- --region CANADA/],
  ] as const)('reports a refresh token %s with what to do, and never logs it', async (_label, action, problem, message) => {
    const refreshToken = emulator.authority!.issueRefreshToken('CANADA');
    emulator.authority![action](refreshToken);
    const provider = providerFor('CANADA', { refreshToken });
    const client = createPartnerCenterClient({ baseUrl: emulator.url, tokenProvider: provider });
    const { outcome } = await client.agreementStatus({ kind: 'mpnId', value: '1000001' });
    expect(outcome).toMatchObject({ kind: 'credentialsRejected', reason: 'tokenUnavailable' });
    const health = await provider.probe();
    expect(health).toMatchObject({ state: 'failing', problem, message: expect.stringMatching(message) });
    const log = logLines.join('');
    expect(log).toMatch(message);
    expect(log).not.toContain(refreshToken);
    expect(log).not.toContain(emulator.accounts.find((a) => a.region === 'CANADA')!.clientSecret);
  });

  it('authenticates the app with a certificate instead of a secret', async () => {
    const pems = selfsigned.generate([{ name: 'commonName', value: 'mpa-gateway-app' }], { days: 1, keySize: 2048, algorithm: 'sha256' });
    const der = new X509Certificate(pems.cert).raw;
    const provider = providerFor('INDIA', {
      certificate: { thumbprintSha256: createHash('sha256').update(der).digest('hex'), privateKey: pems.private, x5c: pems.cert },
      refreshToken: emulator.authority!.issueRefreshToken('INDIA'),
    });
    expect(emulator.authority!.checkAccessToken(await provider.getAccessToken())).toEqual({ ok: true, region: 'INDIA' });
    const clientId = emulator.accounts.find((a) => a.region === 'INDIA')!.clientId;
    expect(emulator.authority!.tokenRequests().at(-1)).toMatchObject({ clientId, clientAuthentication: 'assertion', outcome: 'issued' });
  });

  it('reports a rejected client secret as the app credentials problem', async () => {
    const provider = providerFor('CANADA', { refreshToken: emulator.authority!.issueRefreshToken('CANADA'), clientSecret: 'wrong-secret' });
    expect(await provider.probe()).toMatchObject({
      state: 'failing',
      problem: 'clientCredentialsRejected',
      message: expect.stringMatching(/AADSTS7000215/),
    });
    expect(logLines.join('')).not.toContain('wrong-secret');
  });

  it('says app-only configuration cannot work when there is no user credential at all', async () => {
    const provider = providerFor('AFRICA');
    expect(await provider.probe()).toMatchObject({
      state: 'failing',
      problem: 'noUserCredentials',
      message: expect.stringMatching(/refuses app-only tokens.*npm run login -- --region AFRICA/),
    });
  });

  it('warns when the token was issued without MFA, and Partner Center refuses it', async () => {
    const provider = providerFor('KOREA', { refreshToken: emulator.authority!.issueRefreshToken('KOREA', { mfa: false }) });
    expect(await provider.probe()).toMatchObject({ state: 'ready', mfa: false, warning: expect.stringMatching(/without MFA/) });
    const client = createPartnerCenterClient({ baseUrl: emulator.url, tokenProvider: provider });
    expect((await client.agreementStatus({ kind: 'mpnId', value: '1000001' })).outcome).toMatchObject({
      kind: 'credentialsRejected',
      httpStatus: 401,
    });
    expect(logLines.join('')).toMatch(/without MFA/);
  });

  it('never mixes up the tokens of two regions', async () => {
    const us = providerFor('UNITED_STATES', { refreshToken: emulator.authority!.issueRefreshToken('UNITED_STATES') });
    const eu = providerFor('EUROPE', {
      refreshToken: emulator.authority!.issueRefreshToken('EUROPE'),
      cacheFile: path.join(folder, 'EUROPE-2.json'),
    });
    const [usToken, euToken] = await Promise.all([us.getAccessToken(), eu.getAccessToken()]);
    expect(emulator.authority!.checkAccessToken(usToken)).toEqual({ ok: true, region: 'UNITED_STATES' });
    expect(emulator.authority!.checkAccessToken(euToken)).toEqual({ ok: true, region: 'EUROPE' });
    const usClient = createPartnerCenterClient({ baseUrl: emulator.url, tokenProvider: us });
    const euClient = createPartnerCenterClient({ baseUrl: emulator.url, tokenProvider: eu });
    emulator.clearCalls();
    expect((await usClient.agreementStatus({ kind: 'mpnId', value: '1000003' })).outcome.kind).toBe('regionMismatch');
    expect((await euClient.agreementStatus({ kind: 'mpnId', value: '1000003' })).outcome.kind).toBe('signed');
    expect(emulator.calls().map((c) => c.region)).toEqual(['UNITED_STATES', 'EUROPE']);
  });
});

describe('App+User tokens while the authority is down or slow', () => {
  const { stream } = captureLogs();
  const logger = pino({ level: 'debug' }, stream);
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'mpa-tokens-'));
  });

  const providerOn = (on: Emulator, region: CspRegion, refreshMarginMs: number, timeoutMs = 10_000): AppUserTokenProvider =>
    tokenProviderOn(on, region, {
      refreshToken: on.authority!.issueRefreshToken(region),
      refreshMarginMs,
      timeoutMs,
      cacheFile: path.join(folder, `${region}.json`),
      logger,
    });

  it('keeps serving the current token until it really expires when a refresh fails', async () => {
    const short = await startEmulator({ authority: { accessTokenLifetimeSeconds: 6 }, acceptStaticTokens: false });
    const clock = startMovableClock();
    try {
      const provider = providerOn(short, 'JAPAN', 4_000);
      const first = await provider.getAccessToken();
      short.authority!.setTokenOutage('unavailable');
      // Inside the refresh margin, not expired: the refresh fails, the token still works.
      clock.advance(2_500);
      expect(await provider.getAccessToken()).toBe(first);
      await until(() => provider.health().state === 'ready' && 'warning' in provider.health());
      expect(short.authority!.tokenRequests().at(-1)?.outcome).toBe('outage: unavailable');
      expect(await provider.getAccessToken()).toBe(first);
      expect(provider.health()).toMatchObject({ state: 'ready' });
      const client = createPartnerCenterClient({ baseUrl: short.url, tokenProvider: provider });
      expect((await client.agreementStatus({ kind: 'mpnId', value: '1000001' })).outcome.kind).toBe('regionMismatch');
      // Once it has expired, there is nothing left to serve.
      clock.advance(4_000);
      await expect(provider.getAccessToken()).rejects.toThrow(/no App\+User token/);
      expect(provider.health()).toMatchObject({ state: 'failing', problem: 'authorityUnreachable' });
      short.authority!.setTokenOutage(undefined);
      expect(short.authority!.checkAccessToken(await provider.getAccessToken())).toEqual({ ok: true, region: 'JAPAN' });
    } finally {
      jest.useRealTimers();
      await short.close();
    }
  });

  it('refreshes ahead in the background, one at a time, while callers keep the valid token', async () => {
    const short = await startEmulator({ authority: { accessTokenLifetimeSeconds: 6 }, acceptStaticTokens: false });
    const clock = startMovableClock();
    try {
      const provider = providerOn(short, 'KOREA', 4_000);
      const first = await provider.getAccessToken();
      clock.advance(2_500);
      short.authority!.setTokenOutage('hang');
      const requestsBefore = short.authority!.tokenRequests().length;
      const tokens = await Promise.all(Array.from({ length: 20 }, () => provider.getAccessToken()));
      expect(new Set(tokens)).toEqual(new Set([first]));
      // The one refresh reaches the authority and hangs there; callers meanwhile start no other.
      await until(() => short.authority!.tokenRequests().length > requestsBefore);
      const more = await Promise.all(Array.from({ length: 20 }, () => provider.getAccessToken()));
      expect(new Set(more)).toEqual(new Set([first]));
      expect(
        short
          .authority!.tokenRequests()
          .slice(requestsBefore)
          .map((r) => r.outcome),
      ).toEqual(['outage: no answer']);
    } finally {
      jest.useRealTimers();
      await short.close();
    }
  });

  it('never waits on the authority past the operation deadline', async () => {
    const slow = await startEmulator({ authority: true, acceptStaticTokens: false });
    try {
      const provider = providerOn(slow, 'BRAZIL', 60_000);
      slow.authority!.setTokenOutage('hang');
      const client = createPartnerCenterClient({ baseUrl: slow.url, tokenProvider: provider });
      const { outcome } = await client.agreementStatus({ kind: 'mpnId', value: '1000001' }, { deadline: Deadline.after(300) });
      expect(outcome.kind).toBe('notAsked');
      expect(slow.callCount()).toBe(0);
    } finally {
      await slow.close();
    }
  });

  it('gives up on an authority that does not answer after its own timeout', async () => {
    const slow = await startEmulator({ authority: true, acceptStaticTokens: false });
    try {
      const provider = providerOn(slow, 'INDIA', 60_000, 500);
      slow.authority!.setTokenOutage('hang');
      expect(await provider.probe()).toMatchObject({ state: 'failing', problem: 'authorityUnreachable' });
    } finally {
      await slow.close();
    }
  });
});
