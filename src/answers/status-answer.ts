import { CspRegion } from '../partner-center/csp-region';
import { ResellerIdProblemName, StatusUnavailableReasonName } from '../partner-center/outcome/outcome-kinds';
import { MessageText } from '../guidance/message-text';

// Plain values, one per member of the schema's MpaStatus union, told apart by the member's name
// (`__typename`): the decision log, the audit's reports and the schema all name answers so.
// src/graphql maps them to the schema's types (mpa-status.mapping.ts); nothing here knows GraphQL.

/** What every agreement answer has. */
interface StatusAnswerBase {
  /** The message, not yet rendered. */
  readonly text: MessageText;
  /** The CSP region the order is placed from, which the answer is about. */
  readonly region: CspRegion;
  /** When Partner Center gave this answer (or the gateway decided it). */
  readonly checkedAt: Date;
  /** MS-CorrelationId of the Partner Center call behind this answer; null when no call was made. */
  readonly correlationId: string | null;
}

/** An answer from Partner Center other than "signed", with its details verbatim. */
interface PartnerCenterErrorAnswer extends StatusAnswerBase {
  readonly code: string | null;
  readonly description: string | null;
  readonly learnMoreUrl: string | null;
  readonly httpStatus: number | null;
}

export interface SignedAnswer extends StatusAnswerBase {
  readonly __typename: 'MpaSigned';
}

export interface NotSignedAnswer extends PartnerCenterErrorAnswer {
  readonly __typename: 'MpaNotSigned' | 'MpaNotIndirectReseller';
}

export interface MpnIdAnswer extends PartnerCenterErrorAnswer {
  readonly __typename: 'MpaCspRegionMismatch' | 'MpaMpnIdNotRecognized';
  /** The MPN ID that was checked. */
  readonly mpnId: string;
}

export interface TenantAnswer extends PartnerCenterErrorAnswer {
  readonly __typename: 'MpaTenantNotFound' | 'MpaTenantNotSigned';
  /** The tenant ID that was checked, normalised to lower case. */
  readonly tenantId: string;
}

export interface InvalidResellerIdAnswer extends PartnerCenterErrorAnswer {
  readonly __typename: 'MpaInvalidResellerId';
  readonly problem: ResellerIdProblemName;
}

export interface RegionNotConfiguredAnswer extends StatusAnswerBase {
  readonly __typename: 'MpaRegionNotConfigured';
  /** The regions this deployment can check. */
  readonly configuredRegions: CspRegion[];
}

export interface PartnerCenterUnavailableAnswer extends StatusAnswerBase {
  readonly __typename: 'MpaPartnerCenterUnavailable';
  readonly reason: StatusUnavailableReasonName;
  readonly retryAfterSeconds: number | null;
  readonly httpStatus: number | null;
}

export interface UnrecognizedAnswer extends PartnerCenterErrorAnswer {
  readonly __typename: 'MpaUnrecognizedAnswer';
  readonly data: string[];
  readonly source: string | null;
  readonly bodyExcerpt: string | null;
}

/** What Partner Center (or the gateway) says about a reseller's agreement for one region. */
export type StatusAnswer =
  | SignedAnswer
  | NotSignedAnswer
  | MpnIdAnswer
  | TenantAnswer
  | InvalidResellerIdAnswer
  | RegionNotConfiguredAnswer
  | PartnerCenterUnavailableAnswer
  | UnrecognizedAnswer;
