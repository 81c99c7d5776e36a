/**
 * Supplies the bearer token for one Partner Center account. The msal-node App+User
 * provider implements this; so does the static one used against the emulator.
 */
export interface TokenProvider {
  /** Resolves to an access token; rejects when none can be had. */
  getAccessToken(): Promise<string>;
  /**
   * Default none (a token that cannot be replaced). Partner Center refused this token (401):
   * the provider stops handing it out and gets a new one, rather than sending it until it
   * expires.
   */
  refused?(token: string): void;
}

/** A provider that always answers with the same token (emulator, tests). */
export function createStaticTokenProvider(token: string): TokenProvider {
  if (!token) throw new TypeError('createStaticTokenProvider: token must be a non-empty string');
  return { getAccessToken: () => Promise.resolve(token) };
}
