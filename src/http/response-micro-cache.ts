import { LRUCache } from 'lru-cache';

/** A finished GraphQL response, kept to answer the same request again. */
export interface CachedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface ResponseMicroCacheOptions {
  /** Milliseconds a response is reused; 0 turns the cache off. */
  readonly ttlMs: number;
  /** Default `10_000`. Responses kept at most. */
  readonly maxEntries?: number;
}

/**
 * An order form asks the same question many times a second while a partner edits a cart.
 * This keeps finished responses for a moment, keyed by the exact request body and
 * language, so repeats skip the GraphQL pipeline entirely. Only responses built wholly from
 * cacheable answers are kept (no errors, no "unavailable", no mutation), and every recheck
 * empties it, so it never outlives the status cache's own view by more than `ttlMs`.
 */
export class ResponseMicroCache {
  private readonly entries: LRUCache<string, CachedResponse> | undefined;
  private hitCount = 0;

  constructor(options: ResponseMicroCacheOptions) {
    this.entries = options.ttlMs > 0 ? new LRUCache({ max: options.maxEntries ?? 10_000, ttl: options.ttlMs }) : undefined;
  }

  /** The key for a request, or undefined when such a request is never cached. */
  keyFor(method: string | undefined, body: string, acceptLanguage: string | undefined): string | undefined {
    if (!this.entries || method !== 'POST' || body.length > 16_384) return undefined;
    return `${acceptLanguage ?? ''}\u0000${body}`;
  }

  get(key: string | undefined): CachedResponse | undefined {
    const hit = key === undefined ? undefined : this.entries?.get(key);
    if (hit) this.hitCount += 1;
    return hit;
  }

  set(key: string | undefined, response: CachedResponse): void {
    if (key !== undefined && response.status === 200) this.entries?.set(key, response);
  }

  clear(): void {
    this.entries?.clear();
  }

  hits(): number {
    return this.hitCount;
  }
}
