/**
 * Every `extensions.code` the gateway itself puts on a GraphQL error. Apollo Server's own
 * codes (`GRAPHQL_PARSE_FAILED`, `GRAPHQL_VALIDATION_FAILED`, `BAD_USER_INPUT`, …) keep their
 * names here so that a client can switch over one list. README documents each one.
 */
export enum GatewayErrorCode {
  /** The request body or a parameter cannot be read (not JSON, wrong shape). */
  BAD_REQUEST = 'BAD_REQUEST',
  /** An argument's value is refused (a list longer than allowed, an unknown enum value). */
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  /** The request body is larger than `http.maxBodyBytes`. */
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  /** No valid credentials (API key or bearer JWT). */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** The caller asked more often than `http.requestsPerMinute`. */
  RATE_LIMITED = 'RATE_LIMITED',
  /** The operation weighs more than `http.maxCost`. */
  OPERATION_TOO_COSTLY = 'OPERATION_TOO_COSTLY',
  /** The operation would ask Partner Center more distinct questions than one operation may. */
  UPSTREAM_BUDGET_EXCEEDED = 'UPSTREAM_BUDGET_EXCEEDED',
  /** The replica is draining; retry on another. */
  SHUTTING_DOWN = 'SHUTTING_DOWN',
  /** Anything unexpected; the details are in the log line with the request id. */
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}
