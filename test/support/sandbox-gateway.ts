import pino from 'pino';
import { GatewayConfigInput, parseGatewayConfig } from '../../src/config/gateway-config';
import { Gateway, GatewayOptions, createGateway } from '../../src/compose/gateway';
import { WEB_DIR_ENV } from './compiled-gateway';

/** A gateway with the shipped defaults (sandbox mode unless accounts are given), silent logs: only the keys given change. */
export async function startGateway(config: GatewayConfigInput = {}): Promise<Gateway> {
  return createGateway({
    config: parseGatewayConfig({ port: 0, ...config }),
    logger: pino({ level: 'silent' }),
    webDir: process.env[WEB_DIR_ENV],
  });
}

/**
 * A sandbox gateway (built-in emulator, silent logs) for in-process tests. Unless a test
 * says otherwise it maps each question to exactly one upstream call: nothing cached across
 * operations (no status cache, no response cache), no retries, a circuit that does not
 * open. Resilience tests set their own. `plugins` (default none) are Apollo Server plugins
 * installed after the gateway's own.
 */
export async function startSandboxGateway(config: GatewayConfigInput = {}, plugins?: GatewayOptions['plugins']): Promise<Gateway> {
  return createGateway({
    plugins,
    config: parseGatewayConfig({
      port: 0,
      ...config,
      cache: { ...config.cache, ttlSeconds: { positive: 0, negative: 0, ...config.cache?.ttlSeconds } },
      http: { responseCacheMs: 0, ...config.http },
      resilience: { maxAttempts: 1, circuitMinimumCalls: 1_000_000, ...config.resilience },
    }),
    logger: pino({ level: 'silent' }),
    // The browser files the global setup compiled (in-process tests have no dist/ to find them in).
    webDir: process.env[WEB_DIR_ENV],
  });
}

export interface OperationResult {
  data?: Record<string, any> | null;
  errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>;
}

/** Runs one operation through Apollo's pipeline with a context as an HTTP request would get. */
export async function execute(
  gateway: Gateway,
  query: string,
  variables?: Record<string, unknown>,
  acceptLanguage?: string,
): Promise<OperationResult> {
  const response = await gateway.apollo.executeOperation({ query, variables }, { contextValue: gateway.createContext(acceptLanguage) });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}

/**
 * One sandbox gateway listening on 127.0.0.1 for the enclosing `describe`, started before its
 * tests and stopped after. Read it and its `/graphql` URL through the returned functions.
 */
export function useListeningSandbox(config: GatewayConfigInput = {}): {
  gateway: () => Gateway;
  url: () => string;
  operatorUrl: () => string;
} {
  let gateway: Gateway | undefined;
  let url = '';
  let operatorUrl = '';
  beforeAll(async () => {
    gateway = await startSandboxGateway(config);
    const listening = await gateway.listen();
    url = `${listening.url}/graphql`;
    operatorUrl = listening.operatorUrl;
  });
  afterAll(() => gateway?.stop());
  return { gateway: () => gateway!, url: () => url, operatorUrl: () => operatorUrl };
}
