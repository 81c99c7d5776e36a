import { CspRegion } from '../partner-center/csp-region';
import { StatusUnavailableReasonName } from '../partner-center/outcome/outcome-kinds';
import { MessageText } from '../guidance/message-text';

// Plain values, one per member of the schema's MpaPartnerOfRecord union, told apart by the
// member's name; src/graphql maps them to the schema's types (partner-of-record.mapping.ts).

/** Why Microsoft's partner-of-record verdict could not be asked for. */
export type PartnerOfRecordUnknownReasonName =
  'NO_PARTNER_ID_LISTED' | 'RESELLER_LIST_UNAVAILABLE' | 'INVALID_IDENTIFIER' | 'REGION_NOT_CONFIGURED';

/** What every partner-of-record answer has. */
interface PartnerOfRecordAnswerBase {
  /** The message, not yet rendered. */
  readonly text: MessageText;
  /** The CSP region whose provider account asked Microsoft. */
  readonly region: CspRegion;
  /** The partner ID Microsoft was asked about; null when none could be had. */
  readonly partnerId: string | null;
  /** When Partner Center gave this answer (or the gateway decided it); null when nothing was asked. */
  readonly checkedAt: Date | null;
  /** MS-CorrelationId of the validateresellers call behind this answer; null when no call was made. */
  readonly correlationId: string | null;
}

export interface PartnerOfRecordValidAnswer extends PartnerOfRecordAnswerBase {
  readonly __typename: 'MpaPartnerOfRecordValid';
}

export interface PartnerIdNotValidOnRecordAnswer extends PartnerOfRecordAnswerBase {
  readonly __typename: 'MpaPartnerIdNotValidOnRecord';
  readonly errorCode: string | null;
  readonly errorDescription: string | null;
  readonly learnMoreUrl: string;
}

export interface PartnerOfRecordUndocumentedCodeAnswer extends PartnerOfRecordAnswerBase {
  readonly __typename: 'MpaPartnerOfRecordUndocumentedCode';
  readonly errorCode: string | null;
  readonly errorDescription: string | null;
}

export interface PartnerOfRecordUnavailableAnswer extends PartnerOfRecordAnswerBase {
  readonly __typename: 'MpaPartnerOfRecordUnavailable';
  readonly reason: StatusUnavailableReasonName;
  readonly retryAfterSeconds: number | null;
  readonly httpStatus: number | null;
}

export interface PartnerOfRecordUnrecognizedAnswer extends PartnerOfRecordAnswerBase {
  readonly __typename: 'MpaPartnerOfRecordUnrecognized';
  /** True when the call succeeded but its answer held no result for this partner ID. */
  readonly missingFromAnswer: boolean;
  readonly httpStatus: number | null;
  readonly code: string | null;
  readonly description: string | null;
}

export interface PartnerOfRecordUnknownAnswer extends PartnerOfRecordAnswerBase {
  readonly __typename: 'MpaPartnerOfRecordUnknown';
  readonly unknownReason: PartnerOfRecordUnknownReasonName;
}

/** Microsoft's partner-of-record verdict on a reseller's partner ID for one region. */
export type PartnerOfRecordAnswer =
  | PartnerOfRecordValidAnswer
  | PartnerIdNotValidOnRecordAnswer
  | PartnerOfRecordUndocumentedCodeAnswer
  | PartnerOfRecordUnavailableAnswer
  | PartnerOfRecordUnrecognizedAnswer
  | PartnerOfRecordUnknownAnswer;
