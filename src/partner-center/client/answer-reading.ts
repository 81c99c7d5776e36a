import { ResponseTrace, UpstreamErrorBody } from '../outcome/outcome';
import { UpstreamAnswer } from '../outcome/outcome-table';
import { normaliseGuid, normaliseMpnId } from '../reseller-identifier';
import { cspRegionNamed } from '../csp-region';
import { readJsonBody } from './json-body';

/** Lower-cased names; a repeated header keeps its first value. */
export type ResponseHeaders = Readonly<Record<string, string>>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** What an MS-CV or MS-ServerId looks like; anything else (a page, a long or odd value) is not passed on. */
const SUPPORT_ID = /^[\w.:+/=-]{1,128}$/;
const guidOrUndefined = (value: string | undefined) => (value !== undefined && GUID.test(value.trim()) ? value.trim() : undefined);
const supportIdOrUndefined = (value: string | undefined) =>
  value !== undefined && SUPPORT_ID.test(value.trim()) ? value.trim() : undefined;

/**
 * The support identifiers of an answer, as Partner Center echoed them; ours where it sent none
 * or something that is not a GUID. Clients see them: only well-formed values are kept.
 */
export function traceOf(headers: ResponseHeaders, sent: ResponseTrace): ResponseTrace {
  const cv = supportIdOrUndefined(headers['ms-cv']);
  const serverId = supportIdOrUndefined(headers['ms-serverid']);
  return {
    correlationId: guidOrUndefined(headers['ms-correlationid']) ?? sent.correlationId,
    requestId: guidOrUndefined(headers['ms-requestid']) ?? sent.requestId,
    ...(cv ? { cv } : {}),
    ...(serverId ? { serverId } : {}),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The documented error body, or undefined when the body is something else. */
export function readErrorBody(json: unknown): UpstreamErrorBody | undefined {
  if (!isObject(json)) return undefined;
  const code = json.code ?? json.Code;
  const description = json.description ?? json.Description;
  if ((typeof code !== 'number' && typeof code !== 'string') || typeof description !== 'string') return undefined;
  const data = json.data ?? json.Data;
  const source = json.source ?? json.Source;
  return {
    code,
    description,
    data: Array.isArray(data) ? data.filter((item): item is string => typeof item === 'string') : [],
    source: typeof source === 'string' ? source : undefined,
  };
}

/**
 * Longest wait a Retry-After is honoured for, in seconds. Partner Center asks for about a
 * minute; a header asking for hours or days (a broken proxy, a clock far off) would otherwise
 * stop every call of the account, and through the shared budget every process, for that long.
 */
export const MAX_RETRY_AFTER_SECONDS = 300;

/**
 * Seconds to wait from `Retry-After` (seconds or an HTTP date), else from the 429 body's
 * "Try again in N seconds." message; at most `MAX_RETRY_AFTER_SECONDS`.
 */
export function readRetryAfter(header: string | null, json: unknown, now = Date.now()): number | undefined {
  const seconds = askedRetryAfter(header, json, now);
  return seconds === undefined ? undefined : Math.min(seconds, MAX_RETRY_AFTER_SECONDS);
}

function askedRetryAfter(header: string | null, json: unknown, now: number): number | undefined {
  if (header !== null) {
    const text = header.trim();
    if (/^\d+$/.test(text)) return Number(text);
    // An HTTP date names its day and month; V8 would also read "-5" or "1.5" as a date.
    const date = /[a-z]{3}/i.test(text) ? Date.parse(text) : NaN;
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - now) / 1000));
  }
  if (isObject(json) && typeof json.message === 'string') {
    const match = /try again in (\d+) seconds?/i.exec(json.message);
    if (match) return Number(match[1]);
  }
  return undefined;
}

/** Characters of a body kept with an answer of an unknown shape: enough to recognise a proxy page or a wrong host. */
export const BODY_EXCERPT_CHARS = 500;

/** What stands where a credential was. */
export const CREDENTIAL_REMOVED = '[credential removed]';

/** Bearer credentials and JWTs, as a page that echoes the request (a debug proxy, a wrong host) would show ours. */
const CREDENTIALS = /\bBearer\s+(?:\[credential removed\]|[A-Za-z0-9\-._~+/]+=*)|\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/gi;

/**
 * The start of a body, verbatim but for credentials, which are never passed on; undefined when
 * it is empty.
 */
export function bodyExcerptOf(body: string): string | undefined {
  return body.trim() === '' ? undefined : body.slice(0, BODY_EXCERPT_CHARS).replace(CREDENTIALS, CREDENTIAL_REMOVED);
}

/** A property in any letter case (a body naming one twice is never read, see `parseJsonBody`). */
function anyCase(object: Record<string, unknown>, name: string): unknown {
  const lower = name.toLowerCase();
  const key = Object.keys(object).find((candidate) => candidate.toLowerCase() === lower);
  return key === undefined ? undefined : object[key];
}

/** Properties that say a call failed; beside a verdict they contradict it. */
const ERROR_PROPERTIES = ['code', 'errorCode', 'error', 'errors'];

/** Whether a property says something: not absent, null, empty, or a zero that means "no error". */
function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === 0 || value === '0') return false;
  return !(Array.isArray(value) && value.length === 0);
}

/** The asked identifier in its canonical form, for comparing with one a body names. */
function canonical(kind: 'mpnid' | 'tenantid', value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  return kind === 'mpnid' ? normaliseMpnId(text) : normaliseGuid(text);
}

/** What a question was: its query (`{mpnId}` or `{tenantId}`), and the CSP region of the account that asked. */
export interface AskedQuestion {
  readonly query: Readonly<Record<string, string>>;
  readonly region?: string;
}

/**
 * Whether a verdict comes with something that contradicts it: an error code beside it, an MPN
 * ID or tenant ID other than the one asked about (a proxy's cache mixing answers up), or a CSP
 * region, in words this gateway knows, other than the asking account's.
 */
function contradictsVerdict(json: Record<string, unknown>, { query: asked, region }: AskedQuestion): boolean {
  if (ERROR_PROPERTIES.some((name) => isSet(anyCase(json, name)))) return true;
  const named = anyCase(json, 'region') ?? anyCase(json, 'cspRegion');
  const namedRegion = typeof named === 'string' ? cspRegionNamed(named) : undefined;
  if (region !== undefined && namedRegion !== undefined && namedRegion !== region) return true;
  for (const kind of ['mpnid', 'tenantid'] as const) {
    const named = anyCase(json, kind);
    const askedValue = anyCase(asked, kind);
    if (named === undefined || named === null || askedValue === undefined) continue;
    const mine = canonical(kind, askedValue);
    if (mine === undefined || canonical(kind, named) !== mine) return true;
  }
  return false;
}

const isSuccess = (status: number) => status >= 200 && status <= 299;

/**
 * Reads one agreementstatus answer. `asked` is the question sent: a 200 verdict about another
 * reseller or region is not taken as this one's. A 2xx whose JSON is anything but a clean
 * verdict with a 200 is a definite answer of an unexpected shape, not a failure to answer.
 */
export function readAnswer(status: number, headers: ResponseHeaders, body: string, asked: AskedQuestion = { query: {} }): UpstreamAnswer {
  const reading = readJsonBody(body);
  const json = reading.kind === 'json' ? reading.value : undefined;
  const error = readErrorBody(json);
  if (isSuccess(status) && reading.kind !== 'notJson') {
    const verdict = isObject(json) ? anyCase(json, 'isAgreementSigned') : undefined;
    if (status === 200 && isObject(json) && typeof verdict === 'boolean' && !contradictsVerdict(json, asked)) {
      return { type: 'agreement', isAgreementSigned: verdict };
    }
    return { type: 'unexpected', status, error, ...(error ? {} : { bodyExcerpt: bodyExcerptOf(body) }) };
  }
  return {
    type: 'error',
    status,
    error,
    ...(error ? {} : { bodyExcerpt: bodyExcerptOf(body) }),
    // A 429 body is `{statusCode, message}`, not the error body; its message may carry the wait.
    retryAfterSeconds: readRetryAfter(headers['retry-after'] ?? null, json),
  };
}

/**
 * What a 2xx that is not the call's documented answer with a 200 is: JSON of an unexpected
 * shape or status (a definite answer, kept verbatim), or, when it is not JSON at all (a page, a
 * cut-off body), undefined: Partner Center could not answer.
 */
export function unexpectedSuccess(status: number, body: string): UpstreamAnswer | undefined {
  if (!isSuccess(status)) return undefined;
  const reading = readJsonBody(body);
  if (reading.kind === 'notJson') return undefined;
  const error = readErrorBody(reading.kind === 'json' ? reading.value : undefined);
  return { type: 'unexpected', status, error, ...(error ? {} : { bodyExcerpt: bodyExcerptOf(body) }) };
}
