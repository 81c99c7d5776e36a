import { ApolloServer, BaseContext, HeaderMap } from '@apollo/server';
import { IncomingMessage, ServerResponse } from 'node:http';
import { ResponseMicroCache } from './response-micro-cache';

export interface GraphQLHttpHandlerOptions<TContext extends BaseContext> {
  readonly apollo: ApolloServer<TContext>;
  /** Builds the operation's context from the request and its id. */
  readonly context: (req: IncomingMessage, requestId: string) => Promise<TContext>;
  /** Default `1_048_576`. Largest request body accepted, in bytes. */
  readonly maxBodyBytes?: number;
  /** Default none. Reuses finished responses for identical requests. */
  readonly microCache?: ResponseMicroCache;
  /** Whether the response of an operation with this context may be reused. */
  readonly cacheable?: (context: TContext) => boolean;
}

class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyError(413, `Request body is larger than ${limit} bytes.`));
      req.resume();
      return;
    }
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyError(413, `Request body is larger than ${limit} bytes.`));
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * Serves GraphQL over node:http through Apollo Server's own request pipeline (CSRF
 * prevention, content negotiation, GET and POST), without a web framework.
 */
export function createGraphQLHttpHandler<TContext extends BaseContext>(
  options: GraphQLHttpHandlerOptions<TContext>,
): (req: IncomingMessage, res: ServerResponse, search: string, requestId: string) => Promise<void> {
  const maxBodyBytes = options.maxBodyBytes ?? 1_048_576;
  return async (req, res, search, requestId) => {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown;
    let cacheKey: string | undefined;
    if (req.method === 'POST') {
      let text: string;
      try {
        text = await readBody(req, maxBodyBytes);
      } catch (error) {
        if (error instanceof BodyError) return sendError(res, error.status, 'PAYLOAD_TOO_LARGE', error.message);
        throw error;
      }
      const contentType = headers.get('content-type') ?? '';
      // Only a JSON body can have passed CSRF prevention, so only those are reused.
      if (/^application\/json/i.test(contentType)) {
        cacheKey = options.microCache?.keyFor(req.method, text, headers.get('accept-language'));
        const cached = options.microCache?.get(cacheKey);
        if (cached) {
          res.writeHead(cached.status, cached.headers);
          res.end(cached.body);
          return;
        }
      }
      if (/^application\/(graphql-response\+)?json\b/i.test(contentType) || /^application\/json/i.test(contentType)) {
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch {
          return sendError(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON.');
        }
      } else {
        body = text; // Apollo answers with its own message about the content type
      }
    }
    let context: TContext | undefined;
    const response = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search, body },
      context: async () => (context = await options.context(req, requestId)),
    });
    const outHeaders: Record<string, string> = {};
    for (const [name, value] of response.headers) outHeaders[name] = value;
    if (response.body.kind === 'complete') {
      outHeaders['content-length'] = String(Buffer.byteLength(response.body.string));
      res.writeHead(response.status ?? 200, outHeaders);
      res.end(response.body.string);
      if (cacheKey !== undefined && context !== undefined && options.cacheable?.(context)) {
        options.microCache?.set(cacheKey, { status: response.status ?? 200, headers: outHeaders, body: response.body.string });
      }
      return;
    }
    res.writeHead(response.status ?? 200, outHeaders);
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
