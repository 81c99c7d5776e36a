import { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayErrorCode } from '../errors/gateway-error-code';

/** A refusal at the HTTP edge, answered with its status and code in GraphQL's error shape. */
export class GatewayHttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: GatewayErrorCode,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** The body of every refusal the edge answers itself: the shape GraphQL clients already read. */
export function errorBody(message: string, code: GatewayErrorCode, extra: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { code, ...extra } }] };
}

/** What a request refused by Fastify or one of its plugins is answered. */
function refusalFor(error: FastifyError, bodyLimit: number): GatewayHttpError | undefined {
  if (error instanceof GatewayHttpError) return error;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new GatewayHttpError(413, GatewayErrorCode.PAYLOAD_TOO_LARGE, `The request body is larger than ${bodyLimit} bytes.`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return error.statusCode === 415
        ? new GatewayHttpError(415, GatewayErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Send GraphQL requests as application/json.')
        : new GatewayHttpError(400, GatewayErrorCode.BAD_REQUEST, 'The request body does not match its Content-Length.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new GatewayHttpError(400, GatewayErrorCode.BAD_REQUEST, 'The request body is not valid JSON.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new GatewayHttpError(400, GatewayErrorCode.BAD_REQUEST, 'The request body is empty; send {"query": "..."}.');
    default:
      break;
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new GatewayHttpError(error.statusCode, GatewayErrorCode.BAD_REQUEST, 'The request cannot be read.');
  }
  return undefined;
}

/**
 * Fastify's error handler for the whole server: a refusal gets its status and a stable code;
 * anything else is logged with the request id and answered 500 `INTERNAL_SERVER_ERROR` with
 * that id and nothing more.
 */
export function createErrorHandler(bodyLimit: number) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const refusal = refusalFor(error, bodyLimit);
    if (refusal) {
      return reply.code(refusal.statusCode).headers(refusal.headers).send(errorBody(refusal.message, refusal.code));
    }
    request.log.error({ err: error, path: request.url }, 'unexpected error while serving a request');
    return reply
      .code(500)
      .send(
        errorBody('Unexpected error. Quote the requestId to support.', GatewayErrorCode.INTERNAL_SERVER_ERROR, { requestId: request.id }),
      );
  };
}
