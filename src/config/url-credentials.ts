import { z } from 'zod';

/**
 * Whether a URL holds no user information (`user:password@`). Only Redis signs in with the
 * credentials of its URL; the other services the gateway calls take none that way, and a URL
 * travels further than a secret should (into messages, and the Partner Center base URL into the
 * deployment's identity kept in Redis). Text that is no URL has none.
 */
export function hasNoUrlCredentials(text: string): boolean {
  try {
    const url = new URL(text);
    return url.username === '' && url.password === '';
  } catch {
    return true;
  }
}

/** The zod issue parameter that keeps a problem's value out of its message (see `describeConfigIssue`). */
export const VALUE_NOT_REPEATED = 'valueNotRepeated';

/** Why each URL key takes no user name or password, and what to do instead. */
const WITHOUT_CREDENTIALS = {
  'partnerCenter.baseUrl': "Partner Center calls carry the region account's token and nothing else; remove the part before @",
  'auth.authorityHost': "the token authority is given the account's client secret or certificate; remove the part before @",
  'clientAuth.jwt.jwksUrl': 'a JWKS holds public keys and is read without credentials; remove the part before @',
  'tracing.endpoint': "give the collector's credentials as headers in OTEL_EXPORTER_OTLP_TRACES_HEADERS instead",
} as const;

/**
 * A URL of one of `protocol`'s schemes (else `error`) without a user name or password: refused
 * with a message that names the key and never repeats the URL.
 */
export function urlWithoutCredentials(protocol: RegExp, error: string, key: keyof typeof WITHOUT_CREDENTIALS) {
  return z.url({ protocol, error, abort: true }).refine(hasNoUrlCredentials, {
    error: `must not hold a user name or password: ${WITHOUT_CREDENTIALS[key]}`,
    params: { [VALUE_NOT_REPEATED]: true },
  });
}
