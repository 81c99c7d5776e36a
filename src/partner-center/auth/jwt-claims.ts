/**
 * The claims of a JWT, without checking it: the authority that issued the token vouches for
 * it, and the gateway only reads `amr` to warn when a token lacks MFA. Empty when unreadable.
 */
export function unverifiedClaims(token: string): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}
