import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signs what the gateway writes to Redis, so that whoever can write to Redis cannot mark a
 * reseller signed: with a secret, each stored text carries an HMAC-SHA256 over its key and
 * its text, and a text whose signature does not match is treated as absent. Without a
 * secret, texts are stored as they are.
 */
export interface EntrySeal {
  /** The text to store under `key`. */
  seal(key: string, text: string): string;
  /** The text stored under `key`, or undefined when its signature is missing or wrong (counted). */
  open(key: string, stored: string): string | undefined;
}

export interface EntrySealOptions {
  /** Default none (entries are not signed). `cache.redisSigningKey`. */
  readonly secret?: string;
  /** Default none. Told of every entry ignored for its signature. */
  readonly onRejected?: () => void;
  /**
   * Default none. What the sealed texts are (e.g. the kind of answer a status store keeps):
   * each context signs with a key of its own derived from the secret, so a text sealed in one
   * context never opens in another, even under the same Redis key.
   */
  readonly context?: string;
}

const SEPARATOR = '.';

export function createEntrySeal(options: EntrySealOptions = {}): EntrySeal {
  const { secret, context } = options;
  if (!secret) return { seal: (_key, text) => text, open: (_key, stored) => stored };
  const macKey = context === undefined ? secret : createHmac('sha256', secret).update(`mpa entry seal context\n${context}`).digest();
  const mac = (key: string, text: string) => createHmac('sha256', macKey).update(key).update('\n').update(text).digest();
  return {
    seal: (key, text) => `${mac(key, text).toString('base64url')}${SEPARATOR}${text}`,
    open(key, stored) {
      const at = stored.indexOf(SEPARATOR);
      const given = at > 0 ? Buffer.from(stored.slice(0, at), 'base64url') : Buffer.alloc(0);
      const text = stored.slice(at + 1);
      const expected = mac(key, text);
      if (at > 0 && given.length === expected.length && timingSafeEqual(given, expected)) return text;
      options.onRejected?.();
      return undefined;
    },
  };
}
