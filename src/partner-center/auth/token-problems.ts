import { CspRegion } from '../csp-region';

/** What is wrong with an account's App+User credentials, in terms an operator can act on. */
export type TokenProblem =
  | 'refreshTokenExpired'
  | 'refreshTokenRevoked'
  | 'refreshTokenRejected'
  | 'clientCredentialsRejected'
  | 'noUserCredentials'
  | 'authorityUnreachable'
  | 'authorityAnswerUnusable'
  | 'unexpected';

/** Codes of the errors the gateway's own msal network client raises for answers msal-node would misread. */
export const AUTHORITY_ANSWER_ERRORS = {
  /** A 2xx, 5xx, 408 or 429 that is not a token response nor an OAuth error: a proxy page, a cut-off answer. */
  unreadable: 'authority_answer_unreadable',
  /** A 4xx (or 1xx) that is not an OAuth error: a wrong authority host or path. */
  unexpected: 'authority_answer_unexpected',
  /** A 3xx: never followed. */
  redirect: 'authority_redirect',
  /** A request to another origin than the authority's (its metadata naming a token endpoint elsewhere): never sent. */
  elsewhere: 'authority_elsewhere',
} as const;

/**
 * Problems that may go away without anyone acting: the authority could not answer now. An
 * order that waits on one is told to ask again; the others need an operator.
 */
export function isTransientTokenProblem(problem: TokenProblem): boolean {
  return problem === 'authorityUnreachable' || problem === 'authorityAnswerUnusable';
}

/** Names the problem from an msal error, reading only its codes (never echoing it). */
export function tokenProblemOf(error: unknown): { problem: TokenProblem; aadsts?: string } {
  const errorCode = (error as { errorCode?: string }).errorCode ?? '';
  const text = `${errorCode} ${(error as { errorMessage?: string }).errorMessage ?? (error as Error)?.message ?? ''}`;
  const aadsts = /AADSTS(\d+)/.exec(text)?.[1];
  if (errorCode === AUTHORITY_ANSWER_ERRORS.unreadable) return { problem: 'authorityAnswerUnusable' };
  if (
    errorCode === AUTHORITY_ANSWER_ERRORS.unexpected ||
    errorCode === AUTHORITY_ANSWER_ERRORS.redirect ||
    errorCode === AUTHORITY_ANSWER_ERRORS.elsewhere
  )
    return { problem: 'unexpected' };
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
  // After a 429 or 5xx msal-node refuses locally until Retry-After (a minute by default), with
  // an error that carries only the numeric codes of that answer: the authority's outage, not our credentials.
  if ((error as Error)?.name === 'ServerError' && /^[\d\s]*$/.test(errorCode)) return { problem: 'authorityUnreachable', aadsts };
  if (/temporarily_unavailable|server_error|throttl/i.test(errorCode)) return { problem: 'authorityUnreachable', aadsts };
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
    case 'authorityAnswerUnusable':
      return `The token authority for ${region} answered with something that is not a token (a proxy page, a cut-off answer)${code}. Check what stands between the gateway and the authority; the gateway keeps trying.`;
    case 'unexpected':
      return `Getting a token for ${region} failed unexpectedly${code}. See the log line before this one.`;
  }
}
