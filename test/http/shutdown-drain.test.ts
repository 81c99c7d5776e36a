import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import fetch from 'node-fetch';
import { compiledGateway } from '../support/compiled-gateway';

/**
 * The real gateway process, built as `npm start` builds it, in sandbox mode: SIGTERM while
 * 40 requests wait on a slow upstream. Every one of them must be answered, and the process
 * must exit 0. (Apollo Server's own signal handler used to stop it mid-flight.)
 */

const ROOT = path.resolve(__dirname, '..', '..');
const IN_FLIGHT = 40;
/** The signal comes when the last request reaches Partner Center: its answer, at least, is still this far away. */
const UPSTREAM_LATENCY_MS = 1_500;

interface Started {
  readonly child: ChildProcess;
  readonly graphqlUrl: string;
  readonly emulatorUrl: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startBuiltGateway(build: string): Promise<Started> {
  const child = spawn(process.execPath, [path.join(build, 'src', 'main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      MPA_SANDBOX: 'true',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      APOLLO_TELEMETRY_DISABLED: 'true',
      // Every request's Partner Center call goes out at once, so the emulator sees them all in flight.
      MPA_UPSTREAM_CONCURRENCY: String(IN_FLIGHT),
      MPA_UPSTREAM_CONCURRENCY_MAX: '64',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const graphql = /GraphQL:\s+(http:\/\/\S+\/graphql)/.exec(out);
      const emulator = /Emulator:\s+(http:\/\/\S+)/.exec(out);
      if (graphql && emulator) resolve({ child, graphqlUrl: graphql[1], emulatorUrl: emulator[1], exited });
    });
    void exited.then(({ code }) => reject(new Error(`gateway exited with ${code} before listening: ${err}`)));
  });
}

describe('Shutdown of the real gateway process', () => {
  let gateway: Started | undefined;
  // The run's one compiled copy, shared with the other tests that start the gateway's commands.
  let build = '';
  beforeAll(async () => {
    build = await compiledGateway();
  }, 180_000);
  afterAll(() => {
    if (gateway && gateway.child.exitCode === null && gateway.child.signalCode === null) gateway.child.kill('SIGKILL');
  });

  it(`answers all ${IN_FLIGHT} requests in flight at SIGTERM, then exits 0`, async () => {
    gateway = await startBuiltGateway(build);
    const { graphqlUrl, emulatorUrl, child, exited } = gateway;
    const slow = await fetch(`${emulatorUrl}/_emulator/faults/global`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: UPSTREAM_LATENCY_MS }),
    });
    expect(slow.status).toBe(200);

    const query = 'query ($id: ID) { reseller(mpnId: $id) { mpaStatus(region: UNITED_STATES) { __typename } } }';
    const requests = Array.from({ length: IN_FLIGHT }, (_, i) =>
      fetch(graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // One reseller each, so each request has its own Partner Center call (none shares another's).
        body: JSON.stringify({ query, variables: { id: String(56_000_000 + i) } }),
      }).then(
        async (response) => ({
          status: response.status,
          typename: (await response.json()).data?.reseller?.mpaStatus?.__typename as string | undefined,
        }),
        (error: Error) => ({ status: 0, typename: error.message }),
      ),
    );
    // Every request is in when the signal comes: each has reached Partner Center, and answers
    // are still on their way.
    const upstream = async () => (await (await fetch(`${emulatorUrl}/_emulator/calls`)).json()) as { count: number; inFlight: number };
    let calls = await upstream();
    while (calls.count + calls.inFlight < IN_FLIGHT) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      calls = await upstream();
    }
    expect(calls.inFlight).toBeGreaterThan(0);
    child.kill('SIGTERM');
    const answers = await Promise.all(requests);
    expect(answers.filter((answer) => answer.status === 200 && answer.typename !== undefined)).toHaveLength(IN_FLIGHT);
    expect(await exited).toEqual({ code: 0, signal: null });
  }, 60_000);
});
