/**
 * Looking for secrets in what a test captured (log lines, response bodies and headers): each
 * secret as written, URL-encoded, JSON-escaped, and in base64 and base64url at any alignment, so
 * one inside a larger encoded value (`Basic user:pass`, a cookie, a JWT's payload) is found too.
 */

/** The base64 texts any encoding of a blob holding `secret` must contain, whatever bytes come before it. */
function base64Forms(secret: string, encoding: 'base64' | 'base64url'): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms: string[] = [];
  for (let skip = 0; skip < 3; skip += 1) {
    // The whole 3-byte groups from `skip` on: encoded alike wherever the group boundary falls.
    const whole = bytes.subarray(skip, skip + Math.floor((bytes.length - skip) / 3) * 3);
    if (whole.length >= 12) forms.push(whole.toString(encoding));
  }
  return forms;
}

/** Every form of `secret` worth searching for. */
export function secretForms(secret: string): string[] {
  return [
    ...new Set([
      secret,
      encodeURIComponent(secret),
      encodeURIComponent(secret).replace(/%20/g, '+'),
      JSON.stringify(secret).slice(1, -1),
      ...base64Forms(secret, 'base64'),
      ...base64Forms(secret, 'base64url'),
    ]),
  ];
}

/** A JWT (header and payload both JSON objects): the gateway has no reason to show or log one. */
const JWT = /eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/;

/**
 * What of `secrets` (by name) shows in `text`, in any form, plus `jwt` when a JWT does: an empty
 * list when nothing leaked. Named so a failure says which secret leaked, not its value.
 */
export function leakedSecrets(text: string, secrets: Readonly<Record<string, string>>): string[] {
  const leaked = Object.entries(secrets)
    .filter(([, secret]) => secretForms(secret).some((form) => text.includes(form)))
    .map(([name]) => name);
  return JWT.test(text) ? [...leaked, 'jwt'] : leaked;
}

/** A response as captured: its status, every header as received, and its body. */
export async function capturedResponse(response: {
  status: number;
  headers: { raw(): Record<string, string[]> };
  text(): Promise<string>;
}): Promise<{ status: number; text: string; body: string }> {
  const body = await response.text();
  const headers = Object.entries(response.headers.raw())
    .map(([name, values]) => `${name}: ${values.join(', ')}`)
    .join('\n');
  return { status: response.status, text: `${headers}\n\n${body}`, body };
}
