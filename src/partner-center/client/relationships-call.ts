import { randomUUID } from 'node:crypto';
import { ExponentialBackoff, IBackoff, decorrelatedJitterGenerator } from 'cockatiel';
import { withPartnerCenterSpan } from '../../observability/partner-center-span';
import { AgreementOutcome, ResponseTrace } from '../outcome/outcome';
import { RELATIONSHIPS_OUTCOMES, classifyAnswer } from '../outcome/outcome-table';
import { Deadline } from '../../time/deadline';
import { WorkClass } from '../resilience/work-class';
import { AccountSettings, sendForAccount } from './account-request';
import { readErrorBody, readRetryAfter, traceOf, unexpectedSuccess } from './answer-reading';
import { parseJsonBody } from './json-body';
import { NextLink, PartnerRelationship, readRelationshipsPage } from './relationships-reading';

export interface IndirectResellersCallOptions {
  /** Default none. When the whole list (every page, retries included) is needed by. */
  readonly deadline?: Deadline;
  /** Default the client's `timeoutMs`. Milliseconds one page may take, body included. */
  readonly timeoutMs?: number;
  /** Default `1_000`. Pages followed at most; a longer collection fails as an answer not understood rather than looping. */
  readonly maxPages?: number;
  /** Default `3`. Attempts per page, the first included (5xx, 408, timeouts, resets, unreadable bodies, 429). */
  readonly maxAttempts?: number;
  /** Default `200`. First backoff delay in ms; later ones grow exponentially with jitter, up to `maxDelayMs`. */
  readonly baseDelayMs?: number;
  /** Default `2_000`. */
  readonly maxDelayMs?: number;
  /** Default none. Stops the listing (shutting down); it then ends as out of time. */
  readonly signal?: AbortSignal;
  /** Default the account's. `bulk` for a listing nobody waits on at an order form (a forced refresh). */
  readonly workClass?: WorkClass;
}

/** Every page, or the outcome that stopped the listing and how many pages had been read. */
export type IndirectResellersResult =
  | {
      readonly ok: true;
      readonly relationships: readonly PartnerRelationship[];
      readonly pages: number;
      readonly skipped: number;
      /** The largest `totalCount` a page gave (Partner Center's examples give the page's count, so it may be either). */
      readonly totalCount: number | undefined;
    }
  | { readonly ok: false; readonly outcome: AgreementOutcome; readonly pages: number };

const PROVIDER_QUERY = 'relationship_type=IsIndirectCloudSolutionProviderOf';
/**
 * A collection that cannot be followed to its end (a next link to another origin, a loop, more
 * pages than allowed): Partner Center answered, with something the gateway does not understand.
 */
const unfollowable = () => classifyAnswer({ type: 'unexpected', status: 200 }, {}, RELATIONSHIPS_OUTCOMES);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Where a `next` link points. Microsoft's collections write it relative to `{baseURL}/v1`
 * (`/invoices/...`) in some examples and from the root (`/v1/customers...`) in others, so both
 * are accepted, and an absolute URL too, but only on Partner Center's own origin: the
 * account's token is never sent anywhere else.
 */
export function nextLinkPath(uri: string, base: URL): string | undefined {
  const basePath = base.pathname.replace(/\/+$/, '');
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri) || uri.startsWith('//')) {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      return undefined;
    }
    return url.origin === base.origin ? `${url.pathname}${url.search}` : undefined;
  }
  const path = uri.startsWith('/') ? uri : `/${uri}`;
  if (path.startsWith(`${basePath}/v1/`)) return path;
  return /^\/v1(\/|\?|$)/i.test(path) ? `${basePath}${path}` : `${basePath}/v1${path}`;
}

/** The outcome of an answer that is not a readable page. */
function failureOf(
  status: number,
  headers: Readonly<Record<string, string>>,
  body: string,
  sent: { correlationId: string; requestId: string },
): AgreementOutcome {
  const json = parseJsonBody(body);
  return classifyAnswer(
    unexpectedSuccess(status, body) ?? {
      type: 'error',
      status,
      error: readErrorBody(json),
      retryAfterSeconds: readRetryAfter(headers['retry-after'] ?? null, json),
    },
    traceOf(headers, sent),
    RELATIONSHIPS_OUTCOMES,
  );
}

const isWorthRetrying = (outcome: AgreementOutcome) =>
  (outcome.kind === 'upstreamFailure' && outcome.reason !== 'circuitOpen') ||
  (outcome.kind === 'throttled' && outcome.origin === 'partnerCenter');

/**
 * The signed-in provider's indirect resellers (`GET /v1/relationships?relationship_type=
 * IsIndirectCloudSolutionProviderOf`), every page, through the account's queue and within the
 * deadline. A 429 holds every call of the account for Retry-After, as agreementstatus's do.
 */
export async function fetchIndirectResellers(
  account: AccountSettings & {
    readonly base: URL;
    readonly maxPageBytes: number;
    /** Default none. The account's CSP region, for the calls' spans. */
    readonly region?: string;
  },
  options: IndirectResellersCallOptions & { readonly timeoutMs: number },
): Promise<IndirectResellersResult> {
  const { deadline } = options;
  const maxPages = options.maxPages ?? 1_000;
  const maxAttempts = options.maxAttempts ?? 3;
  const backoffs = new ExponentialBackoff({
    initialDelay: options.baseDelayMs ?? 200,
    maxDelay: options.maxDelayMs ?? 2_000,
    generator: decorrelatedJitterGenerator,
  });
  const relationships: PartnerRelationship[] = [];
  let skipped = 0;
  let pages = 0;
  let totalCount: number | undefined;
  let path = `${account.base.pathname.replace(/\/+$/, '')}/v1/relationships?${PROVIDER_QUERY}`;
  let continuation: NextLink['headers'] = {};
  const followed = new Set<string>();

  for (;;) {
    if (pages >= maxPages) return { ok: false, outcome: unfollowable(), pages };
    let requestId = randomUUID();
    let backoff: IBackoff<unknown> | undefined;
    let page: ReturnType<typeof readRelationshipsPage>;
    for (let attempt = 1; ; attempt += 1) {
      const correlationId = randomUUID();
      const sent = { correlationId, requestId };
      // One span per page asked, each attempt its own, as agreementstatus calls are.
      const asked = await withPartnerCenterSpan(
        { operation: 'relationships', region: account.region, attempt, correlationId, requestId, page: pages + 1 },
        async (): Promise<{ outcome?: AgreementOutcome; page?: ReturnType<typeof readRelationshipsPage>; trace?: ResponseTrace }> => {
          const response = await sendForAccount(account, {
            path,
            correlationId,
            requestId,
            extraHeaders: continuation,
            timeoutMs: options.timeoutMs,
            maxBodyBytes: account.maxPageBytes,
            deadline,
            retry: attempt > 1,
            learn: false,
            signal: options.signal,
            workClass: options.workClass,
          });
          if (response.kind === 'notSent') return { outcome: response.outcome };
          if (response.kind === 'noAnswer') {
            const failure = response.failure === 'deadline' ? 'deadlineExceeded' : response.failure;
            return { outcome: classifyAnswer({ type: 'transport', failure }, sent, RELATIONSHIPS_OUTCOMES) };
          }
          const { status, headers, body } = response.exchanged;
          const read = status === 200 ? readRelationshipsPage(body) : undefined;
          return read ? { page: read, trace: traceOf(headers, sent) } : { outcome: failureOf(status, headers, body, sent) };
        },
        (result) => result.outcome ?? { kind: 'answered', httpStatus: 200, trace: result.trace ?? sent },
      );
      page = asked.page;
      const { outcome } = asked;
      if (!outcome) break;
      if (outcome.kind === 'throttled' && outcome.origin === 'partnerCenter') {
        account.capacity.throttle(Date.now() + (outcome.retryAfterSeconds ?? 1) * 1000);
      }
      if (!isWorthRetrying(outcome) || attempt >= maxAttempts) return { ok: false, outcome, pages };
      // A retry after a timeout keeps MS-RequestId, so Partner Center can tell it is the same request.
      if (!(outcome.kind === 'upstreamFailure' && (outcome.reason === 'timeout' || outcome.reason === 'requestTimeout')))
        requestId = randomUUID();
      backoff = backoff ? backoff.next(undefined) : backoffs.next();
      const hinted = outcome.kind === 'throttled' || outcome.kind === 'upstreamFailure' ? outcome.retryAfterSeconds : undefined;
      const delay = hinted !== undefined ? hinted * 1000 : backoff.duration;
      if (options.signal?.aborted || (deadline && Date.now() + delay + account.capacity.usefulAttemptMs() > deadline.at()))
        return { ok: false, outcome, pages };
      await sleep(delay);
    }
    pages += 1;
    relationships.push(...page!.relationships);
    skipped += page!.skipped;
    if (page!.totalCount !== undefined) totalCount = Math.max(totalCount ?? 0, page!.totalCount);
    const next = page!.next;
    if (!next) return { ok: true, relationships, pages, skipped, totalCount };
    const nextPath = nextLinkPath(next.uri, account.base);
    const key = `${nextPath} ${JSON.stringify(next.headers)}`;
    // A link to another origin, or one already followed (a loop), cannot be followed.
    if (nextPath === undefined || followed.has(key)) {
      return { ok: false, outcome: unfollowable(), pages };
    }
    followed.add(key);
    path = nextPath;
    continuation = next.headers;
  }
}
