import fp from 'fastify-plugin';
import { FastifyRequest } from 'fastify';
import { GatewayErrorCode } from '../../errors/gateway-error-code';
import { GatewayHttpError } from '../error-replies';

export interface QuerySizeLimitOptions {
  /** Required. Longest query text accepted, in UTF-8 bytes (`http.maxQueryBytes`). */
  readonly maxQueryBytes: number;
}

function byteLengthOver(text: string, limit: number): boolean {
  // UTF-8 takes at least one byte and at most three per UTF-16 unit: count only when in doubt.
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  return Buffer.byteLength(text) > limit;
}

/** The query text of a GET or POST, as Apollo will read it. */
function queryTextOf(request: FastifyRequest): unknown {
  if (request.method === 'GET') return (request.query as Record<string, unknown> | undefined)?.query;
  const body = request.body as Record<string, unknown> | undefined;
  return typeof body === 'object' && body !== null ? body.query : undefined;
}

/** A `preHandler` hook, once the body is parsed: a query text over the limit is 413 `QUERY_TOO_LARGE`. */
export const querySizeLimit = fp<QuerySizeLimitOptions>(
  (edge, options, ready) => {
    const tooLarge = () =>
      new GatewayHttpError(413, GatewayErrorCode.QUERY_TOO_LARGE, `The query text is larger than ${options.maxQueryBytes} bytes.`);
    edge.addHook('preHandler', (request, _reply, done) => {
      const query = queryTextOf(request);
      if (typeof query === 'string' && byteLengthOver(query, options.maxQueryBytes)) return done(tooLarge());
      done();
    });
    ready();
  },
  { name: 'mpa-query-size-limit' },
);
