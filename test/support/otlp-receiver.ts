import http from 'node:http';
import { AddressInfo } from 'node:net';

/** A span as an OTLP/HTTP JSON export carries it. */
export interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Array<{ key: string; value: Record<string, unknown> }>;
  events?: Array<{ name: string; attributes?: Array<{ key: string; value: Record<string, unknown> }> }>;
}

/** An OTLP/HTTP receiver: keeps every span of every JSON export, and tells when one matches. */
export function startReceiver(): Promise<{
  url: string;
  spans: ExportedSpan[];
  bodies: string[];
  spanWhere(test: (span: ExportedSpan) => boolean): Promise<ExportedSpan>;
  close(): Promise<void>;
}> {
  const spans: ExportedSpan[] = [];
  const bodies: string[] = [];
  const waiting: Array<{ test: (span: ExportedSpan) => boolean; resolve: (span: ExportedSpan) => void }> = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      bodies.push(body);
      const parsed = JSON.parse(body) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: ExportedSpan[] }> }> };
      for (const resource of parsed.resourceSpans) for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      for (const wait of [...waiting]) {
        const found = spans.find(wait.test);
        if (found) {
          waiting.splice(waiting.indexOf(wait), 1);
          wait.resolve(found);
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`,
        spans,
        bodies,
        spanWhere: (test) => {
          const found = spans.find(test);
          return found ? Promise.resolve(found) : new Promise((done) => waiting.push({ test, resolve: done }));
        },
        close: () => new Promise((done) => server.close(() => done())),
      }),
    ),
  );
}
