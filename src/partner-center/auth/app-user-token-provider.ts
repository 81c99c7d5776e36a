import { AuthenticationResult, ConfidentialClientApplication, INetworkModule, LogLevel } from '@azure/msal-node';
import { Logger } from 'pino';
import { CspRegion } from '../csp-region';
import { TokenCacheStore, createCachePlugin } from './token-cache-store';
import { TokenProvider } from './token-provider';
import { unverifiedClaims } from './jwt-claims';
import { TokenProblem, isTransientTokenProblem, operatorAction, tokenProblemOf } from './token-problems';

export type { TokenProblem } from './token-problems';
export { operatorAction, tokenProblemOf } from './token-problems';

export type TokenHealth =
  | { readonly state: 'unknown' }
  | { readonly state: 'ready'; readonly expiresAt: Date; readonly mfa: boolean; readonly warning?: string }
  | { readonly state: 'failing'; readonly problem: TokenProblem; readonly message: string };

export interface AppUserTokenProvider extends TokenProvider {
  readonly region: CspRegion;
  /** The last known state, for readiness. */
  health(): TokenHealth;
  /** Gets a token now and reports how it went; never throws (start-up and readiness). */
  probe(): Promise<TokenHealth>;
  /** Tokens obtained from the authority since start. */
  refreshes(): number;
}

export interface AppUserTokenProviderOptions {
  readonly region: CspRegion;
  /** Required. e.g. `https://login.microsoftonline.com`. */
  readonly authorityHost: string;
  /** Required. The provider's Entra ID tenant. */
  readonly tenantId: string;
  /** Required. The secure-application-model app registration. */
  readonly clientId: string;
  /** The app's secret; or `certificate`. */
  readonly clientSecret?: string;
  readonly certificate?: { readonly thumbprintSha256: string; readonly privateKey: string; readonly x5c?: string };
  /** The refresh token from the one-time consent; not needed once `login` filled the cache. */
  readonly refreshToken?: string;
  /** Required. e.g. `https://api.partnercenter.microsoft.com/user_impersonation`. */
  readonly scope: string;
  /** Required. Keeps the msal cache (and so the rotated refresh token) across restarts. */
  readonly cacheStore: TokenCacheStore;
  readonly logger: Logger;
  /**
   * Default `300_000`. A token is replaced this long before it expires, in ms: in the
   * background, while callers keep using it; if that fails, it is served until it expires.
   */
  readonly refreshMarginMs?: number;
  /** Default msal-node's own. */
  readonly networkClient?: INetworkModule;
}

/** A token is no longer sent this close to its expiry: the call needs a moment to arrive. */
const EXPIRY_SKEW_MS = 1_000;

/** How often a token Partner Center refused (401) is replaced at most, in ms: a refusal of every token asks the authority once a minute, not once a call. */
const REPLACE_REFUSED_EVERY_MS = 60_000;

/** Thrown to the client when no token can be had; the reason is in `health()` and the log. */
export class TokenUnavailableError extends Error {
  override readonly name = 'TokenUnavailableError';
  /** The authority could not answer now (an outage, a proxy page): asking again may work without anyone acting. */
  readonly transient: boolean;
  constructor(message: string, transient: boolean) {
    super(message);
    this.transient = transient;
  }
}

/** A JWT, as every App+User token for Partner Center is: three base64url parts. */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Whether msal-node's answer holds a token that can be sent as a bearer: it hands back whatever the token response held. */
const isUsableToken = (token: unknown): token is string => typeof token === 'string' && JWT_SHAPE.test(token);

/**
 * App+User access tokens for one region account, through msal-node and the secure
 * application model: the consented refresh token is redeemed once, then msal's cache
 * (persisted, so the rotated refresh token survives restarts) keeps tokens coming. A token
 * is kept in memory until shortly before it expires, and concurrent callers share one
 * refresh.
 */
export function createAppUserTokenProvider(options: AppUserTokenProviderOptions): AppUserTokenProvider {
  const { region, logger } = options;
  const margin = options.refreshMarginMs ?? 300_000;
  if (!options.clientSecret && !options.certificate) {
    throw new TypeError(`App+User token provider for ${region}: a clientSecret or a certificate is required`);
  }
  const authorityUrl = new URL(options.authorityHost);
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: options.clientId,
      authority: `${authorityUrl.origin}/${options.tenantId}`,
      knownAuthorities: [authorityUrl.host],
      ...(options.clientSecret ? { clientSecret: options.clientSecret } : { clientCertificate: options.certificate }),
    },
    cache: { cachePlugin: createCachePlugin(options.cacheStore) },
    system: {
      ...(options.networkClient ? { networkClient: options.networkClient } : {}),
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: LogLevel.Warning,
        // msal's own lines can name accounts; only their level and a fixed text reach our log.
        loggerCallback: (level) => {
          if (level === LogLevel.Error) logger.debug({ region }, 'msal-node reported an error');
        },
      },
    },
  });

  let current: { token: string; expiresAt: number } | undefined;
  let inflight: Promise<string> | undefined;
  let health: TokenHealth = { state: 'unknown' };
  let refreshCount = 0;
  let warnedAboutMfa = false;
  let lastProblem: TokenProblem | undefined;
  // A token Partner Center refused is replaced from the authority, not from msal's cache; at most once a minute.
  let skipCachedToken = false;
  let lastReplacedAt = -Infinity;

  /** Whether a token can still be sent: a call takes a moment to reach Partner Center. */
  const usable = (token: { expiresAt: number } | undefined): token is { token: string; expiresAt: number } =>
    token !== undefined && token.expiresAt - EXPIRY_SKEW_MS > Date.now();

  async function obtain(): Promise<AuthenticationResult> {
    const scopes = [options.scope];
    const accounts = await app.getTokenCache().getAllAccounts();
    const account = accounts.find((candidate) => candidate.tenantId === options.tenantId) ?? accounts[0];
    if (account) {
      try {
        // At start a token cached by an earlier run may still be good; later, we only get here
        // because ours is about to expire, so go straight to the authority.
        const fromCache = !current && !skipCachedToken;
        skipCachedToken = false;
        if (fromCache) {
          const cached = await app.acquireTokenSilent({ account, scopes });
          // A token msal kept from an answer that held no usable one is asked for again.
          if (cached?.expiresOn && cached.expiresOn.getTime() - Date.now() > margin && isUsableToken(cached.accessToken)) return cached;
        }
        const fresh = await app.acquireTokenSilent({ account, scopes, forceRefresh: true });
        if (fresh) return fresh;
      } catch (error) {
        // A newly configured refresh token (a fresh consent) may still work.
        if (!options.refreshToken) throw error;
        const fallback = await app
          .acquireTokenByRefreshToken({ refreshToken: options.refreshToken, scopes, forceCache: true })
          .catch(() => null);
        if (fallback) return fallback;
        throw error;
      }
    }
    if (!options.refreshToken) throw Object.assign(new Error('no user credentials'), { noUserCredentials: true });
    // forceCache: keep the account and its rotated refresh token even though the cache was empty.
    const redeemed = await app.acquireTokenByRefreshToken({ refreshToken: options.refreshToken, scopes, forceCache: true });
    if (!redeemed) throw new Error('the authority returned no token');
    return redeemed;
  }

  async function refresh(): Promise<string> {
    try {
      const result = await obtain();
      // An empty or odd token must never be sent as a bearer.
      if (!isUsableToken(result.accessToken)) {
        throw Object.assign(new Error('the authority returned no usable access token'), { unusableToken: true });
      }
      refreshCount += 1;
      const expiresAt = result.expiresOn?.getTime() ?? Date.now() + 60_000;
      const amr = unverifiedClaims(result.accessToken).amr;
      const mfa = Array.isArray(amr) && amr.includes('mfa');
      const warning = mfa
        ? undefined
        : `The token for ${region} was issued without MFA (its amr claim has no "mfa"); Partner Center refuses such App+User calls. Sign in again with MFA: npm run login -- --region ${region}`;
      if (warning && !warnedAboutMfa) logger.warn({ region }, warning);
      warnedAboutMfa = !mfa;
      if (lastProblem) logger.info({ region }, 'Partner Center token refreshed again');
      lastProblem = undefined;
      current = { token: result.accessToken, expiresAt };
      health = { state: 'ready', expiresAt: new Date(expiresAt), mfa, ...(warning ? { warning } : {}) };
      return result.accessToken;
    } catch (error) {
      const { problem, aadsts } = (error as { noUserCredentials?: boolean }).noUserCredentials
        ? { problem: 'noUserCredentials' as const, aadsts: undefined }
        : (error as { unusableToken?: boolean }).unusableToken
          ? { problem: 'authorityAnswerUnusable' as const, aadsts: undefined }
          : tokenProblemOf(error);
      const message = operatorAction(problem, region, aadsts);
      if (lastProblem !== problem) logger.error({ region, problem, aadsts }, message);
      lastProblem = problem;
      // A token that has not expired keeps working while the authority cannot give a new one.
      if (usable(current)) {
        health = {
          state: 'ready',
          expiresAt: new Date(current.expiresAt),
          mfa: health.state === 'ready' ? health.mfa : true,
          warning: `Refreshing the token failed; the current one works until ${new Date(current.expiresAt).toISOString()}. ${message}`,
        };
        return current.token;
      }
      current = undefined;
      health = { state: 'failing', problem, message };
      throw new TokenUnavailableError(`no App+User token for ${region}`, isTransientTokenProblem(problem));
    }
  }

  /** One refresh at a time, whoever asks. */
  function startRefresh(): Promise<string> {
    inflight ??= refresh().finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  async function getAccessToken(): Promise<string> {
    if (usable(current)) {
      // Inside the margin: refresh ahead in the background while callers keep the valid token.
      if (current.expiresAt - Date.now() <= margin) startRefresh().catch(() => undefined);
      return current.token;
    }
    return startRefresh();
  }

  function refused(token: string): void {
    if (current?.token !== token || Date.now() - lastReplacedAt < REPLACE_REFUSED_EVERY_MS) return;
    lastReplacedAt = Date.now();
    current = undefined;
    skipCachedToken = true;
    logger.warn({ region }, 'Partner Center refused the App+User token (401); asking the authority for a new one');
  }

  return {
    region,
    getAccessToken,
    refused,
    health: () => health,
    probe: () =>
      getAccessToken().then(
        () => health,
        () => health,
      ),
    refreshes: () => refreshCount,
  };
}
