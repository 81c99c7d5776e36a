import { GuidanceKey } from '../guidance/guidance-catalogue';
import { StatusSubject, guidanceValues } from '../guidance/guidance-subject';
import { messageText } from '../guidance/message-text';
import { RelationshipLookup } from '../relationship-directory/directory-snapshot';
import { RelationshipAnswer, RelationshipUnknownReasonName } from './relationship-answer';

/** A relationship answer plus what the relationship check needs to decide and explain it. */
export interface ResolvedRelationship {
  readonly value: RelationshipAnswer;
  readonly guidanceKey: GuidanceKey;
  /** Active: the check passes on its own. */
  readonly active: boolean;
  /**
   * The list could not be had (not loaded, unavailable, too old): the fail policy may let the
   * order through. Never for an identifier or a region that cannot be looked up.
   */
  readonly directoryUnavailable: boolean;
  /** The list could not be had because Partner Center refused our own credentials. */
  readonly credentialsRejected: boolean;
  /** The relationship's state, for `{state}` in texts. */
  readonly state: string | undefined;
  readonly subject: StatusSubject;
}

const UNKNOWN_REASONS = {
  notLoaded: 'NOT_LOADED',
  unavailable: 'DIRECTORY_UNAVAILABLE',
  tooOld: 'DIRECTORY_TOO_OLD',
  regionNotConfigured: 'REGION_NOT_CONFIGURED',
} as const satisfies Record<string, RelationshipUnknownReasonName>;

/**
 * Turns what a directory says into the relationship answer (the MpaRelationship member a client sees). `invalidKey` is
 * the guidance for an identifier that cannot be looked up (the agreement check's own).
 */
export function resolveRelationship(
  lookup: RelationshipLookup | { readonly kind: 'invalid'; readonly guidanceKey: GuidanceKey },
  subject: StatusSubject,
): ResolvedRelationship {
  const message = (key: GuidanceKey, state?: string) =>
    messageText(key, subject.locale, { relationshipState: state, ...guidanceValues(subject) });
  // Written out rather than spread from a base: Node 20 builds `{ ...base, more }` about
  // twenty times slower, and this runs for every order line.
  const resolved = (
    value: RelationshipAnswer,
    guidanceKey: GuidanceKey,
    flags: { active?: boolean; directoryUnavailable?: boolean; credentialsRejected?: boolean; state?: string } = {},
  ): ResolvedRelationship => ({
    value,
    guidanceKey,
    active: flags.active ?? false,
    directoryUnavailable: flags.directoryUnavailable ?? false,
    credentialsRejected: flags.credentialsRejected ?? false,
    state: flags.state,
    subject,
  });
  switch (lookup.kind) {
    case 'active':
    case 'notActive': {
      const { relationship } = lookup;
      const key = lookup.kind === 'active' ? 'relationshipActive' : 'relationshipNotActive';
      const listed = {
        text: message(key, relationship.state),
        region: subject.region,
        checkedAt: new Date(lookup.fetchedAt),
        resellerName: relationship.name,
        state: relationship.state,
        tenantId: relationship.tenantId,
        mpnId: relationship.mpnId,
        location: relationship.location,
      };
      const value: RelationshipAnswer =
        lookup.kind === 'active'
          ? { __typename: 'MpaRelationshipActive', ...listed }
          : { __typename: 'MpaRelationshipNotActive', ...listed };
      return resolved(value, key, { active: lookup.kind === 'active', state: relationship.state });
    }
    case 'none':
      return resolved(
        {
          __typename: 'MpaNoRelationship',
          text: message('relationshipMissing'),
          region: subject.region,
          checkedAt: new Date(lookup.fetchedAt),
        },
        'relationshipMissing',
      );
    case 'invalid':
    case 'unknown': {
      const reason = lookup.kind === 'invalid' ? 'INVALID_IDENTIFIER' : UNKNOWN_REASONS[lookup.reason];
      const failure = lookup.kind === 'unknown' ? lookup.lastFailure : null;
      const guidanceKey: GuidanceKey =
        lookup.kind === 'invalid'
          ? lookup.guidanceKey
          : lookup.reason === 'regionNotConfigured'
            ? 'regionNotConfigured'
            : 'relationshipUnknown';
      const fetchedAt = lookup.kind === 'unknown' ? lookup.fetchedAt : null;
      return resolved(
        {
          __typename: 'MpaRelationshipUnknown',
          text: message(guidanceKey),
          region: subject.region,
          checkedAt: null,
          reason,
          directoryAgeSeconds: fetchedAt === null ? null : Math.max(0, Math.floor((Date.now() - fetchedAt) / 1000)),
          lastRefreshFailure: failure ? failure.reason : null,
          lastRefreshFailedAt: failure ? new Date(failure.at) : null,
        },
        guidanceKey,
        {
          directoryUnavailable: lookup.kind === 'unknown' && lookup.reason !== 'regionNotConfigured',
          credentialsRejected: failure?.reason === 'CREDENTIALS_REJECTED',
        },
      );
    }
  }
}
