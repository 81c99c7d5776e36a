import { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { Socket } from 'node:net';
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

/** What a request Node's HTTP parser refused is answered: its status, code and message. */
function connectionRefusalFor(error: Error & { code?: string }): GatewayHttpError {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new GatewayHttpError(408, GatewayErrorCode.REQUEST_TIMEOUT, 'The request did not arrive in time.');
    case 'HPE_HEADER_OVERFLOW':
      return new GatewayHttpError(431, GatewayErrorCode.REQUEST_HEADERS_TOO_LARGE, 'The request line and headers are larger than 16 KB.');
    default:
      return new GatewayHttpError(400, GatewayErrorCode.BAD_REQUEST, 'The request is not valid HTTP/1.1.');
  }
}

/**
 * Fastify's `clientErrorHandler`: a request Node's parser refused before Fastify saw it (a
 * header with a CR or NUL, a broken chunk, Content-Length beside chunked, headers over the
 * limit, a client too slow) is answered in the gateway's error shape, then the connection is
 * closed, as Node does. Nothing of the request is echoed.
 */
export function answerConnectionError(error: Error & { code?: string }, socket: Socket): void {
  // A reset connection has nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const refusal = connectionRefusalFor(error);
  const body = JSON.stringify(errorBody(refusal.message, refusal.code));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${refusal.statusCode} ${STATUS_CODES[refusal.statusCode]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/**
 * Fastify's `frameworkErrors`: a request its router could not take (a path with a broken
 * percent-escape) is 400 `BAD_REQUEST` without echoing the path; anything else goes to the
 * server's error handler.
 */
export function createFrameworkErrorHandler(errorHandler: ReturnType<typeof createErrorHandler>) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    void reply.header('x-request-id', request.id);
    if (error.code === 'FST_ERR_BAD_URL') {
      void reply.code(400).send(errorBody('The request path is not a valid URL path.', GatewayErrorCode.BAD_REQUEST));
      return;
    }
    void errorHandler(error, request, reply);
  };
}
