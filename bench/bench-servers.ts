/**
 * Servers measured by `npm run bench`, each in its own process so the load generator does
 * not share their event loop: `gateway` (production settings against the emulator),
 * `apollo` (stock Apollo Server 5, hard-coded resolver), `apollo-fastify` (the same Apollo
 * Server on Fastify 5 through `@as-integrations/fastify`, as the gateway serves it), `bare` (node:http, fixed bytes),
 * `otlp-receiver` (takes OTLP/HTTP JSON exports and counts their spans at `GET /count`).
 */
// First, as in the gateway's entry point: with MPA_TRACING_ENDPOINT set (the tracing section) the
// instrumentations must load before fastify, undici, ioredis and pino; without it nothing loads.
import '../src/observability/tracing-bootstrap';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify from 'fastify';
import { parseGatewayConfig } from '../src/config/gateway-config';
import { TEST_RESELLERS, sandboxToken } from '../src/emulator/partner-center/emulated-world';
import { startEmulator } from '../src/emulator/partner-center/emulator-server';
import { createGateway } from '../src/compose/gateway';
import { createGatewayLogger } from '../src/observability/gateway-logger';

/** The bench's one API key stands for every order form it simulates: its per-client budgets are the whole account's. */
const BENCH_CLIENT_BUDGETS = { upstreamCallsPerClientPerMinute: 1_000_000_000, rechecksPerClientPerMinute: 1_000_000_000 };

const STOCK_SDL = `
  enum CspRegion { UNITED_STATES }
  input MpaOrderLineInput { mpnId: ID, tenantId: ID, region: CspRegion! }
  interface MpaStatusOutcome { message: String! }
  type MpaSigned implements MpaStatusOutcome { message: String! }
  union MpaStatus = MpaSigned
  type OrderEligibility { canSubmit: Boolean! verified: Boolean! retryable: Boolean! mpaStatus: MpaStatus! }
  type Query { orderEligibility(order: MpaOrderLineInput!): OrderEligibility! }
`;

/** Limits that fix the upstream concurrency at `n` (min, start and max equal), or none. */
const fixedLimit = (n?: number) =>
  n === undefined ? {} : { upstreamConcurrency: n, upstreamConcurrencyMin: n, upstreamConcurrencyMax: n };

async function main(): Promise<void> {
  const [mode, arg] = process.argv.slice(2);
  if (mode === 'emulator') {
    // Its own process, as Partner Center is another machine: its work does not slow the gateway.
    const options = JSON.parse(arg ?? '{}') as {
      latencyMs: number;
      callLogLimit?: number;
      relationshipsPageSize?: number;
      listedResellers?: number;
    };
    // Signed United States resellers with an active relationship, beyond the test identifiers (the relationships section).
    const listed = Array.from({ length: options.listedResellers ?? 0 }, (_, i) => ({
      mpnId: String(7_000_000 + i),
      tenantId: `70000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      name: `Bench Reseller ${i}`,
      homeRegion: 'UNITED_STATES' as const,
      signedRegions: ['UNITED_STATES' as const],
      purpose: 'bench',
    }));
    const emulator = await startEmulator({
      latencyMs: options.latencyMs,
      callLogLimit: options.callLogLimit ?? 100,
      resellers: [...TEST_RESELLERS, ...listed],
      ...(options.relationshipsPageSize ? { relationshipsPageSize: options.relationshipsPageSize } : {}),
    });
    process.once('SIGTERM', () => void emulator.close().then(() => process.exit(0)));
    process.stdout.write(`READY ${JSON.stringify({ url: emulator.url })}\n`);
    return;
  }
  if (mode === 'gateway') {
    const options = JSON.parse(arg ?? '{}') as {
      emulatorUrl: string;
      apiKeySha256: string;
      concurrency?: number;
      responseCacheMs?: number;
      maxQueryBytes?: number;
      /** The shipped defaults for limits, cache and resilience (the stress section). */
      defaults?: boolean;
      /** Default none. A Redis shared with other replicas and the audit (the budget section). */
      redisUrl?: string;
      /** With `defaults`: the upstream concurrency limit fixed at this instead of adaptive (the full-speed section's control). */
      fixedConcurrency?: number;
      /** Default the shipped ones. What each check does to canSubmit (the relationships section). */
      checks?: {
        agreement?: 'enforce' | 'reportOnly' | 'off';
        relationship?: 'enforce' | 'reportOnly' | 'off';
        partnerOfRecord?: 'enforce' | 'reportOnly' | 'off';
      };
    };
    const emulator = { url: options.emulatorUrl };
    const gateway = await createGateway({
      config: parseGatewayConfig({
        port: 0,
        partnerCenter: { baseUrl: emulator.url },
        accounts: [{ region: 'UNITED_STATES', staticToken: sandboxToken('UNITED_STATES') }],
        clientAuth: { apiKeys: [{ name: 'bench', sha256: options.apiKeySha256 }] },
        ...(options.checks ? { checks: options.checks } : {}),
        http: {
          requestsPerMinute: 100_000_000,
          ...(options.defaults ? {} : { responseCacheMs: options.responseCacheMs ?? 1_000 }),
          ...(options.maxQueryBytes === undefined ? {} : { maxQueryBytes: options.maxQueryBytes }),
        },
        ...(options.redisUrl ? { cache: { redisUrl: options.redisUrl } } : {}),
        ...(options.defaults
          ? { limits: { ...BENCH_CLIENT_BUDGETS, ...fixedLimit(options.fixedConcurrency) } }
          : {
              limits: {
                ...BENCH_CLIENT_BUDGETS,
                maxResellersPerQuery: 1_000,
                upstreamConcurrency: options.concurrency,
                upstreamConcurrencyMin: options.concurrency,
                upstreamConcurrencyMax: options.concurrency,
              },
              cache: { maxEntries: 100_000 },
            }),
      }),
      // Warn unless told (BENCH_LOG_LEVEL): no line per request, as stock Apollo writes none.
      logger: createGatewayLogger({ level: process.env.BENCH_LOG_LEVEL ?? 'warn' }),
    });
    const { url, operatorUrl } = await gateway.listen();
    process.once('SIGTERM', () => {
      void gateway.stop().then(() => process.exit(0));
    });
    process.stdout.write(`READY ${JSON.stringify({ url, operatorUrl })}\n`);
    return;
  }
  if (mode === 'apollo') {
    const body = JSON.parse(process.env.BENCH_BODY ?? '{}') as { data: { orderEligibility: Record<string, unknown> } };
    const server = new ApolloServer({ typeDefs: STOCK_SDL, resolvers: { Query: { orderEligibility: () => body.data.orderEligibility } } });
    const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
    process.stdout.write(`READY ${JSON.stringify({ url: url.replace(/\/$/, '') })}\n`);
    return;
  }
  if (mode === 'apollo-fastify') {
    const body = JSON.parse(process.env.BENCH_BODY ?? '{}') as { data: { orderEligibility: Record<string, unknown> } };
    const app = Fastify();
    const server = new ApolloServer({
      typeDefs: STOCK_SDL,
      resolvers: { Query: { orderEligibility: () => body.data.orderEligibility } },
      plugins: [fastifyApolloDrainPlugin(app)],
    });
    await server.start();
    await app.register(fastifyApollo(server), { path: '/graphql' });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    process.stdout.write(`READY ${JSON.stringify({ url })}\n`);
    return;
  }
  if (mode === 'bare') {
    const bytes = Buffer.from(process.env.BENCH_BODY ?? '{}');
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': bytes.length });
        res.end(bytes);
      });
    });
    server.listen(0, '127.0.0.1', () => {
      process.stdout.write(`READY ${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`);
    });
    return;
  }
  if (mode === 'otlp-receiver') {
    let spans = 0;
    const server = http.createServer((req, res) => {
      if (req.method === 'GET') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ spans }));
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        try {
          const parsed = JSON.parse(body) as { resourceSpans?: Array<{ scopeSpans?: Array<{ spans?: unknown[] }> }> };
          for (const resource of parsed.resourceSpans ?? [])
            for (const scope of resource.scopeSpans ?? []) spans += scope.spans?.length ?? 0;
        } catch {
          // not JSON: counted as nothing
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    server.listen(0, '127.0.0.1', () => {
      process.stdout.write(`READY ${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`);
    });
    return;
  }
  throw new Error(`unknown mode ${mode}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
