import { registerEnumType } from 'type-graphql';

/** Why the relationship check could not say whether the relationship is active. */
export enum MpaRelationshipUnknownReason {
  NOT_LOADED = 'NOT_LOADED',
  DIRECTORY_UNAVAILABLE = 'DIRECTORY_UNAVAILABLE',
  DIRECTORY_TOO_OLD = 'DIRECTORY_TOO_OLD',
  REGION_NOT_CONFIGURED = 'REGION_NOT_CONFIGURED',
  INVALID_IDENTIFIER = 'INVALID_IDENTIFIER',
}

registerEnumType(MpaRelationshipUnknownReason, {
  name: 'MpaRelationshipUnknownReason',
  description: "Why a reseller's relationship with this provider could not be checked.",
  valuesConfig: {
    NOT_LOADED: { description: "The region's reseller list is still being fetched for the first time." },
    DIRECTORY_UNAVAILABLE: {
      description: "Every attempt to fetch the region's reseller list from Partner Center failed; lastRefreshFailure says why.",
    },
    DIRECTORY_TOO_OLD: {
      description:
        "The region's last reseller list is older than this deployment allows (relationships.maxAgeSeconds), and refreshing it failed.",
    },
    REGION_NOT_CONFIGURED: { description: 'This deployment has no Partner Center account for the region.' },
    INVALID_IDENTIFIER: { description: 'The identifier given cannot identify a reseller (see the agreement check).' },
  },
});

/** Why the last refresh of a reseller list failed. */
export enum MpaDirectoryFailureReason {
  THROTTLED = 'THROTTLED',
  TIMEOUT = 'TIMEOUT',
  SERVER_ERROR = 'SERVER_ERROR',
  NETWORK_ERROR = 'NETWORK_ERROR',
  MALFORMED_RESPONSE = 'MALFORMED_RESPONSE',
  CREDENTIALS_REJECTED = 'CREDENTIALS_REJECTED',
  DEADLINE_EXCEEDED = 'DEADLINE_EXCEEDED',
  UNRECOGNIZED_ANSWER = 'UNRECOGNIZED_ANSWER',
}

registerEnumType(MpaDirectoryFailureReason, {
  name: 'MpaDirectoryFailureReason',
  description: "Why the last attempt to fetch a region's reseller list from Partner Center failed.",
  valuesConfig: {
    THROTTLED: { description: 'Partner Center asked us to slow down (HTTP 429).' },
    TIMEOUT: { description: 'Partner Center did not answer a page within the full timeout of a call.' },
    SERVER_ERROR: { description: 'Partner Center failed (HTTP 5xx).' },
    NETWORK_ERROR: { description: 'Partner Center could not be reached.' },
    MALFORMED_RESPONSE: { description: 'A page was not a readable collection, was too large, or its next link could not be followed.' },
    CREDENTIALS_REJECTED: { description: "Partner Center refused the gateway's own credentials for the region." },
    DEADLINE_EXCEEDED: { description: 'Every page could not be fetched within the refresh timeout (relationships.refreshTimeoutMs).' },
    UNRECOGNIZED_ANSWER: { description: 'Partner Center answered with something this version does not know.' },
  },
});
