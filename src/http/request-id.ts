import { randomUUID } from 'node:crypto';

/** A caller's `X-Request-Id` if it is short and plain, else a new id. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[A-Za-z0-9._-]{1,100}$/.test(value) ? value : randomUUID();
}
