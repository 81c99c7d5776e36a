/**
 * Partner Center limits each partner tenant's calls; the emulator does the same per account
 * with a token bucket: `perSecond` tokens a second, up to `burst` saved up. A call that
 * finds no token is answered 429 with Retry-After (whole seconds, at least 1) and the
 * throttling body, as Partner Center does.
 */
export interface RateLimitRule {
  /** Required. Calls per second each account may make. */
  readonly perSecond: number;
  /** Default a tenth of `perSecond` (at least 1). Calls an idle account may make at once. */
  readonly burst?: number;
}

/** Checks a rule (from options, EMULATOR_RATE_LIMIT or the admin endpoint) and says what is wrong. */
export function getValidRateLimit(input: unknown): RateLimitRule {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new TypeError('rate limit must be a JSON object');
  const rule = input as Record<string, unknown>;
  for (const key of Object.keys(rule)) {
    if (key !== 'perSecond' && key !== 'burst') throw new TypeError(`rate limit has an unknown field "${key}"`);
  }
  if (!(typeof rule.perSecond === 'number' && rule.perSecond > 0 && Number.isFinite(rule.perSecond))) {
    throw new TypeError('rate limit perSecond must be a number above 0');
  }
  if (rule.burst !== undefined && !(Number.isInteger(rule.burst) && (rule.burst as number) >= 1)) {
    throw new TypeError('rate limit burst must be a whole number of calls, at least 1');
  }
  return rule as unknown as RateLimitRule;
}

/** `100/s` or `6000/min` (EMULATOR_RATE_LIMIT) as a rule; undefined when unset. */
export function parseRateLimit(text: string | undefined): RateLimitRule | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(s|sec|second|m|min|minute)\s*$/i.exec(text);
  if (!match) throw new TypeError(`EMULATOR_RATE_LIMIT must look like 100/s or 6000/min, got ${JSON.stringify(text)}`);
  const perSecond = Number(match[1]) / (/^m/i.test(match[2]) ? 60 : 1);
  return getValidRateLimit({ perSecond });
}

/** Token buckets, one per account, for one rule. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly burst: number;

  constructor(readonly rule: RateLimitRule) {
    this.burst = rule.burst ?? Math.max(1, Math.round(rule.perSecond / 10));
  }

  /** Takes a token for `account`; when none is left, the whole seconds until one is (at least 1). */
  take(
    account: string,
    now = performance.now(),
  ): { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number } {
    const bucket = this.buckets.get(account) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.rule.perSecond);
    bucket.at = now;
    this.buckets.set(account, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.rule.perSecond)) };
  }
}
