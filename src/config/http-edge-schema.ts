import { z } from 'zod';

/** `http.*` keys that bound what one client can hold: time to send a request, connections. */
export const connectionLimits = {
  /** Default `10000`. Time a client has to send a request's headers, in ms; the connection is closed after it (408). */
  headersTimeoutMs: z.number().int().positive().default(10_000),
  /**
   * Default `30000`. Time a client has to send a whole request, headers and body, in ms; the
   * connection is closed after it (408). The headers' own limit never exceeds it.
   */
  requestTimeoutMs: z.number().int().positive().default(30_000),
  /**
   * Default `120000`. A connection on which nothing moves for this long while a request is
   * being received or answered (a stalled body, a stuck client) is closed, in ms.
   */
  socketIdleTimeoutMs: z.number().int().positive().default(120_000),
  /** Default `10000`. Open connections at most; a connection above it is closed at once. */
  maxConnections: z.number().int().positive().default(10_000),
};

/** `http.*` keys of the operator port, which serves `/metrics` and the detailed `/readyz`. */
export const operatorEndpoints = {
  /**
   * Default `port + 1` (any free port when `port` is 0). Port of the operator endpoints:
   * `/metrics` and the detailed `/readyz` (the public port answers `/readyz` with its
   * status only). `0` takes any free port.
   */
  operatorPort: z.number().int().min(0).max(65_535).optional(),
  /** Default `'127.0.0.1'`. Interface the operator port listens on; keep it off the public network. */
  operatorHost: z.string().min(1).default('127.0.0.1'),
};
