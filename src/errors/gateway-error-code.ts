/**
 * Every `extensions.code` the gateway puts on a GraphQL error, its own and those Apollo
 * Server emits on its behalf (`GRAPHQL_PARSE_FAILED`, `GRAPHQL_VALIDATION_FAILED`,
 * `BAD_USER_INPUT`, …, under Apollo's names), so that a client can switch over one list.
 * docs/frontend.md ("Error codes") documents each one with its HTTP status.
 */
export enum GatewayErrorCode {
  /** 400. The request cannot be read: not JSON, wrong shape, batched, or refused by CSRF prevention. */
  BAD_REQUEST = 'BAD_REQUEST',
  /** 400. The query text is not valid GraphQL, or has more tokens than `http.maxTokens`. */
  GRAPHQL_PARSE_FAILED = 'GRAPHQL_PARSE_FAILED',
  /**
   * 400. The query does not fit the schema or the shape limits (`http.maxDepth`,
   * `http.maxAliases`, directives), or asks for an operation type the gateway does not serve.
   */
  GRAPHQL_VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED',
  /** 400. The operation to run cannot be told: unknown `operationName`, or several operations and none named. */
  OPERATION_RESOLUTION_FAILURE = 'OPERATION_RESOLUTION_FAILURE',
  /** 400. A variable's or argument's value is refused (cannot be coerced, a list longer than allowed). */
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  /** 400. Automatic persisted queries are off: send the query text. */
  PERSISTED_QUERY_NOT_SUPPORTED = 'PERSISTED_QUERY_NOT_SUPPORTED',
  /** 400. The operation weighs more than `http.maxCost`, or expands to more fields than one operation may. */
  OPERATION_TOO_COSTLY = 'OPERATION_TOO_COSTLY',
  /** 400. The operation would ask Partner Center more distinct questions than one operation may. */
  UPSTREAM_BUDGET_EXCEEDED = 'UPSTREAM_BUDGET_EXCEEDED',
  /** 401. No valid credentials (API key or bearer JWT). */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** 403. The client's API key or token lacks a scope the operation needs; the message names it. */
  FORBIDDEN = 'FORBIDDEN',
  /** 404. Nothing is served at this path. */
  NOT_FOUND = 'NOT_FOUND',
  /** 405. This method is not allowed here (e.g. a mutation over GET). */
  METHOD_NOT_ALLOWED = 'METHOD_NOT_ALLOWED',
  /** 413. The request body is larger than `http.maxBodyBytes`. */
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  /** 413. The query text is larger than `http.maxQueryBytes`. */
  QUERY_TOO_LARGE = 'QUERY_TOO_LARGE',
  /** 408. The request's headers or body did not arrive in time (`http.headersTimeoutMs`, `http.requestTimeoutMs`). */
  REQUEST_TIMEOUT = 'REQUEST_TIMEOUT',
  /** 431. The request line and headers together are larger than the server reads (16 KB). */
  REQUEST_HEADERS_TOO_LARGE = 'REQUEST_HEADERS_TOO_LARGE',
  /** 415. The request body's content type is not one the gateway reads (send `application/json`). */
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  /** 429. The caller asked more often than `http.requestsPerMinute`. */
  RATE_LIMITED = 'RATE_LIMITED',
  /** 429. Too many failed authentications came from this address (`clientAuth.maxFailuresPerMinute`); wait `Retry-After`. */
  AUTH_FAILURES_LIMITED = 'AUTH_FAILURES_LIMITED',
  /** 503. The replica is draining; retry on another. */
  SHUTTING_DOWN = 'SHUTTING_DOWN',
  /** 500. Anything unexpected; the details are in the log line with the request id. */
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}
