import fp from 'fastify-plugin';
import { FastifyError, FastifyRequest } from 'fastify';
import { GatewayErrorCode } from '../../errors/gateway-error-code';
import { GatewayHttpError } from '../error-replies';

declare module 'fastify' {
  interface FastifyRequest {
    /** A JSON body exactly as received, as text; null for any other request (a GET). */
    rawBody: string | null;
  }
}

/** Whether text is JSON that only the prototype-poisoning check refused. */
function isPlainJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * A JSON body is read as text (`request.rawBody`), never refused here: the response
 * micro-cache is keyed by the exact text, and a repeat needs no parsing at all.
 */
export const jsonBodyAsText = fp(
  (edge, _options, ready) => {
    edge.decorateRequest('rawBody', null);
    edge.removeContentTypeParser('application/json');
    edge.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      request.rawBody = typeof body === 'string' ? body : body.toString('utf8');
      done(null, undefined);
    });
    ready();
  },
  { name: 'mpa-json-body-as-text' },
);

/**
 * A `preHandler` hook that parses the text `jsonBodyAsText` kept into `request.body`, wherever
 * it sits on the request's path (after the micro-cache had its look). Parsing is Fastify's
 * own (prototype-poisoning checks included); a body refused only for a forbidden key is 400
 * `BAD_REQUEST`.
 */
export const jsonBodyParsing = fp(
  (edge, _options, ready) => {
    const parseJson = edge.getDefaultJsonParser('error', 'error');
    const parsedBody = (request: FastifyRequest, text: string): unknown => {
      // Fastify's default parser calls back at once, before it returns.
      const result: { parsed?: unknown; failure: FastifyError | null } = { failure: null };
      void parseJson(request, text, (error, value) => {
        result.failure = error as FastifyError | null;
        result.parsed = value;
      });
      const { parsed, failure } = result;
      if (failure === null) return parsed;
      if (failure.code === 'FST_ERR_CTP_INVALID_JSON_BODY' && isPlainJson(text)) {
        throw new GatewayHttpError(
          400,
          GatewayErrorCode.BAD_REQUEST,
          'The request body holds a forbidden key (__proto__ or constructor.prototype).',
        );
      }
      throw failure;
    };
    edge.addHook('preHandler', (request, _reply, done) => {
      if (request.rawBody === null) return done();
      try {
        request.body = parsedBody(request, request.rawBody);
      } catch (error) {
        return done(error as FastifyError);
      }
      done();
    });
    ready();
  },
  { name: 'mpa-json-body-parsing', decorators: { request: ['rawBody'] } },
);
