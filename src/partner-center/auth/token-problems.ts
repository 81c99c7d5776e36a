import { CspRegion } from '../csp-region';

/** What is wrong with an account's App+User credentials, in terms an operator can act on. */
export type TokenProblem =
  | 'refreshTokenExpired'
  | 'refreshTokenRevoked'
  | 'refreshTokenRejected'
  | 'clientCredentialsRejected'
  | 'noUserCredentials'
  | 'authorityUnreachable'
  | 'unexpected';

/** Names the problem from an msal error, reading only its codes (never echoing it). */
export function tokenProblemOf(error: unknown): { problem: TokenProblem; aadsts?: string } {
  const text = `${(error as { errorCode?: string }).errorCode ?? ''} ${(error as { errorMessage?: string }).errorMessage ?? (error as Error)?.message ?? ''}`;
  const aadsts = /AADSTS(\d+)/.exec(text)?.[1];
  switch (aadsts) {
    case '700082':
      return { problem: 'refreshTokenExpired', aadsts };
    case '50173':
    case '50076':
    case '50079':
    case '50078':
      return { problem: 'refreshTokenRevoked', aadsts };
    case '7000215':
    case '7000222':
    case '700027':
    case '700016':
    case '7000218':
      return { problem: 'clientCredentialsRejected', aadsts };
    default:
      break;
  }
  // The authority itself failing (503 temporarily_unavailable, 500 server_error): nobody needs to sign in again.
  if (/temporarily_unavailable|server_error/.test(text)) return { problem: 'authorityUnreachable', aadsts };
  if (aadsts || /invalid_grant/.test(text)) return { problem: 'refreshTokenRejected', aadsts };
  if (/network|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|socket|fetch/i.test(text)) return { problem: 'authorityUnreachable' };
  return { problem: 'unexpected' };
}

/** What the operator should do, per problem. */
export function operatorAction(problem: TokenProblem, region: CspRegion, aadsts?: string): string {
  const code = aadsts ? ` (AADSTS${aadsts})` : '';
  const login = `npm run login -- --region ${region}`;
  switch (problem) {
    case 'refreshTokenExpired':
      return `The refresh token for ${region} expired after 90 days without use${code}. Sign in again with MFA: ${login}`;
    case 'refreshTokenRevoked':
      return `The refresh token for ${region} was revoked or needs a new MFA sign-in${code}. Sign in again: ${login}`;
    case 'refreshTokenRejected':
      return `The refresh token for ${region} was not accepted${code}. Sign in again: ${login}`;
    case 'clientCredentialsRejected':
      return `The app's client secret or certificate for ${region} was rejected${code}. Renew it in Entra ID and update the account's configuration.`;
    case 'noUserCredentials':
      return `No App+User credentials for ${region}: the agreement API refuses app-only tokens. Set the account's refreshToken, or sign in once: ${login}`;
    case 'authorityUnreachable':
      return `The token authority for ${region} could not be reached. Check network access to it; the gateway keeps trying.`;
    case 'unexpected':
      return `Getting a token for ${region} failed unexpectedly${code}. See the log line before this one.`;
  }
}
