import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { Logger } from 'pino';
import { ClientIdentity } from './client-auth';

/** What every log line about one HTTP request carries. */
export interface RequestScope {
  /** From a sane `X-Request-Id`, else new; echoed in the response and in masked errors. */
  readonly requestId: string;
  readonly logger: Logger;
  readonly client: ClientIdentity;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `work` with the scope visible to everything it calls (resolvers, upstream calls). */
export function runInRequestScope<T>(scope: RequestScope, work: () => T): T {
  return storage.run(scope, work);
}

export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}

/** A caller's request id if it is short and plain, else a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[A-Za-z0-9._-]{1,100}$/.test(value) ? value : randomUUID();
}
