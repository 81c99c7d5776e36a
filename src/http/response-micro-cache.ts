import { LRUCache } from 'lru-cache';
import type { WrittenOrderLine } from '../observability/decision-log';

/** A finished GraphQL response, kept to answer the same request again. */
export interface CachedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Default none. When it was kept (epoch ms): a decision record of a response served again says its age. */
  readonly keptAt?: number;
  /** Default none. The order lines it answers, as the decision log recorded them (written again for each client served it). */
  readonly decisions?: readonly WrittenOrderLine[];
}

/** Bytes counted for one kept decision record, about twice its JSON. */
const DECISION_BYTES = 2048;

/** A kept response takes at most 1/MAX_ENTRY_SHARE of `maxBytes` (1 MiB of the default 16 MiB). */
const MAX_ENTRY_SHARE = 16;

/** What of a request decides its response's bytes. */
export interface MicroCacheRequest {
  readonly method: string;
  readonly contentType: string | undefined;
  /** The request body exactly as received. */
  readonly body: string;
  /** Picks the response's media type, or a 406. */
  readonly accept: string | undefined;
  /** Picks the language of messages and guidance. */
  readonly acceptLanguage: string | undefined;
  /** Default `''`. The caller's scopes: a response is only ever served again to a caller allowed the same fields. */
  readonly scopes?: string;
}

export interface ResponseMicroCacheOptions {
  /** Required. Milliseconds a response is reused; 0 turns the cache off. */
  readonly ttlMs: number;
  /** Default `16_777_216` (16 MiB). Bytes of keys and bodies kept at most. */
  readonly maxBytes?: number;
  /** Default `16_384`. Longest request body whose response is kept. */
  readonly maxRequestChars?: number;
}

/**
 * An order form asks the same question many times a second while a partner edits a cart.
 * This keeps finished responses for a moment, keyed by the exact request body and every
 * header that shapes the response's bytes (`Accept`, `Accept-Language`), so repeats skip
 * the GraphQL pipeline. Whether a response may be kept is decided before it gets here (the
 * response-reuse plugin); this only keeps it, and forgets everything on `invalidate()`.
 *
 * Invalidation is by generation: a request notes the generation when it starts, and its
 * response is kept only if no invalidation happened since. An operation that read an answer
 * before a recheck replaced it can therefore never store its response after the recheck.
 */
export class ResponseMicroCache {
  private readonly entries: LRUCache<string, CachedResponse> | undefined;
  private readonly maxRequestChars: number;
  private currentGeneration = 0;
  private hitCount = 0;

  constructor(options: ResponseMicroCacheOptions) {
    this.maxRequestChars = options.maxRequestChars ?? 16_384;
    const maxBytes = options.maxBytes ?? 16_777_216;
    this.entries =
      options.ttlMs > 0
        ? new LRUCache({
            maxSize: maxBytes,
            // A large cart's answer is never kept: it would push out many order forms' answers.
            maxEntrySize: maxBytes / MAX_ENTRY_SHARE,
            sizeCalculation: (response, key) =>
              2 * (key.length + response.body.length) + 256 + DECISION_BYTES * (response.decisions?.length ?? 0),
            ttl: options.ttlMs,
          })
        : undefined;
  }

  /** The key for a request, or undefined when such a request is never kept (only JSON POSTs are). */
  keyFor(request: MicroCacheRequest): string | undefined {
    if (!this.entries || request.method !== 'POST' || request.body.length > this.maxRequestChars) return undefined;
    // Only a JSON body can have passed CSRF prevention, so only those are reused.
    if (!/^application\/json\b/i.test(request.contentType ?? '')) return undefined;
    return `${request.scopes ?? ''}\u0000${request.accept ?? ''}\u0000${request.acceptLanguage ?? ''}\u0000${request.body}`;
  }

  /** The generation a request starts in; pass it back to `set`. */
  generation(): number {
    return this.currentGeneration;
  }

  get(key: string): CachedResponse | undefined {
    const hit = this.entries?.get(key);
    if (hit) this.hitCount += 1;
    return hit;
  }

  /** Keeps a response, unless an invalidation happened since its request started in `startedIn`. */
  set(key: string, startedIn: number, response: CachedResponse): void {
    if (startedIn !== this.currentGeneration) return;
    this.entries?.set(key, response);
  }

  /** Forgets every response, and refuses those of requests already under way. */
  invalidate(): void {
    this.currentGeneration += 1;
    this.entries?.clear();
  }

  hits(): number {
    return this.hitCount;
  }
}
