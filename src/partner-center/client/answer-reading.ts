import { ResponseTrace, UpstreamErrorBody } from '../outcome/outcome';
import { UpstreamAnswer } from '../outcome/outcome-table';

/** Lower-cased names; a repeated header keeps its first value. */
export type ResponseHeaders = Readonly<Record<string, string>>;

export function traceOf(headers: ResponseHeaders, sent: ResponseTrace): ResponseTrace {
  const cv = headers['ms-cv'];
  const serverId = headers['ms-serverid'];
  return {
    correlationId: headers['ms-correlationid'] || sent.correlationId,
    requestId: headers['ms-requestid'] || sent.requestId,
    ...(cv ? { cv } : {}),
    ...(serverId ? { serverId } : {}),
  };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body.charCodeAt(0) === 0xfeff ? body.slice(1) : body);
  } catch {
    return undefined;
  }
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
    const date = Date.parse(text);
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

/** Bearer credentials and JWTs, as a page that echoes the request (a debug proxy, a wrong host) would show ours. */
const CREDENTIALS = /\bBearer\s+[A-Za-z0-9\-._~+/]+=*|\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/gi;

/**
 * The start of a body, verbatim but for credentials, which are never passed on; undefined when
 * it is empty.
 */
export function bodyExcerptOf(body: string): string | undefined {
  return body.trim() === '' ? undefined : body.slice(0, BODY_EXCERPT_CHARS).replace(CREDENTIALS, '[credential removed]');
}

export function readAnswer(status: number, headers: ResponseHeaders, body: string): UpstreamAnswer {
  const json = body.trim() === '' ? undefined : parseJson(body);
  if (status === 200 && isObject(json) && typeof json.isAgreementSigned === 'boolean') {
    return { type: 'agreement', isAgreementSigned: json.isAgreementSigned };
  }
  const error = readErrorBody(json);
  return {
    type: 'error',
    status,
    error,
    ...(error ? {} : { bodyExcerpt: bodyExcerptOf(body) }),
    // A 429 body is `{statusCode, message}`, not the error body; its message may carry the wait.
    retryAfterSeconds: readRetryAfter(headers['retry-after'] ?? null, json),
  };
}
