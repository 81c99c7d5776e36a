import type { CachedResponse, MicroCacheRequest, ResponseMicroCache as ResponseMicroCacheClass } from '../../src/http/response-micro-cache';

/*
 * The cache's entries expire by lru-cache's clock, which is the `performance` object it finds
 * when its module is first loaded, and it reads a start time of 0 as "no expiry". So the fake
 * clock is installed once for the whole file, moved off zero, and only then is the module
 * loaded; installing another fake clock later would leave lru-cache on this one.
 */
let ResponseMicroCache: typeof ResponseMicroCacheClass;
beforeAll(async () => {
  jest.useFakeTimers({ now: 1_800_000_000_000 });
  jest.advanceTimersByTime(1_000);
  ({ ResponseMicroCache } = await import('../../src/http/response-micro-cache'));
});
afterAll(() => jest.useRealTimers());

const request = (overrides: Partial<MicroCacheRequest> = {}): MicroCacheRequest => ({
  method: 'POST',
  contentType: 'application/json',
  body: '{"query":"{ orderEligibility(order: {mpnId: \\"1000001\\", region: UNITED_STATES}) { canSubmit } }"}',
  accept: 'application/json',
  acceptLanguage: 'en',
  ...overrides,
});

const response = (body = '{"data":{"orderEligibility":{"canSubmit":true}}}'): CachedResponse => ({
  status: 200,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body,
});

/** Keeps `body` as the response to a request with `requestBody`, started now; returns its key. */
function keep(cache: ResponseMicroCacheClass, requestBody: string, body: string): string {
  const key = cache.keyFor(request({ body: requestBody }))!;
  cache.set(key, cache.generation(), response(body));
  return key;
}

describe('ResponseMicroCache', () => {
  describe('keys', () => {
    const cache = () => new ResponseMicroCache({ ttlMs: 1_000 });

    it('gives an identical request the same key', () => {
      const key = cache().keyFor(request());
      expect(key).toBeDefined();
      expect(cache().keyFor(request())).toBe(key);
    });

    it('tells requests apart by body, Accept and Accept-Language', () => {
      const c = cache();
      const keys = [
        c.keyFor(request()),
        c.keyFor(request({ body: request().body.replace('1000001', '1000002') })),
        c.keyFor(request({ accept: 'application/graphql-response+json' })),
        c.keyFor(request({ accept: undefined })),
        c.keyFor(request({ acceptLanguage: 'pt-PT' })),
        c.keyFor(request({ acceptLanguage: undefined })),
      ];
      expect(keys.every((key) => key !== undefined)).toBe(true);
      expect(new Set(keys).size).toBe(keys.length);
    });

    it('keeps only JSON POSTs', () => {
      const c = cache();
      expect(c.keyFor(request({ method: 'GET' }))).toBeUndefined();
      expect(c.keyFor(request({ contentType: 'text/plain' }))).toBeUndefined();
      expect(c.keyFor(request({ contentType: 'application/x-www-form-urlencoded' }))).toBeUndefined();
      expect(c.keyFor(request({ contentType: 'multipart/form-data; boundary=x' }))).toBeUndefined();
      expect(c.keyFor(request({ contentType: undefined }))).toBeUndefined();
      expect(c.keyFor(request({ contentType: 'text/plain; x=application/json' }))).toBeUndefined();
      expect(c.keyFor(request({ contentType: 'Application/JSON; charset=utf-8' }))).toBeDefined();
    });

    it('keeps no response to a request body longer than maxRequestChars', () => {
      const c = new ResponseMicroCache({ ttlMs: 1_000, maxRequestChars: 100 });
      expect(c.keyFor(request({ body: 'x'.repeat(100) }))).toBeDefined();
      expect(c.keyFor(request({ body: 'x'.repeat(101) }))).toBeUndefined();
    });

    it('keeps nothing when its time is 0', () => {
      const c = new ResponseMicroCache({ ttlMs: 0 });
      expect(c.keyFor(request())).toBeUndefined();
      c.set('any', c.generation(), response());
      expect(c.get('any')).toBeUndefined();
    });
  });

  describe('time', () => {
    it('answers a kept response for ttlMs, then forgets it', () => {
      const c = new ResponseMicroCache({ ttlMs: 1_000 });
      const key = keep(c, 'q', 'a');
      jest.advanceTimersByTime(1_000);
      expect(c.get(key)?.body).toBe('a');
      jest.advanceTimersByTime(1);
      expect(c.get(key)).toBeUndefined();
    });

    it('counts the time from when the response was kept, not from its last use', () => {
      const c = new ResponseMicroCache({ ttlMs: 1_000 });
      const key = keep(c, 'q', 'a');
      jest.advanceTimersByTime(600);
      expect(c.get(key)).toBeDefined();
      jest.advanceTimersByTime(401);
      expect(c.get(key)).toBeUndefined();
    });

    it('counts hits, not misses', () => {
      const c = new ResponseMicroCache({ ttlMs: 1_000 });
      const key = keep(c, 'q', 'a');
      c.get(key);
      c.get(key);
      c.get('other');
      jest.advanceTimersByTime(1_001);
      c.get(key);
      expect(c.hits()).toBe(2);
    });
  });

  describe('invalidation', () => {
    it('forgets every kept response', () => {
      const c = new ResponseMicroCache({ ttlMs: 60_000 });
      const a = keep(c, 'qa', 'a');
      const b = keep(c, 'qb', 'b');
      c.invalidate();
      expect(c.get(a)).toBeUndefined();
      expect(c.get(b)).toBeUndefined();
    });

    it('refuses the response of a request that started before an invalidation', () => {
      const c = new ResponseMicroCache({ ttlMs: 60_000 });
      const key = c.keyFor(request())!;
      const startedIn = c.generation();
      c.invalidate(); // a recheck replaced an answer while the request ran
      c.set(key, startedIn, response('stale'));
      expect(c.get(key)).toBeUndefined();
      // A request that starts after it is kept as usual.
      c.set(key, c.generation(), response('fresh'));
      expect(c.get(key)?.body).toBe('fresh');
    });
  });

  describe('size', () => {
    // Each entry counts twice its key and body length (UTF-16), plus 256 bytes; one takes at most a sixteenth of maxBytes.
    it('keeps at most maxBytes, forgetting the least recently used first', () => {
      const c = new ResponseMicroCache({ ttlMs: 60_000, maxBytes: 16_000 });
      const body = 'b'.repeat(290); // 884 bytes each with its 24-character key: eighteen fit
      const keys = Array.from({ length: 18 }, (_, i) => keep(c, `q${String(i).padStart(2, '0')}`, body));
      c.get(keys[0]); // the first is now more recent than the second
      const last = keep(c, 'q18', body);
      expect(c.get(keys[1])).toBeUndefined();
      expect(c.get(keys[0])).toBeDefined();
      expect(c.get(last)).toBeDefined();
    });

    it('counts the request body in the key against the bound', () => {
      const c = new ResponseMicroCache({ ttlMs: 60_000, maxBytes: 16_000 });
      // A one-character response: about 860 bytes with a 300-character request, 1,060 with a 400-character one (over 1,000).
      const shorter = keep(c, 'a'.repeat(300), 'x');
      const longer = keep(c, 'b'.repeat(400), 'x');
      expect(c.get(shorter)).toBeDefined();
      expect(c.get(longer)).toBeUndefined();
    });

    it('does not keep a response over a sixteenth of the bound, nor drop others for it', () => {
      // One large cart's answer repeated in a moment must not push out every order form's answers.
      const c = new ResponseMicroCache({ ttlMs: 60_000, maxBytes: 16_000 });
      const kept = [0, 1, 2, 3, 4].map((i) => keep(c, `q${i}`, 's'.repeat(300)));
      const large = keep(c, 'large', 'x'.repeat(600)); // about 1,470 bytes of 16,000: over 1,000
      expect(c.get(large)).toBeUndefined();
      for (const key of kept) expect(c.get(key)).toBeDefined();
      const fits = keep(c, 'fits', 'x'.repeat(300)); // about 870 bytes
      expect(c.get(fits)).toBeDefined();
    });

    it('does not keep a response larger than the bound, nor drop others for it', () => {
      const c = new ResponseMicroCache({ ttlMs: 60_000, maxBytes: 16_000 });
      const small = keep(c, 'qs', 'small');
      const big = keep(c, 'qb', 'x'.repeat(10_000));
      expect(c.get(big)).toBeUndefined();
      expect(c.get(small)?.body).toBe('small');
    });
  });
});
