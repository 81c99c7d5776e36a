import { registerEnumType } from 'type-graphql';

/** What was wrong with the identifier given. */
export enum MpaResellerIdProblem {
  MPN_ID_NOT_NUMERIC = 'MPN_ID_NOT_NUMERIC',
  TENANT_ID_NOT_GUID = 'TENANT_ID_NOT_GUID',
  BOTH_IDS_GIVEN = 'BOTH_IDS_GIVEN',
  NO_ID_GIVEN = 'NO_ID_GIVEN',
}

registerEnumType(MpaResellerIdProblem, {
  name: 'MpaResellerIdProblem',
  description: 'Why a reseller identifier was refused.',
  valuesConfig: {
    MPN_ID_NOT_NUMERIC: { description: 'The MPN ID is not a positive whole number that fits 32 bits.' },
    TENANT_ID_NOT_GUID: { description: 'The tenant ID is not a GUID.' },
    BOTH_IDS_GIVEN: { description: 'Both an MPN ID and a tenant ID were given; give one.' },
    NO_ID_GIVEN: { description: 'Neither an MPN ID nor a tenant ID was given.' },
  },
});

/** Why Partner Center could not be asked or did not answer. */
export enum MpaUnavailableReason {
  THROTTLED = 'THROTTLED',
  TIMEOUT = 'TIMEOUT',
  SERVER_ERROR = 'SERVER_ERROR',
  NETWORK_ERROR = 'NETWORK_ERROR',
  MALFORMED_RESPONSE = 'MALFORMED_RESPONSE',
  CIRCUIT_OPEN = 'CIRCUIT_OPEN',
  CREDENTIALS_REJECTED = 'CREDENTIALS_REJECTED',
  DEADLINE_EXCEEDED = 'DEADLINE_EXCEEDED',
  BUDGET_EXCEEDED = 'BUDGET_EXCEEDED',
  CLIENT_BUDGET_EXCEEDED = 'CLIENT_BUDGET_EXCEEDED',
  NOT_ASKED = 'NOT_ASKED',
}

registerEnumType(MpaUnavailableReason, {
  name: 'MpaUnavailableReason',
  description: 'Why Partner Center gave no answer about the reseller.',
  valuesConfig: {
    THROTTLED: { description: 'Partner Center asked us to slow down (HTTP 429).' },
    TIMEOUT: { description: 'Partner Center did not answer within the full timeout of a call.' },
    SERVER_ERROR: { description: 'Partner Center failed (HTTP 5xx).' },
    NETWORK_ERROR: { description: 'Partner Center could not be reached.' },
    MALFORMED_RESPONSE: { description: 'Partner Center, or a proxy before it, sent something that is not its documented answer.' },
    CIRCUIT_OPEN: { description: 'Calls are paused after repeated failures; they resume after retryAfterSeconds.' },
    CREDENTIALS_REJECTED: {
      description: "Partner Center refused the gateway's own credentials for the region; the reseller is not at fault.",
    },
    DEADLINE_EXCEEDED: {
      description:
        "The operation's time ran out while Partner Center was being asked, before it answered in the time left. The gateway, not Partner Center, ran short; asking again soon usually works. The fail policy never lets an order through on it.",
    },
    BUDGET_EXCEEDED: {
      description:
        'The operation already asked Partner Center as many distinct questions as one operation may (limits.maxResellersPerQuery), so this one was not sent. Ask for fewer resellers or regions at once.',
    },
    CLIENT_BUDGET_EXCEEDED: {
      description:
        "This client's Partner Center questions or rechecks for the current minute are spent (limits.upstreamCallsPerClientPerMinute, limits.rechecksPerClientPerMinute), so this one was not sent. Answers already cached cost nothing; ask again after retryAfterSeconds.",
    },
    NOT_ASKED: {
      description:
        "The question never left the gateway: the operation's time ran out before its turn in the region's queue (calls queued, or paused by throttling) or before a token could be had. Nothing is known about the reseller; asking again soon usually works. The fail policy never lets an order through on it.",
    },
  },
});
