import autocannon from 'autocannon';
import { cpuMicroseconds } from './process-cpu';

/** One autocannon load on a server, with the server process's own CPU time per request answered. */
export interface CpuLoadRun {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Undefined where /proc is not there, or nothing was answered. */
  readonly cpuMicrosecondsPerRequest: number | undefined;
  readonly errors: number;
  readonly answered: number;
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** POSTs `body` to `<url>/graphql` on `connections` connections for `seconds`, reading process `pid`'s CPU around it. */
export async function loadWithServerCpu(
  url: string,
  pid: number,
  load: { readonly connections: number; readonly seconds: number; readonly apiKey: string; readonly body: string },
): Promise<CpuLoadRun> {
  const before = cpuMicroseconds(pid);
  const result = await autocannon({
    url: `${url}/graphql`,
    method: 'POST',
    connections: load.connections,
    duration: load.seconds,
    headers: { 'content-type': 'application/json', 'x-api-key': load.apiKey },
    body: load.body,
  });
  const after = cpuMicroseconds(pid);
  const answered = result.requests.total;
  return {
    requestsPerSecond: round(result.requests.average, 0),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    cpuMicrosecondsPerRequest:
      before === undefined || after === undefined || answered === 0 ? undefined : round((after - before) / answered),
    errors: result.errors + result.non2xx,
    answered,
  };
}
