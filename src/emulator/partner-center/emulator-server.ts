import { randomUUID } from 'node:crypto';
import http, { IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { readBody, sendJson } from '../http-replies';
import { EmulatedRegion } from '../emulated-regions';
import { ResellerDirectory, answerAgreementStatus } from './agreement-status-answer';
import { EmulatedAccount, EmulatedReseller, SANDBOX_ACCOUNTS, TEST_RESELLERS, nameOf, relationshipsOf } from './emulated-world';
import { NextLinkStyle, RELATIONSHIPS_PATH, answerRelationships } from './relationships-answer';
import { getValidReseller } from './reseller-input';
import { EmulatedFailure, FaultControls, FaultRule, createRandom, getValidFaultRule } from './faults';
import { EmulatedAuthority, EmulatedAuthorityOptions, startEmulatedAuthority } from '../entra-id/emulated-authority';
import { RateLimitRule, RateLimiter, getValidRateLimit } from './rate-limit';
import { AgreementChange, parseAgreementChange, withAgreementChange } from './agreement-change';
import { VALIDATE_RESELLERS_PATH, answerValidateResellers } from './validate-resellers-answer';

export interface EmulatorOptions {
  /** Default `0` (any free port). */
  readonly port?: number;
  /** Default `'127.0.0.1'`. */
  readonly host?: string;
  /** Default one sandbox account per CSP region (`SANDBOX_ACCOUNTS`). */
  readonly accounts?: readonly EmulatedAccount[];
  /** Default the documented test identifiers (`TEST_RESELLERS`). */
  readonly resellers?: readonly EmulatedReseller[];
  /** Default `0`. Latency added to every call, in ms. */
  readonly latencyMs?: number;
  /** Default random. Seed for fault probabilities, to replay a chaos run. */
  readonly seed?: number;
  /** Default `10_000`. Calls kept in the call log; older ones drop off (the count keeps going). */
  readonly callLogLimit?: number;
  /** Default `'0000005B'`. Sent as `MS-ServerId`. */
  readonly serverId?: string;
  /**
   * Default off. Starts a token authority (HTTPS) issuing App+User JWTs for the accounts;
   * agreementstatus then checks their signature, audience, MFA and region.
   */
  readonly authority?: boolean | Omit<EmulatedAuthorityOptions, 'registrations'>;
  /** Default `true`. Also accept each account's fixed sandbox token. */
  readonly acceptStaticTokens?: boolean;
  /** Default none. Limits each account's calls as Partner Center limits a partner tenant's (429 past it). */
  readonly rateLimit?: RateLimitRule;
  /** Default `10`. Relationships listed per page, small so that paging happens with the test identifiers. */
  readonly relationshipsPageSize?: number;
  /** Default `'relative'`. How the relationships `next` link's uri is written (see `NextLinkStyle`). */
  readonly relationshipsNextLinkStyle?: NextLinkStyle;
  /** Default `false`. Accept fault rules that hold calls until released (`FaultRule.hold`); a test control, off in sandbox mode. */
  readonly allowHold?: boolean;
}

/** One relationships call (one page) as the emulator saw it. */
export interface EmulatedRelationshipsCall {
  /** When the answer left (ISO time). */
  readonly at: string;
  /** Region of the calling account; absent when the token was not accepted. */
  readonly region?: EmulatedRegion;
  readonly status: number;
  /** Zero-based page served, when one was. */
  readonly page?: number;
  /** Whether the request carried a continuation token. */
  readonly continued: boolean;
  readonly headers: EmulatedCall['headers'];
}

/** One validateresellers call as the emulator saw it. */
export interface EmulatedValidateResellersCall {
  /** When the answer left (ISO time). */
  readonly at: string;
  /** Region of the calling account; absent when the token was not accepted. */
  readonly region?: EmulatedRegion;
  readonly status: number;
  /** The partner IDs the body asked about, as sent; absent when the body could not be read. */
  readonly partnerIds?: readonly string[];
  readonly contentType?: string;
  readonly headers: EmulatedCall['headers'];
}

/** One agreementstatus call as the emulator saw it. */
export interface EmulatedCall {
  /** When the answer left (ISO time). */
  readonly at: string;
  /** When the request arrived (epoch ms): for checking what a client sent after its deadline. */
  readonly receivedAt: number;
  readonly mpnId?: string;
  readonly tenantId?: string;
  /** Region of the calling account; absent when the token was not accepted. */
  readonly region?: EmulatedRegion;
  readonly status: number;
  /** Request headers that matter to Partner Center; the token itself is never kept. */
  readonly headers: {
    readonly authorization: 'bearer' | 'missing' | 'malformed';
    readonly accept?: string;
    readonly correlationId?: string;
    readonly requestId?: string;
    readonly locale?: string;
    readonly application?: string;
  };
}

export interface Emulator {
  /** Base URL to configure as Partner Center's, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly port: number;
  readonly faults: FaultControls;
  /** Sets (or, with undefined, lifts) the per-account rate limit. */
  setRateLimit(rule: RateLimitRule | undefined): void;
  /** Calls answered 429 by the rate limit since start (or since `clearCalls`). */
  throttledCount(): number;
  /** Set when started with `authority`. */
  readonly authority: EmulatedAuthority | undefined;
  readonly accounts: readonly EmulatedAccount[];
  readonly resellers: readonly EmulatedReseller[];
  /** Adds a reseller, or replaces the one with the same MPN ID (a reseller signs, moves, enrols, accepts a relationship). */
  putReseller(reseller: EmulatedReseller): void;
  /** Removes the reseller with this MPN ID; false when there was none. */
  removeReseller(mpnId: string): boolean;
  /** The relationships call log (one entry per page asked), oldest first. */
  relationshipsCalls(): readonly EmulatedRelationshipsCall[];
  /** The validateresellers call log (one entry per call), oldest first. */
  validateResellersCalls(): readonly EmulatedValidateResellersCall[];
  /** Marks a reseller as having accepted the agreement for a region, or not; undefined when no reseller has that MPN ID. */
  setAgreement(mpnId: string, change: AgreementChange): EmulatedReseller | undefined;
  /** The call log, oldest first. */
  calls(): readonly EmulatedCall[];
  /** Agreementstatus calls answered since start (or since `clearCalls`), including those dropped from the log. */
  callCount(): number;
  /** Most agreementstatus calls in progress at once since start (or since `clearCalls`). */
  peakInFlight(): number;
  clearCalls(): void;
  /** Stops listening and drops open connections, hung ones included. */
  close(): Promise<void>;
}

const AGREEMENT_STATUS_PATH = /^\/v1\/compliance\/([^/]+)\/agreementstatus\/?$/i;
const ADMIN_PREFIX = '/_emulator';

function firstParam(params: URLSearchParams, name: string): string | undefined {
  for (const [key, value] of params) {
    // Upstream reads parameter names case-insensitively and treats an empty value as absent.
    if (key.toLowerCase() === name && value !== '') return value;
  }
  return undefined;
}

/** Starts a Partner Center agreementstatus emulator on 127.0.0.1. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const accounts = options.accounts ?? SANDBOX_ACCOUNTS;
  const resellers = options.resellers ?? TEST_RESELLERS;
  const callLogLimit = options.callLogLimit ?? 10_000;
  const serverId = options.serverId ?? '0000005B';
  const faults = new FaultControls(options.seed === undefined ? Math.random : createRandom(options.seed), {
    allowHold: options.allowHold,
  });
  let rateLimiter = options.rateLimit ? new RateLimiter(getValidRateLimit(options.rateLimit)) : undefined;
  let throttled = 0;
  if (options.latencyMs) faults.setGlobal({ latencyMs: options.latencyMs });

  const acceptStaticTokens = options.acceptStaticTokens ?? true;
  const accountByToken = new Map(acceptStaticTokens ? accounts.map((account) => [account.token, account]) : []);
  const accountByRegion = new Map(accounts.map((account) => [account.region, account]));
  const authority = options.authority
    ? await startEmulatedAuthority({ ...(options.authority === true ? {} : options.authority), registrations: accounts })
    : undefined;

  /** The account a bearer token stands for: a fixed sandbox token, or a JWT from the authority. */
  function accountFor(token: string): EmulatedAccount | undefined {
    const fixed = accountByToken.get(token);
    if (fixed) return fixed;
    if (!authority) return undefined;
    const check = authority.checkAccessToken(token);
    return check.ok ? accountByRegion.get(check.region) : undefined;
  }
  const byMpn = new Map(resellers.map((r) => [r.mpnId, r]));
  const byTenant = new Map(resellers.filter((r) => r.tenantId).map((r) => [r.tenantId!.toLowerCase(), r]));
  function putReseller(reseller: EmulatedReseller): void {
    removeReseller(reseller.mpnId);
    byMpn.set(reseller.mpnId, reseller);
    if (reseller.tenantId) byTenant.set(reseller.tenantId.toLowerCase(), reseller);
  }
  function removeReseller(mpnId: string): boolean {
    const previous = byMpn.get(mpnId);
    if (!previous) return false;
    if (previous.tenantId) byTenant.delete(previous.tenantId.toLowerCase());
    byMpn.delete(mpnId);
    return true;
  }
  const pageSize = options.relationshipsPageSize ?? 10;
  if (!Number.isInteger(pageSize) || pageSize <= 0)
    throw new TypeError(`relationshipsPageSize must be a positive integer, got ${String(pageSize)}`);
  const nextLinkStyle = options.relationshipsNextLinkStyle ?? 'relative';
  /** This emulator's base URL, known once it listens (for absolute next links). */
  let baseUrl = '';
  function setAgreement(mpnId: string, change: AgreementChange): EmulatedReseller | undefined {
    const reseller = byMpn.get(mpnId);
    if (!reseller) return undefined;
    const changed = withAgreementChange(reseller, change);
    putReseller(changed);
    return changed;
  }
  const directory: ResellerDirectory = {
    byMpnId: (mpnId) => byMpn.get(mpnId),
    byTenantId: (tenantId) => byTenant.get(tenantId.toLowerCase()),
  };

  let log: EmulatedCall[] = [];
  let relationshipsLog: EmulatedRelationshipsCall[] = [];
  let relationshipsCount = 0;
  let porLog: EmulatedValidateResellersCall[] = [];
  let porCount = 0;
  let count = 0;
  let inFlight = 0;
  let peak = 0;
  const pendingTimers = new Set<NodeJS.Timeout>();

  function record(call: EmulatedCall): void {
    count += 1;
    log.push(call);
    // Trimmed in one go once it holds twice the limit: a copy per call would cost O(limit).
    if (log.length >= 2 * callLogLimit) log = log.slice(log.length - callLogLimit);
  }
  const keptCalls = () => (log.length > callLogLimit ? log.slice(log.length - callLogLimit) : log);

  let closed = false;
  /**
   * Resolves at `until` (a `performance.now()` time), not before and at most a few tens of
   * microseconds after. Node timers fire up to a millisecond late, which would make a
   * configured 50 ms latency 51 ms; so the last 2 ms are waited out on `setImmediate`.
   */
  function delayUntil(until: number): Promise<void> {
    if (until - performance.now() <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = () => {
        if (closed) return;
        if (performance.now() >= until) resolve();
        else setImmediate(finish);
      };
      const timer = setTimeout(
        () => {
          pendingTimers.delete(timer);
          finish();
        },
        Math.max(0, until - performance.now() - 2),
      );
      pendingTimers.add(timer);
    });
  }

  /** What every Partner Center call starts with: the trace headers to echo, the caller's account, the headers to log. */
  function callFacts(req: IncomingMessage) {
    const traceHeaders = {
      'MS-CorrelationId': req.headers['ms-correlationid']?.toString() || randomUUID(),
      'MS-RequestId': req.headers['ms-requestid']?.toString() || randomUUID(),
      // A random base (hex digits are base64 digits too) and the first extension.
      'MS-CV': `${randomUUID().replace(/-/g, '').slice(0, 16)}.0`,
      'MS-ServerId': serverId,
    };
    const auth = req.headers.authorization;
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(auth ?? '');
    const account = bearer ? accountFor(bearer[1]) : undefined;
    const headers: EmulatedCall['headers'] = {
      authorization: !auth ? 'missing' : bearer ? 'bearer' : 'malformed',
      accept: req.headers.accept,
      correlationId: req.headers['ms-correlationid']?.toString(),
      requestId: req.headers['ms-requestid']?.toString(),
      locale: req.headers['x-locale']?.toString(),
      application: req.headers['ms-partnercenter-application']?.toString(),
    };
    return { traceHeaders, account, headers };
  }

  function refuseUnauthenticated(res: ServerResponse, traceHeaders: Record<string, string>): void {
    res.writeHead(401, { ...traceHeaders, 'WWW-Authenticate': 'Bearer', 'Content-Length': 0 });
    res.end();
  }

  async function handleRelationships(req: IncomingMessage, res: ServerResponse, url: URL, arrived: number): Promise<void> {
    const { traceHeaders, account, headers } = callFacts(req);
    const continuationToken = req.headers['ms-continuationtoken']?.toString();
    let page: number | undefined;
    const logCall = (status: number) => {
      relationshipsCount += 1;
      relationshipsLog.push({
        at: new Date().toISOString(),
        region: account?.region,
        status,
        page,
        continued: continuationToken !== undefined,
        headers,
      });
      if (relationshipsLog.length >= 2 * callLogLimit) relationshipsLog = relationshipsLog.slice(relationshipsLog.length - callLogLimit);
    };
    if (!account) {
      logCall(401);
      return refuseUnauthenticated(res, traceHeaders);
    }
    const verdict = rateLimiter?.take(account.region);
    if (verdict && !verdict.allowed) {
      throttled += 1;
      sendFailure(res, { type: 'throttle', retryAfterSeconds: verdict.retryAfterSeconds }, traceHeaders, logCall);
      return;
    }
    const decision = faults.decideForRelationships(account.region);
    await delayUntil(arrived + decision.latencyMs);
    await faults.waitIfHeld(decision);
    if (res.destroyed || req.socket.destroyed) return;
    if (decision.failure) {
      sendFailure(res, decision.failure, traceHeaders, logCall);
      return;
    }
    const answer = answerRelationships(
      { params: url.searchParams, continuationToken, region: account.region, pageSize, nextLinkStyle, baseUrl },
      byMpn.values(),
    );
    page = answer.page;
    sendJson(res, answer.status, answer.body, traceHeaders);
    logCall(answer.status);
  }

  async function handleValidateResellers(req: IncomingMessage, res: ServerResponse, arrived: number): Promise<void> {
    const { traceHeaders, account, headers } = callFacts(req);
    let partnerIds: readonly string[] | undefined;
    const contentType = req.headers['content-type']?.toString();
    const logCall = (status: number) => {
      porCount += 1;
      porLog.push({
        at: new Date().toISOString(),
        region: account?.region,
        status,
        ...(partnerIds ? { partnerIds } : {}),
        contentType,
        headers,
      });
      if (porLog.length >= 2 * callLogLimit) porLog = porLog.slice(porLog.length - callLogLimit);
    };
    const text = await readBody(req, 1024 * 1024);
    if (!account) {
      logCall(401);
      return refuseUnauthenticated(res, traceHeaders);
    }
    const answer = answerValidateResellers(text, (mpnId) => byMpn.get(mpnId));
    partnerIds = answer.partnerIds;
    const verdict = rateLimiter?.take(account.region);
    if (verdict && !verdict.allowed) {
      throttled += 1;
      sendFailure(res, { type: 'throttle', retryAfterSeconds: verdict.retryAfterSeconds }, traceHeaders, logCall);
      return;
    }
    const decision = faults.decideForValidateResellers(account.region);
    await delayUntil(arrived + decision.latencyMs);
    await faults.waitIfHeld(decision);
    if (res.destroyed || req.socket.destroyed) return;
    if (decision.failure) {
      sendFailure(res, decision.failure, traceHeaders, logCall);
      return;
    }
    sendJson(res, answer.status, answer.body, traceHeaders);
    logCall(answer.status);
  }

  async function handleAgreementStatus(req: IncomingMessage, res: ServerResponse, url: URL, arrived: number): Promise<void> {
    const { traceHeaders, account, headers } = callFacts(req);
    const mpnId = firstParam(url.searchParams, 'mpnid');
    const tenantId = firstParam(url.searchParams, 'tenantid');
    const receivedAt = Date.now() - (performance.now() - arrived);
    const logCall = (status: number) =>
      record({ at: new Date().toISOString(), receivedAt, mpnId, tenantId, region: account?.region, status, headers });

    const program = AGREEMENT_STATUS_PATH.exec(url.pathname)![1];
    if (!account) {
      logCall(401);
      return refuseUnauthenticated(res, traceHeaders);
    }
    if (program.toLowerCase() !== 'csp') {
      logCall(404);
      res.writeHead(404, { ...traceHeaders, 'Content-Length': 0 });
      res.end();
      return;
    }

    const verdict = rateLimiter?.take(account.region);
    if (verdict && !verdict.allowed) {
      throttled += 1;
      sendFailure(res, { type: 'throttle', retryAfterSeconds: verdict.retryAfterSeconds }, traceHeaders, logCall);
      return;
    }
    const reseller = (mpnId && directory.byMpnId(mpnId.trim())) || (tenantId && directory.byTenantId(tenantId.trim())) || undefined;
    const decision = faults.decide(mpnId?.trim() ?? tenantId?.trim(), reseller?.fault, account.region);
    await delayUntil(arrived + decision.latencyMs);
    await faults.waitIfHeld(decision);
    if (res.destroyed || req.socket.destroyed) return;

    if (decision.failure) {
      sendFailure(res, decision.failure, traceHeaders, logCall);
      return;
    }
    const answer = answerAgreementStatus(mpnId, tenantId, account.region, directory);
    sendJson(res, answer.status, answer.body, traceHeaders);
    logCall(answer.status);
  }

  function sendFailure(
    res: ServerResponse,
    failure: EmulatedFailure,
    traceHeaders: Record<string, string>,
    logCall: (status: number) => void,
  ): void {
    switch (failure.type) {
      case 'throttle': {
        const seconds = failure.retryAfterSeconds ?? 30;
        const format = failure.retryAfterFormat ?? 'seconds';
        const retryAfter: Record<string, string> =
          format === 'seconds'
            ? { 'Retry-After': String(seconds) }
            : format === 'httpDate'
              ? { 'Retry-After': new Date(Date.now() + seconds * 1000).toUTCString() }
              : {};
        logCall(429);
        sendJson(
          res,
          429,
          { statusCode: 429, message: `Rate limit is exceeded. Try again in ${seconds} seconds.` },
          {
            ...traceHeaders,
            ...retryAfter,
          },
        );
        return;
      }
      case 'status': {
        logCall(failure.status);
        const retryAfter: Record<string, string> =
          failure.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(failure.retryAfterSeconds) };
        if (failure.body === undefined) {
          res.writeHead(failure.status, { ...traceHeaders, ...retryAfter, 'Content-Length': 0 });
          res.end();
        } else if (typeof failure.body === 'string') {
          res.writeHead(failure.status, { ...traceHeaders, ...retryAfter, 'Content-Type': 'text/plain' });
          res.end(failure.body);
        } else {
          sendJson(res, failure.status, failure.body, { ...traceHeaders, ...retryAfter });
        }
        return;
      }
      case 'hang':
        logCall(0);
        return; // the response stays open until the client gives up or close() drops it
      case 'reset':
        logCall(0);
        res.socket?.destroy();
        return;
      case 'malformedBody': {
        const status = failure.status ?? 200;
        logCall(status);
        const style = failure.style ?? 'html';
        if (style === 'html') {
          res.writeHead(status, { 'Content-Type': 'text/html' });
          res.end('<html><body><h1>Service temporarily unavailable</h1></body></html>');
        } else if (style === 'truncatedJson') {
          res.writeHead(status, { ...traceHeaders, 'Content-Type': 'application/json; charset=utf-8' });
          res.end('{"isAgreementSig');
        } else {
          res.writeHead(status, { ...traceHeaders, 'Content-Length': 0 });
          res.end();
        }
        return;
      }
    }
  }

  async function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    if (method === 'GET' && (path === '' || path === '/')) {
      sendJson(res, 200, {
        accounts: accounts.map((a) => ({ region: a.region, token: a.token })),
        resellers: [...byMpn.values()].map((r) => ({
          mpnId: r.mpnId,
          tenantId: r.tenantId ?? null,
          name: nameOf(r),
          homeRegion: r.homeRegion,
          signedRegions: r.signedRegions,
          relationships: relationshipsOf(r),
          purpose: r.purpose,
        })),
      });
      return;
    }
    const resellerPath = /^\/resellers\/([^/]+)$/.exec(path);
    if (resellerPath && method === 'PUT') {
      let reseller: EmulatedReseller;
      try {
        reseller = getValidReseller(decodeURIComponent(resellerPath[1]), JSON.parse(await readBody(req)));
      } catch (problem) {
        return sendJson(res, 400, { error: (problem as Error).message });
      }
      putReseller(reseller);
      return sendJson(res, 200, { applied: reseller });
    }
    if (resellerPath && method === 'DELETE') {
      const removed = removeReseller(decodeURIComponent(resellerPath[1]));
      return sendJson(res, removed ? 200 : 404, removed ? { removed: true } : { error: 'no reseller with that MPN ID' });
    }
    if (path === '/calls' && method === 'DELETE') {
      emulator.clearCalls();
      return sendJson(res, 200, { count });
    }
    if (path === '/rate-limit' && method === 'PUT') {
      try {
        rateLimiter = new RateLimiter(getValidRateLimit(JSON.parse(await readBody(req))));
      } catch (problem) {
        return sendJson(res, 400, { error: (problem as Error).message });
      }
      return sendJson(res, 200, { applied: rateLimiter.rule });
    }
    if (path === '/rate-limit' && method === 'DELETE') {
      rateLimiter = undefined;
      return sendJson(res, 200, { lifted: true });
    }
    if (path === '/calls' && method === 'GET') {
      return sendJson(res, 200, {
        count,
        throttled,
        inFlight,
        held: faults.heldCount(),
        calls: keptCalls(),
        relationships: { count: relationshipsCount, calls: relationshipsLog.slice(-callLogLimit) },
        validateResellers: { count: porCount, calls: porLog.slice(-callLogLimit) },
      });
    }
    if (path === '/held/release' && method === 'POST') {
      return sendJson(res, 200, { released: faults.releaseHeld() });
    }
    if (path === '/faults' && method === 'DELETE') {
      faults.clear();
      return sendJson(res, 200, { cleared: true });
    }
    const approval = /^\/device-codes\/([^/]+)\/approve$/.exec(path);
    if (approval && method === 'POST') {
      if (!authority) return sendJson(res, 404, { error: 'the emulator runs without a token authority' });
      try {
        authority.approveDeviceCode(decodeURIComponent(approval[1]));
        return sendJson(res, 200, { approved: true });
      } catch (problem) {
        return sendJson(res, 404, { error: (problem as Error).message });
      }
    }
    const agreement = /^\/resellers\/([^/]+)\/agreement$/.exec(path);
    if (agreement && method === 'PUT') {
      const mpnId = decodeURIComponent(agreement[1]);
      if (!/^\d{1,10}$/.test(mpnId))
        return sendJson(res, 400, { error: `the MPN ID in the path must be digits, got ${JSON.stringify(mpnId)}` });
      let change: AgreementChange;
      try {
        change = parseAgreementChange(await readBody(req));
      } catch (problem) {
        return sendJson(res, 400, { error: (problem as Error).message });
      }
      const changed = setAgreement(mpnId, change);
      if (!changed) return sendJson(res, 404, { error: `no test reseller has MPN ID ${mpnId} (GET ${ADMIN_PREFIX} lists them)` });
      return sendJson(res, 200, { mpnId, homeRegion: changed.homeRegion, signedRegions: changed.signedRegions });
    }
    const target = /^\/faults\/(global|relationships|validateresellers|identifier\/([^/]+))$/.exec(path);
    if (target && method === 'PUT') {
      let rule: FaultRule;
      try {
        rule = getValidFaultRule(JSON.parse(await readBody(req)), { allowHold: options.allowHold });
      } catch (problem) {
        return sendJson(res, 400, { error: (problem as Error).message });
      }
      if (target[2]) faults.setFor(decodeURIComponent(target[2]), rule);
      else if (target[1] === 'relationships') faults.setForRelationships(rule);
      else if (target[1] === 'validateresellers') faults.setForValidateResellers(rule);
      else faults.setGlobal(rule);
      return sendJson(res, 200, { applied: rule });
    }
    sendJson(res, 404, { error: `no admin route ${method} ${ADMIN_PREFIX}${path}` });
  }

  function trackInFlight(res: ServerResponse, handle: () => Promise<void>): Promise<void> {
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    let counted = true;
    const done = () => {
      if (counted) inFlight -= 1;
      counted = false;
    };
    res.once('finish', done);
    res.once('close', done);
    return handle();
  }

  const server = http.createServer((req, res) => {
    // Latency counts from here: the emulator's own work is part of it, as Partner Center's is.
    const arrived = performance.now();
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const work = url.pathname.startsWith(ADMIN_PREFIX)
      ? handleAdmin(req, res, url.pathname.slice(ADMIN_PREFIX.length))
      : req.method === 'GET' && AGREEMENT_STATUS_PATH.test(url.pathname)
        ? trackInFlight(res, () => handleAgreementStatus(req, res, url, arrived))
        : req.method === 'GET' && RELATIONSHIPS_PATH.test(url.pathname)
          ? handleRelationships(req, res, url, arrived)
          : req.method === 'POST' && VALIDATE_RESELLERS_PATH.test(url.pathname)
            ? handleValidateResellers(req, res, arrived)
            : Promise.resolve(sendJson(res, 404, { code: 404, description: 'Resource not found.', data: [], source: 'Emulator' }));
    work.catch(() => {
      if (!res.headersSent) sendJson(res, 500, { code: 500, description: 'Emulator failure.', data: [], source: 'Emulator' });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  baseUrl = `http://${host}:${address.port}`;
  const emulator: Emulator = {
    url: baseUrl,
    port: address.port,
    faults,
    setRateLimit: (rule) => {
      rateLimiter = rule ? new RateLimiter(getValidRateLimit(rule)) : undefined;
    },
    throttledCount: () => throttled,
    authority,
    accounts,
    get resellers() {
      return [...byMpn.values()];
    },
    putReseller,
    removeReseller,
    relationshipsCalls: () => relationshipsLog.slice(-callLogLimit),
    validateResellersCalls: () => porLog.slice(-callLogLimit),
    setAgreement,
    calls: keptCalls,
    callCount: () => count,
    peakInFlight: () => peak,
    clearCalls: () => {
      log = [];
      relationshipsLog = [];
      relationshipsCount = 0;
      porLog = [];
      porCount = 0;
      count = 0;
      throttled = 0;
      peak = inFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        for (const timer of pendingTimers) clearTimeout(timer);
        pendingTimers.clear();
        faults.releaseHeld();
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => authority?.close()),
  };
  return emulator;
}
