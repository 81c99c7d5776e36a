/** What a blanked value is replaced with. */
export const REDACTED = '[redacted]';

/**
 * Names (compared without case, `-`, `_` or spaces) whose values are credentials wherever
 * they appear: `Authorization`, `x-api-key`, `refresh_token`, `clientSecret`, `Cookie`, …
 */
const SENSITIVE_NAME =
  /(authorization|cookies?|tokens?|secrets?|passwords?|passwd|passphrase|apikeys?|privatekeys?|credentials?|clientassertion|signature)$/;
const SENSITIVE_EXACT = new Set(['key', 'keys', 'pwd', 'pass', 'auth', 'bearer', 'sig']);

/** Whether a property name holds a credential, in any case and spelling (`X-Api-Key`, `REFRESH_TOKEN`). */
export function isSensitiveName(name: string): boolean {
  const plain = name.toLowerCase().replace(/[-_\s]/g, '');
  return SENSITIVE_EXACT.has(plain) || SENSITIVE_NAME.test(plain);
}

/**
 * Text with the user information of every URL blanked: `redis://user:pw@host` becomes
 * `redis://[redacted]@host`. Linear: each match starts at `://` and stops at the next `/`,
 * space or `@`.
 */
export function redactText(text: string): string {
  if (!text.includes('://')) return text;
  return text.replace(/:\/\/[^\s/?#@"'<>]*@/g, `://${REDACTED}@`);
}

/**
 * A copy of a JSON value with credentials blanked at any depth: values under sensitive names,
 * the arguments of a failed command (`{ name, args }`, as ioredis attaches to its errors:
 * AUTH's arguments are the password) and URL credentials inside any string.
 */
export function redactValue(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, seen));
  const source = value as Record<string, unknown>;
  const isCommand = typeof source.name === 'string' && 'args' in source;
  const copy: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(source)) {
    copy[name] = isSensitiveName(name) || (isCommand && name === 'args') ? REDACTED : redactValue(item, seen);
  }
  return copy;
}

/** Cheap first look at a log line: most lines (one per request) hold nothing to blank and are not parsed. */
const MAY_HOLD_SECRET =
  /authoriz|cookie|token|secret|passw|passwd|passphrase|api[-_\s]?key|private[-_\s]?key|credential|assertion|signature|"(?:key|keys|pwd|pass|auth|bearer|sig|args)"|:\/\//i;

/**
 * One finished JSON log line with every credential blanked (pino's `streamWrite` hook, so it
 * sees each line after every serializer, whatever logged it). A line that is not JSON has
 * its URL credentials blanked.
 */
export function redactLogLine(line: string): string {
  if (!MAY_HOLD_SECRET.test(line)) return line;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return redactText(line);
  }
  return `${JSON.stringify(redactValue(parsed))}\n`;
}
