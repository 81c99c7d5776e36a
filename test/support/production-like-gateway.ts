import { createHash } from 'node:crypto';
import fetch, { Response } from 'node-fetch';
import { Logger } from 'pino';
import { GatewayConfigInput, parseGatewayConfig } from '../../src/config/gateway-config';
import { sandboxToken } from '../../src/emulator/partner-center/emulated-world';
import { Emulator, startEmulator } from '../../src/emulator/partner-center/emulator-server';
import { Gateway, createGateway } from '../../src/compose/gateway';
import { createGatewayLogger } from '../../src/observability/gateway-logger';

/** The API key every production-like gateway accepts. */
export const TEST_API_KEY = 'checkout-service-key-4f1c2a9e';

export interface ProductionLikeGateway {
  readonly gateway: Gateway;
  readonly emulator: Emulator;
  /** `http://127.0.0.1:<port>/graphql` */
  readonly url: string;
  /** `http://127.0.0.1:<operator port>`: `/metrics` and the detailed `/readyz`. */
  readonly operatorUrl: string;
  /** POSTs a JSON body (a string is sent as it is) with the API key, unless headers override it. */
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

export interface ProductionLikeOptions {
  /** Merged over the production-like configuration (API-key auth, no sandbox, introspection off). */
  readonly config?: GatewayConfigInput;
  /** Default silent. */
  readonly logger?: Logger;
  /** Default a new emulator, closed by `stop()`. */
  readonly emulator?: Emulator;
}

/**
 * A gateway as deployed, over real HTTP on 127.0.0.1: not sandbox mode (introspection,
 * explorer and suggestions off), API-key authentication, one UNITED_STATES account on an
 * emulator, nothing reused across operations unless the test turns it on.
 */
export async function startProductionLikeGateway(options: ProductionLikeOptions = {}): Promise<ProductionLikeGateway> {
  const emulator = options.emulator ?? (await startEmulator());
  const extra = options.config ?? {};
  const config = parseGatewayConfig({
    port: 0,
    ...extra,
    partnerCenter: { baseUrl: emulator.url, ...extra.partnerCenter },
    accounts: extra.accounts ?? [{ region: 'UNITED_STATES', staticToken: sandboxToken('UNITED_STATES') }],
    clientAuth: { apiKeys: [{ name: 'checkout', sha256: createHash('sha256').update(TEST_API_KEY).digest('hex') }], ...extra.clientAuth },
    http: { responseCacheMs: 0, requestsPerMinute: 100_000, ...extra.http },
    // Like the request limit: the one test key stands for every client, so its budgets are wide unless a test sets them.
    limits: { upstreamCallsPerClientPerMinute: 100_000_000, rechecksPerClientPerMinute: 100_000_000, ...extra.limits },
    cache: { ...extra.cache, ttlSeconds: { positive: 0, negative: 0, ...extra.cache?.ttlSeconds } },
  });
  const gateway = await createGateway({ config, logger: options.logger ?? createGatewayLogger({ level: 'silent' }) });
  const listening = await gateway.listen();
  const url = `${listening.url}/graphql`;
  return {
    gateway,
    emulator,
    url,
    operatorUrl: listening.operatorUrl,
    post: (body, headers = {}) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': TEST_API_KEY, ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    async stop() {
      await gateway.stop();
      if (!options.emulator) await emulator.close();
    },
  };
}
