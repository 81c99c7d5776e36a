import { Dispatcher } from 'undici';
import { Deadline } from '../../time/deadline';
import { ResponseHeaders } from './answer-reading';

/** What came back over HTTP, before anyone read it. */
export interface Exchanged {
  readonly status: number;
  readonly headers: ResponseHeaders;
  readonly body: string;
}

/** The response headers the client reads; the rest are not kept. */
const KEPT_HEADERS = new Set(['ms-correlationid', 'ms-requestid', 'ms-cv', 'ms-serverid', 'retry-after']);

/** An exchange that got no answer: its whole timeout ran out, the deadline came, or the connection failed. */
export interface ExchangeFailure {
  readonly failure: 'timeout' | 'deadline' | 'network';
}

/**
 * One GET (or, with a body, a POST) through undici's dispatcher. The whole exchange (connect, TLS, headers, body) is
 * bounded by `timeoutMs` and by `deadline`, whichever comes first; a deadline that moves
 * later while the exchange runs gives it the extra time. Uses the handler interface rather
 * than `request()`: no stream or AbortController per call, which is most of the client's CPU
 * when many calls run at once.
 */
export function exchange(
  dispatcher: Dispatcher,
  request: { origin: string; path: string; headers: Record<string, string>; method?: 'GET' | 'POST'; body?: string },
  limits: { timeoutMs: number; maxBodyBytes: number; deadline?: Deadline; signal?: AbortSignal },
): Promise<Exchanged | ExchangeFailure> {
  // Resolves either way: a failure is an answer of its own, never a thrown error.
  return new Promise((resolve) => {
    let abort: ((error?: Error) => void) | undefined;
    let stopped: 'timeout' | 'deadline' | 'tooLarge' | undefined;
    let settled = false;
    let status = 0;
    const headers: Record<string, string> = {};
    const chunks: Buffer[] = [];
    let size = 0;
    const sentAt = Date.now();
    const fullTimeoutAt = sentAt + limits.timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    let unsubscribe: (() => void) | undefined;
    const finish = () => {
      settled = true;
      if (timer) clearTimeout(timer);
      unsubscribe?.();
      limits.signal?.removeEventListener('abort', onAbort);
    };
    const fail = (failure: 'timeout' | 'deadline' | 'network') => {
      if (settled) return;
      finish();
      resolve({ failure });
    };
    const stop = (why: 'timeout' | 'deadline' | 'tooLarge') => {
      stopped ??= why;
      if (abort) abort(new Error(why));
      // Still connecting (or in the TLS handshake): answer now; onConnect aborts it later.
      else if (why !== 'tooLarge') fail(why);
    };
    const endsAt = () => Math.min(fullTimeoutAt, limits.deadline?.at() ?? Infinity);
    const arm = () => {
      if (settled) return;
      if (timer) clearTimeout(timer);
      const now = Date.now();
      if (now < endsAt()) {
        timer = setTimeout(arm, endsAt() - now);
        return;
      }
      // A timeout only counts as Partner Center's when the call had all of it.
      stop(now >= fullTimeoutAt ? 'timeout' : 'deadline');
    };
    const onAbort = () => stop('deadline');
    limits.signal?.addEventListener('abort', onAbort, { once: true });
    unsubscribe = limits.deadline?.onExtend(arm);
    arm();
    if (limits.signal?.aborted) stopped = 'deadline';
    dispatcher.dispatch(
      { origin: request.origin, path: request.path, method: request.method ?? 'GET', headers: request.headers, body: request.body },
      {
        onConnect(abortExchange) {
          abort = abortExchange;
          if (stopped) abortExchange(new Error(stopped));
        },
        // undici answers interim 1xx responses itself: this sees the final one only.
        onHeaders(statusCode, rawHeaders) {
          status = statusCode;
          for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
            const name = rawHeaders[i].toString('latin1').toLowerCase();
            if (KEPT_HEADERS.has(name) && headers[name] === undefined) headers[name] = rawHeaders[i + 1].toString('latin1');
          }
          return true;
        },
        onData(chunk) {
          size += chunk.length;
          if (size > limits.maxBodyBytes) {
            stop('tooLarge');
            return false;
          }
          chunks.push(chunk);
          return true;
        },
        onComplete() {
          if (settled) return;
          finish();
          resolve({ status, headers, body: Buffer.concat(chunks, size).toString('utf8') });
        },
        onError(error) {
          if (settled) return;
          // An oversized body is an answer that cannot be read, not a broken connection.
          if (stopped === 'tooLarge') {
            finish();
            resolve({ status, headers, body: '' });
          } else if (stopped === 'timeout' || stopped === 'deadline') fail(stopped);
          // The pool's connect timeout is the call's own (timeoutMs), and its timer can fire
          // just before this one: a connection or handshake that never completed is a timeout.
          else fail((error as { code?: unknown } | undefined)?.code === 'UND_ERR_CONNECT_TIMEOUT' ? 'timeout' : 'network');
        },
      },
    );
  });
}

/**
 * Resolves two event-loop turns from now. undici writes a request on a reused keep-alive
 * socket from an immediate callback, after the poll phase has run every I/O callback that was
 * ready. Classifying an answer, and the work it sets off in the operation, after that lets
 * the request its freed slot starts go out first, instead of waiting behind the handling of
 * every answer that arrived alongside. Two turns, not one: the writes queued by answers read
 * later in the same poll phase also go first.
 */
export function afterQueuedWrites(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}
