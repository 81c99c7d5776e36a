import { CspRegion } from '../partner-center/csp-region';
import { DirectoryFailureReason } from '../relationship-directory/directory-store';
import { MessageText } from '../guidance/message-text';

// Plain values, one per member of the schema's MpaRelationship union, told apart by the member's
// name; src/graphql maps them to the schema's types (relationship.mapping.ts).

/** Why the relationship check could not say whether the relationship is active. */
export type RelationshipUnknownReasonName =
  'NOT_LOADED' | 'DIRECTORY_UNAVAILABLE' | 'DIRECTORY_TOO_OLD' | 'REGION_NOT_CONFIGURED' | 'INVALID_IDENTIFIER';

/** What every relationship answer has. */
interface RelationshipAnswerBase {
  /** The message, not yet rendered. */
  readonly text: MessageText;
  /** The CSP region whose provider account's reseller list was read. */
  readonly region: CspRegion;
  /** When Partner Center gave the list this answer comes from; null when there is no usable list. */
  readonly checkedAt: Date | null;
}

/** A relationship the region's reseller list holds, as Partner Center lists it. */
export interface ListedRelationshipAnswer extends RelationshipAnswerBase {
  readonly __typename: 'MpaRelationshipActive' | 'MpaRelationshipNotActive';
  readonly resellerName: string;
  /** The state of the relationship, verbatim. */
  readonly state: string;
  readonly tenantId: string;
  readonly mpnId: string | null;
  readonly location: string | null;
}

export interface NoRelationshipAnswer extends RelationshipAnswerBase {
  readonly __typename: 'MpaNoRelationship';
}

export interface RelationshipUnknownAnswer extends RelationshipAnswerBase {
  readonly __typename: 'MpaRelationshipUnknown';
  readonly reason: RelationshipUnknownReasonName;
  /** Age of the last reseller list in seconds, when there is one. */
  readonly directoryAgeSeconds: number | null;
  /** Why the last refresh of the list failed, when it did. */
  readonly lastRefreshFailure: DirectoryFailureReason | null;
  readonly lastRefreshFailedAt: Date | null;
}

/** Whether the reseller has an active relationship with this provider in one region. */
export type RelationshipAnswer = ListedRelationshipAnswer | NoRelationshipAnswer | RelationshipUnknownAnswer;
