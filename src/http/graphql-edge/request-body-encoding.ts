import fp from 'fastify-plugin';
import { FastifyRequest } from 'fastify';
import { GatewayErrorCode } from '../../errors/gateway-error-code';
import { GatewayHttpError } from '../error-replies';

/** The charset a JSON content type names, if any: `application/json; charset="utf-8"` names `utf-8`. */
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)/i;

/** Why a POST body cannot be read as it is sent; undefined when it can. */
function unreadableBody(request: FastifyRequest): string | undefined {
  const coding = request.headers['content-encoding'];
  if (coding !== undefined && coding.trim().toLowerCase() !== 'identity') {
    return 'The request body must not be compressed or otherwise encoded (Content-Encoding); send it as plain UTF-8 JSON.';
  }
  const charset = CHARSET.exec(request.headers['content-type'] ?? '')?.[1].toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return 'Send the request body as UTF-8 JSON (charset=utf-8, or no charset).';
  }
  return undefined;
}

/**
 * A `preParsing` hook, before the body is read: a POST body under a content coding (gzip,
 * deflate, br, anything but `identity`) or in a charset other than UTF-8 is 415
 * `UNSUPPORTED_MEDIA_TYPE`. The gateway reads bodies as UTF-8 text and decodes nothing, so such
 * a body would otherwise be read as something other than what was sent (or as what a proxy
 * in front decoded differently), and never reaches the micro-cache's key.
 */
export const requestBodyEncoding = fp(
  (edge, _options, ready) => {
    edge.addHook('preParsing', (request, _reply, payload, done) => {
      const problem = request.method === 'POST' ? unreadableBody(request) : undefined;
      if (problem) return done(new GatewayHttpError(415, GatewayErrorCode.UNSUPPORTED_MEDIA_TYPE, problem));
      done(null, payload);
    });
    ready();
  },
  { name: 'mpa-request-body-encoding' },
);
