import fp from 'fastify-plugin';
import { FastifyReply, FastifyRequest } from 'fastify';
import { scopesKey } from '../../client-access/client-scope';
import type { DecisionLog } from '../../observability/decision-log';
import { KeptDecisions, keepingDecisions } from '../../observability/kept-decisions';
import { MicroCacheRequest, ResponseMicroCache } from '../response-micro-cache';
import { clientKeyOf } from './client-authentication';

declare module 'fastify' {
  interface FastifyRequest {
    /** This request's place in the response micro-cache; null when its response is never kept (not a JSON POST, cache off). */
    microCacheEntry: MicroCacheEntry | null;
  }
}

/** A request the micro-cache may answer, or keep the response of. */
export interface MicroCacheEntry {
  readonly key: string;
  /** The cache's generation when the request arrived: an invalidation since then keeps its response out. */
  readonly startedIn: number;
  /** Whether the cache answered it (its response is not kept again). */
  readonly hit: boolean;
  /** The decision log for this request's operation, keeping its records for the kept response; none on a hit or with the log off. */
  readonly decisions?: KeptDecisions;
}

export interface ResponseMicroCacheHooksOptions {
  /** Required. The replica's micro-cache (`http.responseCacheMs`). */
  readonly microCache: ResponseMicroCache;
  /** Required. Whether the response just built for this request may be served again (the response-reuse rule). */
  readonly mayKeep: (request: FastifyRequest) => boolean;
  /** Default none (`decisionLog.destination: off`). Told again about each order line a kept response answers, whenever it is served again. */
  readonly decisionLog?: DecisionLog;
}

/** A router's request for a federated trace (ftv1) of this execution. */
const TRACE_REQUEST_HEADER = 'apollo-federation-include-trace';

/**
 * Whether a finished body holds nothing but `data`: anything else at the top (a trace, or any
 * plugin's per-execution `extensions`) describes that one execution and is never kept.
 */
function holdsDataAlone(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as unknown;
    return typeof parsed === 'object' && parsed !== null && Object.keys(parsed).every((name) => name === 'data');
  } catch {
    return false;
  }
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * The micro-cache's key, in one place: everything of a request that can change its response.
 * The body as received holds the query, the variables, the operation name and extensions;
 * `Accept` picks the media type and `Accept-Language` the language of messages; the scopes
 * decide which fields a caller may see. The client's own identity is not part of it: two
 * clients with the same scopes get the same answer, and what differs per client (a spent
 * budget, a refusal) is an error, never kept. Only JSON POSTs have a key, and not those of a
 * router asking for a federated trace (`apollo-federation-include-trace`): its trace is of
 * that one execution, never to be served to anyone else, nor replaced by a response without one.
 */
export function microCacheKeyOf(request: FastifyRequest): MicroCacheRequest | undefined {
  if (request.rawBody === null || request.headers[TRACE_REQUEST_HEADER] !== undefined) return undefined;
  return {
    method: request.method,
    contentType: request.headers['content-type'],
    body: request.rawBody,
    accept: headerText(request.headers.accept),
    acceptLanguage: headerText(request.headers['accept-language']),
    scopes: request.gatewayClient ? scopesKey(request.gatewayClient.scopes) : '',
  };
}

/** Response headers of a finished exchange that belong to the request, not the response. */
const PER_REQUEST_HEADERS = new Set(['x-request-id', 'content-length', 'connection', 'keep-alive', 'date', 'retry-after']);

function kept(reply: FastifyReply, body: string, entry: MicroCacheEntry) {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (!PER_REQUEST_HEADERS.has(name) && value !== undefined) headers[name] = String(value);
  }
  return { status: reply.statusCode, headers, body, keptAt: Date.now(), decisions: entry.decisions?.kept() };
}

/**
 * The response micro-cache in front of Apollo's pipeline, as two hooks: a `preHandler` that
 * answers a repeated request from the cache before its body is even parsed, and an `onSend`
 * that keeps a finished response when the response-reuse rule allows it. With the decision
 * log on, a kept response carries the records of the order lines it answers, and each client
 * it is served to again gets those records under its own name, request and trace.
 */
export const responseMicroCacheHooks = fp<ResponseMicroCacheHooksOptions>(
  (edge, options, ready) => {
    const { microCache, decisionLog } = options;
    edge.decorateRequest('microCacheEntry', null);
    // Callback style: a hit is sent at once, without a promise.
    edge.addHook('preHandler', (request, reply, done) => {
      const parts = microCacheKeyOf(request);
      const key = parts && microCache.keyFor(parts);
      if (key === undefined) return done();
      const startedIn = microCache.generation();
      const hit = microCache.get(key);
      if (!hit) {
        request.microCacheEntry = { key, startedIn, hit: false, decisions: decisionLog && keepingDecisions(decisionLog) };
        return done();
      }
      request.microCacheEntry = { key, startedIn, hit: true };
      if (decisionLog && hit.decisions?.length) {
        decisionLog.servedAgain(hit.decisions, {
          client: clientKeyOf(request),
          requestId: request.id,
          ageMs: Date.now() - (hit.keptAt ?? Date.now()),
        });
      }
      void reply.code(hit.status).headers(hit.headers).send(hit.body);
    });
    edge.addHook('onSend', (request, reply, payload, done) => {
      const entry = request.microCacheEntry;
      if (entry && !entry.hit && typeof payload === 'string' && options.mayKeep(request) && holdsDataAlone(payload)) {
        microCache.set(entry.key, entry.startedIn, kept(reply, payload, entry));
      }
      done(null, payload);
    });
    ready();
  },
  { name: 'mpa-response-micro-cache', decorators: { request: ['gatewayClient'] } },
);
