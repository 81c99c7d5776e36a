/* eslint-disable */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar.This scalar is serialized to a string in ISO 8601 format and parsed from a string in ISO 8601 format. */
  DateTimeISO: { input: string; output: string; }
  /** A field whose value conforms to the standard URL format as specified in RFC3986: https://www.ietf.org/rfc/rfc3986.txt. */
  URL: { input: string; output: string; }
  _Any: { input: any; output: any; }
  federation__FieldSet: { input: any; output: any; }
  federation__Scope: { input: any; output: any; }
  link__Import: { input: any; output: any; }
};

/** A Cloud Solution Provider region. A reseller accepts the Microsoft Partner Agreement per region, and an order is placed from the region of the provider account that submits it. */
export type CspRegion =
  /** Africa */
  | 'AFRICA'
  /** Asia & Pacific */
  | 'ASIA_PACIFIC'
  /** Australia */
  | 'AUSTRALIA'
  /** Brazil */
  | 'BRAZIL'
  /** Canada */
  | 'CANADA'
  /** Europe */
  | 'EUROPE'
  /** India */
  | 'INDIA'
  /** Japan */
  | 'JAPAN'
  /** Korea */
  | 'KOREA'
  /** Latin America & Caribbean */
  | 'LATIN_AMERICA_AND_CARIBBEAN'
  /** Middle East, Central & Eastern Europe */
  | 'MIDDLE_EAST_CENTRAL_AND_EASTERN_EUROPE'
  /** New Zealand */
  | 'NEW_ZEALAND'
  /** Russia */
  | 'RUSSIA'
  /** Taiwan */
  | 'TAIWAN'
  /** United States */
  | 'UNITED_STATES';

/** The Microsoft Partner Agreement check: has the reseller accepted the MPA for the order's CSP region (Partner Center agreementstatus)? */
export type MpaAgreementCheck = MpaEligibilityCheck & {
  __typename?: 'MpaAgreementCheck';
  /** True when this check alone keeps Submit disabled (an enforced check that did not pass). */
  blocksSubmit: Scalars['Boolean']['output'];
  guidance?: Maybe<MpaGuidance>;
  mode: MpaCheckMode;
  /** True when the check lets the order through: its answer is positive, or it could not be made and this deployment's fail policy lets orders through then (verified is then false). */
  passed: Scalars['Boolean']['output'];
  /** True when checking again later may change the answer without anyone acting. */
  retryable: Scalars['Boolean']['output'];
  status: MpaStatus;
  /** False when the check could not be made (Partner Center or the reseller list unavailable, an identifier or region that cannot be checked). */
  verified: Scalars['Boolean']['output'];
};

/** Whether a check can block Submit. Checks this deployment switched off are not listed. */
export type MpaCheckMode =
  /** Submit needs this check to pass. */
  | 'ENFORCED'
  /** Shown for information; it never blocks Submit. */
  | 'REPORT_ONLY';

/** A CSP region this deployment can check orders from. */
export type MpaCspRegionInfo = {
  __typename?: 'MpaCspRegionInfo';
  /** The region's name in the requested locale. */
  name: Scalars['String']['output'];
  region: CspRegion;
};

/** The MPN ID belongs to another CSP region than the one the order is placed from (Partner Center 2201). */
export type MpaCspRegionMismatch = MpaPartnerCenterError & MpaStatusOutcome & {
  __typename?: 'MpaCspRegionMismatch';
  /** When Partner Center gave this answer (or the gateway decided it). */
  checkedAt: Scalars['DateTimeISO']['output'];
  /** Partner Center's error code (for example "2203"); null when it answered without one. */
  code?: Maybe<Scalars['String']['output']>;
  /** MS-CorrelationId of the Partner Center call behind this answer; quote it to support. Null when no call was made. */
  correlationId?: Maybe<Scalars['String']['output']>;
  /** Partner Center's own description, in English, verbatim. Show `message` to people instead. */
  description?: Maybe<Scalars['String']['output']>;
  /** HTTP status of Partner Center's answer. */
  httpStatus?: Maybe<Scalars['Int']['output']>;
  /** Where to read more about this answer. */
  learnMoreUrl?: Maybe<Scalars['URL']['output']>;
  /** One sentence saying what was found, in the requested locale. */
  message: Scalars['String']['output'];
  /** The MPN ID that was checked. */
  mpnId: Scalars['ID']['output'];
  /** The CSP region the order is placed from, which the answer is about. */
  region: CspRegion;
  /** The CSP region the MPN ID belongs to, found by asking this deployment's other regions (one upstream question each, counted in the operation's budget). Null when none of them is that region or they could not all answer: resellerRegionLookup tells which. Select it only when you show it. */
  resellerRegion?: Maybe<CspRegion>;
  /** Whether the region the MPN ID belongs to was found, belongs to no region configured here, or could not be determined just now. */
  resellerRegionLookup: MpaResellerRegionLookup;
};

/** Why the last attempt to fetch a region's reseller list from Partner Center failed. */
export type MpaDirectoryFailureReason =
  /** Partner Center refused the gateway's own credentials for the region. */
  | 'CREDENTIALS_REJECTED'
  /** Every page could not be fetched within the refresh timeout (relationships.refreshTimeoutMs). */
  | 'DEADLINE_EXCEEDED'
  /** A page was not a readable collection, was too large, or its next link could not be followed. */
  | 'MALFORMED_RESPONSE'
  /** Partner Center could not be reached. */
  | 'NETWORK_ERROR'
  /** Partner Center failed (HTTP 5xx). */
  | 'SERVER_ERROR'
  /** Partner Center asked us to slow down (HTTP 429). */
  | 'THROTTLED'
  /** Partner Center did not answer a page within the full timeout of a call. */
  | 'TIMEOUT'
  /** Partner Center answered with something this version does not know. */
  | 'UNRECOGNIZED_ANSWER';

/** How a region account's reseller list stands. */
export type MpaDirectoryStatus =
  /** No list yet: the first refresh is under way. */
  | 'LOADING'
  /** A list, and its last refresh worked. */
  | 'READY'
  /** This deployment has no Partner Center account for the region. */
  | 'REGION_NOT_CONFIGURED'
  /** A list, but the refresh after it failed; it is still used (see ageSeconds). */
  | 'STALE'
  /** The last list is older than relationships.maxAgeSeconds and is not used. */
  | 'TOO_OLD'
  /** No list: every refresh so far failed. */
  | 'UNAVAILABLE';

/** One of the checks behind an order's canSubmit, with its own answer and guidance, so the order form can show every problem at once. Switch on __typename. */
export type MpaEligibilityCheck = {
  /** True when this check alone keeps Submit disabled (an enforced check that did not pass). */
  blocksSubmit: Scalars['Boolean']['output'];
  /** What to tell the partner about this check; null when it passed on a verified answer. */
  guidance?: Maybe<MpaGuidance>;
  mode: MpaCheckMode;
  /** True when the check lets the order through: its answer is positive, or it could not be made and this deployment's fail policy lets orders through then (verified is then false). */
  passed: Scalars['Boolean']['output'];
  /** True when checking again later may change the answer without anyone acting. */
  retryable: Scalars['Boolean']['output'];
  /** False when the check could not be made (Partner Center or the reseller list unavailable, an identifier or region that cannot be checked). */
  verified: Scalars['Boolean']['output'];
};

/** What to tell the partner at the order form, in their language. */
export type MpaGuidance = {
  __typename?: 'MpaGuidance';
  /** Steps to take, in order. Empty when there is nothing to do. */
  actions: Array<Scalars['String']['output']>;
  /** A short title. */
  headline: Scalars['String']['output'];
  /** Where to read more. */
  learnMoreUrl?: Maybe<Scalars['URL']['output']>;
  /** The locale the texts are in (en-US when the one asked for is not available). */
  locale: Scalars['String']['output'];
  /** True when, after acting, Microsoft may take a while to show the change. */
  mayTakeTimeToUpdate: Scalars['Boolean']['output'];
  /** What the answer means for this order. */
  whatItMeans: Scalars['String']['output'];
};

/** The identifier given cannot identify a reseller. Usually the gateway refuses it without asking Partner Center (code, description and httpStatus are then null); when Partner Center itself refused an identifier the gateway accepted (2000, 2001), its code and description are kept. */
export type MpaInvalidResellerId = MpaPartnerCenterError & MpaStatusOutcome & {
  __typename?: 'MpaInvalidResellerId';
  /** When Partner Center gave this answer (or the gateway decided it). */
  checkedAt: Scalars['DateTimeISO']['output'];
  /** Partner Center's error code (for example "2203"); null when it answered without one. */
  code?: Maybe<Scalars['String']['output']>;
  /** MS-CorrelationId of the Partner Center call behind this answer; quote it to support. Null when no call was made. */
  correlationId?: Maybe<Scalars['String']['output']>;
  /** Partner Center's own description, in English, verbatim. Show `message` to people instead. */
  description?: Maybe<Scalars['String']['output']>;
  /** HTTP status of Partner Center's answer. */
  httpStatus?: Maybe<Scalars['Int']['output']>;
  /** Where to read more about this answer. */
  learnMoreUrl?: Maybe<Scalars['URL']['output']>;
  /** One sentence saying what was found, in the requested locale. */
  message: Scalars['String']['output'];
  problem: MpaResellerIdProblem;
  /** The CSP region the order is placed from, which the answer is about. */
  region: CspRegion;
};

/** A relationship the region's reseller list holds, as Partner Center lists it. */
export type MpaListedRelationship = {
  /** When Partner Center gave the reseller list this answer comes from; null when there is no usable list. */
  checkedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** The reseller's location (a country code), when listed. */
  location?: Maybe<Scalars['String']['output']>;
  /** One sentence saying what was found, in the requested locale. */
  message: Scalars['String']['output'];
  /** The reseller's MPN ID (PGA/PLA), when listed. */
  mpnId?: Maybe<Scalars['ID']['output']>;
  /** The CSP region whose provider account's reseller list was read. */
  region: CspRegion;
  /** The reseller's company name. */
  resellerName: Scalars['String']['output'];
  /** The state of the relationship, verbatim (for example "Active"). */
  state: Scalars['String']['output'];
  /** The reseller's CSP tenant ID. */
  tenantId: Scalars['ID']['output'];
};

/** Partner Center does not know the MPN ID, or it has not been moved from Partner Membership Center (2200). */
export type MpaMpnIdNotRecognized = MpaPartnerCenterError & MpaStatusOutcome & {
  __typename?: 'MpaMpnIdNotRecognized';
  /** When Partner Center gave this answer (or the gateway decided it). */
  checkedAt: Scalars['DateTimeISO']['output'];
  /** Partner Center's error code (for example "2203"); null when it answered without one. */
  code?: Maybe<Scalars['String']['output']>;
  /** MS-CorrelationId of the Partner Center call behind this answer; quote it to support. Null when no call was made. */
  correlationId?: Maybe<Scalars['String']['output']>;
  /** Partner Center's own description, in English, verbatim. Show `message` to people instead. */
  description?: Maybe<Scalars['String']['output']>;
  /** HTTP status of Partner Center's answer. */
  httpStatus?: Maybe<Scalars['Int']['output']>;
  /** Where to read more about this answer. */
  learnMoreUrl?: Maybe<Scalars['URL']['output']>;
  /** One sentence saying what was found, in the requested locale. */
  message: Scalars['String']['output'];
  /** The MPN ID that was checked. */
  mpnId: Scalars['ID']['output'];
  /** The CSP region the order is placed from, which the answer is about. */
  region: CspRegion;
};

/** The region's reseller list has no relationship for the reseller: it has not accepted this provider's reseller relationship request there. */
export type MpaNoRelationship = MpaRelationshipOutcome & {
  __typename?: 'MpaNoRelationship';
  /** When Partner Center gave the reseller list this answer comes from; null when there is no usable list. */
  checkedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** One sentence saying what was found, in the requested locale. */
  message: Scalars['String']['output'];
  /** The CSP region whose provider account's reseller list was read. */
  region: CspRegion;
};

/** The MPN ID is known but has no CSP indirect reseller enrolment (2204). */
export type MpaNotIndirectReseller = MpaPartnerCenterError & MpaStatusOutcome & {
  __typename?: 'MpaNotIndirectReseller';
  /** When Partner Center gave this answer (or the gateway decided it). */
  checkedAt: Scalars['DateTimeISO']['output'];
  /** Partner Center's error code (for example "2203"); null when it answered without one. */
  code?: Maybe<Scalars['String']['output']>;
  /** MS-CorrelationId of the Partner Center call behind this answer; quote it to support. Null when no call was made. */
  correlationId?: Maybe<Scalars['String']['output']>;
  /** Partner Center's own description, in English, verbatim. Show `message` to people instead. */
  description?: Maybe<Scalars['String']['output']>;
  /** HTTP status of Partner Center's answer. */
  httpStatus?: Maybe<Scalars['Int']['output']>;
  /** Where to read more about this answer. */
  learnMoreUrl?: Maybe<Scalars['URL']['output']>;
  /** One sentence saying what was found, in the requested locale. */
  message: Scalars['String']['output'];
  /** The CSP region the order is placed from, which the answer is about. */
  region: CspRegion;
};

/** The reseller has not accepted the Microsoft Partner Agreement for the region (Partner Center 2203, or isAgreementSigned false). */
export type MpaNotSigned = MpaPartnerCenterError & MpaStatusOutcome & {
  __typename?: 'MpaNotSigned';
  /** When Partner Center gave this answer (or the gateway decided it). */
  checkedAt: Scalars['DateTimeISO']['output'];
  /** Partner Center's error code (for example "2203"); null when it answered without one. */
  code?: Maybe<Scalars['String']['output']>;
  /** MS-CorrelationId of the Partner Center call behind this answer; quote it to support. Null when no call was made. */
  correlationId?: Maybe<Scalars['String']['output']>;
  /** Partner Center's own description, in English, verbatim. Show `message` to people instead. */
  description?: Maybe<Scalars['String']['output']>;
  /** HTTP status of Partner Center's answer. */
  httpStatus?: Maybe<Scalars['Int']['output']>;
  /** Where to read more about this answer. */
  learnMoreUrl?: Maybe<Scalars['URL']['output']>;
  /** One sentence saying what was found, in the requested locale. */
  message: Scalars['String']['output'];
  /** The CSP region the order is placed from, which the answer is about. */
  region: CspRegion;
};

/** One order (or cart line) to check: a reseller and the region the order is placed from. */
export type MpaOrderLineInput = {
  /** Your own reference for the line, echoed back unchanged. */
  lineId?: InputMaybe<Scalars['ID']['input']>;
  /** The reseller's MPN ID (PGA/PLA). Give this or tenantId. */
  mpnId?: InputMaybe<Scalars['ID']['input']>;
  /** The CSP region the order is placed from. */
  region: CspRegion;
  /** The reseller's CSP tenant ID. Give this or mpnId. */
  tenantId?: InputMaybe<Scalars['ID']['input']>;
};

/** A member that reports an answer from Partner Center other than "signed", with its details verbatim (null on MpaInvalidResellerId when the gateway refused the identifier without asking). */
export type MpaPartnerCenterError = {
  /** When Partner Center gave this answer (or the gateway decided it). */
  checkedAt: Scalars['DateTimeISO']['output'];
  /** Partner Center's error code (for example "2203"); null when it answered without one. */
  code?: Maybe<Scalars['String']['output']>;
  /** MS-CorrelationId of the Partner Center call behind this answer; quote it to support. Null when no call was made. */
  correlationId?: Maybe<Scalars['String']['output']>;
  /** Partner Center's own description, in English, verbatim. Show `message` to people instead. */
  description?: Maybe<Scalars['String']['output']>;
  /** HTTP status of Partner Center's answer. */
  httpStatus?: Maybe<Scalars['Int']['output']>;
  /** Where to read more about this answer. */
  learnMoreUrl?: Maybe<Scalars['URL']['output']>;
  /** One sentence saying what was found, in the requested locale. */
  message: Scalars['String']['output'];
  /** The CSP region the order is placed from, which the answer is about. */
  region: CspRegion;
};

/** Partner Center gave no answer about the reseller just now. Nothing is known about the agreement; asking again later may work. */
export type MpaPartnerCenterUnavailable = MpaStatusOutcome & {
  __typename?: 'MpaPartnerCenterUnavailable';
  /** When Partner Center gave this answer (or the gateway decided it). */
  checkedAt: Scalars['DateTimeISO']['output'];
  /** MS-CorrelationId of the Partner Center call behind this answer; quote it to support. Null when no call was made. */
  correlationId?: Maybe<Scalars['String']['output']>;
  /** HTTP status of Partner Center's answer, when there was one. */
  httpStatus?: Maybe<Scalars['Int']['output']>;
  /** One sentence saying what was found, in the requested locale. */
  message: Scalars['String']['output'];
  reason: MpaUnavailableReason;
  /** The CSP region the order is placed from, which the answer is about. */
  region: CspRegion;
  /** Seconds to wait before asking again, when known. */
  retryAfterSeconds?: Maybe<Scalars['Int']['output']>;
};

/** Microsoft says the partner ID is not valid on record, with error code 900400 (the code its page documents): the PLA ID is not an authorized, active indirect reseller. Microsoft refuses orders naming it. */
export type MpaPartnerIdNotValidOnRecord = MpaPartnerOfRecordOutcome & MpaPartnerOfRecordRefusal & {
  __typename?: 'MpaPartnerIdNotValidOnRecord';
  /** When Partner Center gave this answer (or the gateway decided it); null when nothing was asked. */
  checkedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** MS-CorrelationId of the validateresellers call behind this answer; quote it to support. Null when no call was made. */
  correlationId?: Maybe<Scalars['String']['output']>;
  /** Microsoft's errorCode as sent (a number is written in digits); null when the result had none. */
  errorCode?: Maybe<Scalars['String']['output']>;
  /** Microsoft's errorDescription, verbatim; null when the result had none. Show `message` to people instead. */
  errorDescription?: Maybe<Scalars['String']['output']>;
  /** Microsoft's page for the partner-of-record check. */
  learnMoreUrl: Scalars['URL']['output'];
  /** One sentence saying what was found, in the requested locale. */
  message: Scalars['String']['output'];
  /** The partner ID (PLA ID, formerly MPN ID) Microsoft was asked about: the one given, or for a tenant ID the one the reseller list gives. Null when none could be had. */
  partnerId?: Maybe<Scalars['ID']['output']>;
  /** The CSP region whose provider account asked Microsoft. */
  region: CspRegion;
};

/** Microsoft's own verdict on whether the reseller's partner ID (PLA ID) is valid as partner of record for orders from one CSP region (Partner Center validateresellers). Switch on __typename; every member also implements MpaPartnerOfRecordOutcome. */
export type MpaPartnerOfRecord = MpaPartnerIdNotValidOnRecord | MpaPartnerOfRecordUnavailable | MpaPartnerOfRecordUndocumentedCode | MpaPartnerOfRecordUnknown | MpaPartnerOfRecordUnrecognized | MpaPartnerOfRecordValid;

/** Microsoft's own partner-of-record check: is the reseller's partner ID (PLA ID) an authorized, active indirect reseller that may be named on the order (Partner Center validateresellers)? Asked in batches, cached per partner ID. */
export type MpaPartnerOfRecordCheck = MpaEligibilityCheck & {
  __typename?: 'MpaPartnerOfRecordCheck';
  /** True when this check alone keeps Submit disabled (an enforced check that did not pass). */
  blocksSubmit: Scalars['Boolean']['output'];
  guidance?: Maybe<MpaGuidance>;
  mode: MpaCheckMode;
  partnerOfRecord: MpaPartnerOfRecord;
  /** True when the check lets the order through: its answer is positive, or it could not be made and this deployment's fail policy lets orders through then (verified is then false). */
  passed: Scalars['Boolean']['output'];
  /** True when checking again later may change the answer without anyone acting. */
  retryable: Scalars['Boolean']['output'];
  /** False when the check could not be made (Partner Center or the reseller list unavailable, an identifier or region that cannot be checked). */
  verified: Scalars['Boolean']['output'];
};

/** Fields every MpaPartnerOfRecord member has. Clients can rely on these for members added in later versions. */
export type MpaPartnerOfRecordOutcome = {
  /** When Partner Center gave this answer (or the gateway decided it); null when nothing was asked. */
  checkedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** MS-CorrelationId of the validateresellers call behind this answer; quote it to support. Null when no call was made. */
  correlationId?: Maybe<Scalars['String']['output']>;
  /** One sentence saying what was found, in the requested locale. */
  message: Scalars['String']['output'];
  /** The partner ID (PLA ID, formerly MPN ID) Microsoft was asked about: the one given, or for a tenant ID the one the reseller list gives. Null when none could be had. */
  partnerId?: Maybe<Scalars['ID']['output']>;
  /** The CSP region whose provider account asked Microsoft. */
  region: CspRegion;
};

/** Microsoft refused the partner ID as partner of record: its error code and description, verbatim. A client can show these for any refusal, documented or not. */
export type MpaPartnerOfRecordRefusal = {
  /** When Partner Center gave this answer (or the gateway decided it); null when nothing was asked. */
  checkedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** MS-CorrelationId of the validateresellers call behind this answer; quote it to support. Null when no call was made. */
  correlationId?: Maybe<Scalars['String']['output']>;
  /** Microsoft's errorCode as sent (a number is written in digits); null when the result had none. */
  errorCode?: Maybe<Scalars['String']['output']>;
  /** Microsoft's errorDescription, verbatim; null when the result had none. Show `message` to people instead. */
  errorDescription?: Maybe<Scalars['String']['output']>;
  /** One sentence saying what was found, in the requested locale. */
  message: Scalars['String']['output'];
  /** The partner ID (PLA ID, formerly MPN ID) Microsoft was asked about: the one given, or for a tenant ID the one the reseller list gives. Null when none could be had. */
  partnerId?: Maybe<Scalars['ID']['output']>;
  /** The CSP region whose provider account asked Microsoft. */
  region: CspRegion;
};

/** Partner Center gave no verdict just now (the batch's call failed, was throttled or ran out of time, or our credentials were refused). Nothing is known about the reseller; asking again later may work. */
export type MpaPartnerOfRecordUnavailable = MpaPartnerOfRecordOutcome & {
  __typename?: 'MpaPartnerOfRecordUnavailable';
  /** When Partner Center gave this answer (or the gateway decided it); null when nothing was asked. */
  checkedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** MS-CorrelationId of the validateresellers call behind this answer; quote it to support. Null when no call was made. */
  correlationId?: Maybe<Scalars['String']['output']>;
  /** HTTP status of Partner Center's answer, when there was one. */
  httpStatus?: Maybe<Scalars['Int']['output']>;
  /** One sentence saying what was found, in the requested locale. */
  message: Scalars['String']['output'];
  /** The partner ID (PLA ID, formerly MPN ID) Microsoft was asked about: the one given, or for a tenant ID the one the reseller list gives. Null when none could be had. */
  partnerId?: Maybe<Scalars['ID']['output']>;
  reason: MpaUnavailableReason;
  /** The CSP region whose provider account asked Microsoft. */
  region: CspRegion;
  /** Seconds to wait before asking again, when known. */
  retryAfterSeconds?: Maybe<Scalars['Int']['output']>;
};

/** Microsoft says the partner ID is not valid on record, with an error code its page does not document (or none). The code and description are kept exactly as sent; treat the reseller as not valid. */
export type MpaPartnerOfRecordUndocumentedCode = MpaPartnerOfRecordOutcome & MpaPartnerOfRecordRefusal & {
  __typename?: 'MpaPartnerOfRecordUndocumentedCode';
  /** When Partner Center gave this answer (or the gateway decided it); null when nothing was asked. */
  checkedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** MS-CorrelationId of the validateresellers call behind this answer; quote it to support. Null when no call was made. */
  correlationId?: Maybe<Scalars['String']['output']>;
  /** Microsoft's errorCode as sent (a number is written in digits); null when the result had none. */
  errorCode?: Maybe<Scalars['String']['output']>;
  /** Microsoft's errorDescription, verbatim; null when the result had none. Show `message` to people instead. */
  errorDescription?: Maybe<Scalars['String']['output']>;
  /** One sentence saying what was found, in the requested locale. */
  message: Scalars['String']['output'];
  /** The partner ID (PLA ID, formerly MPN ID) Microsoft was asked about: the one given, or for a tenant ID the one the reseller list gives. Null when none could be had. */
  partnerId?: Maybe<Scalars['ID']['output']>;
  /** The CSP region whose provider account asked Microsoft. */
  region: CspRegion;
};

/** Microsoft could not be asked: no partner ID for the reseller, an identifier or region that cannot be checked. */
export type MpaPartnerOfRecordUnknown = MpaPartnerOfRecordOutcome & {
  __typename?: 'MpaPartnerOfRecordUnknown';
  /** When Partner Center gave this answer (or the gateway decided it); null when nothing was asked. */
  checkedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** MS-CorrelationId of the validateresellers call behind this answer; quote it to support. Null when no call was made. */
  correlationId?: Maybe<Scalars['String']['output']>;
  /** One sentence saying what was found, in the requested locale. */
  message: Scalars['String']['output'];
  /** The partner ID (PLA ID, formerly MPN ID) Microsoft was asked about: the one given, or for a tenant ID the one the reseller list gives. Null when none could be had. */
  partnerId?: Maybe<Scalars['ID']['output']>;
  /** The CSP region whose provider account asked Microsoft. */
  region: CspRegion;
  unknownReason: MpaPartnerOfRecordUnknownReason;
};

/** Why Microsoft's partner-of-record verdict could not be asked for. */
export type MpaPartnerOfRecordUnknownReason =
  /** The identifier given cannot identify a reseller (see the agreement check). */
  | 'INVALID_IDENTIFIER'
  /** The reseller was named by tenant ID, and the region's reseller list gives no partner ID (PLA/MPN ID) for it; Microsoft's check takes partner IDs only. */
  | 'NO_PARTNER_ID_LISTED'
  /** This deployment has no Partner Center account for the region. */
  | 'REGION_NOT_CONFIGURED'
  /** The reseller was named by tenant ID, and the region's reseller list, which gives its partner ID, could not be had. */
  | 'RESELLER_LIST_UNAVAILABLE';

/** Partner Center answered with something this version does not know: an error for the whole call, or an answer with no result for this partner ID. Details are kept verbatim; treat the reseller as not valid. */
export type MpaPartnerOfRecordUnrecognized = MpaPartnerOfRecordOutcome & {
  __typename?: 'MpaPartnerOfRecordUnrecognized';
  /** When Partner Center gave this answer (or the gateway decided it); null when nothing was asked. */
  checkedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** The `code` of the error body, verbatim, when there was one. */
  code?: Maybe<Scalars['String']['output']>;
  /** MS-CorrelationId of the validateresellers call behind this answer; quote it to support. Null when no call was made. */
  correlationId?: Maybe<Scalars['String']['output']>;
  /** The `description` of the error body, verbatim, when there was one. */
  description?: Maybe<Scalars['String']['output']>;
  /** HTTP status of Partner Center's answer. */
  httpStatus?: Maybe<Scalars['Int']['output']>;
  /** One sentence saying what was found, in the requested locale. */
  message: Scalars['String']['output'];
  /** True when the call succeeded but its answer held no result for this partner ID. */
  missingFromAnswer: Scalars['Boolean']['output'];
  /** The partner ID (PLA ID, formerly MPN ID) Microsoft was asked about: the one given, or for a tenant ID the one the reseller list gives. Null when none could be had. */
  partnerId?: Maybe<Scalars['ID']['output']>;
  /** The CSP region whose provider account asked Microsoft. */
  region: CspRegion;
};

/** Microsoft says the partner ID is valid on record: an authorized, active indirect reseller that can be named as partner of record. */
export type MpaPartnerOfRecordValid = MpaPartnerOfRecordOutcome & {
  __typename?: 'MpaPartnerOfRecordValid';
  /** When Partner Center gave this answer (or the gateway decided it); null when nothing was asked. */
  checkedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** MS-CorrelationId of the validateresellers call behind this answer; quote it to support. Null when no call was made. */
  correlationId?: Maybe<Scalars['String']['output']>;
  /** One sentence saying what was found, in the requested locale. */
  message: Scalars['String']['output'];
  /** The partner ID (PLA ID, formerly MPN ID) Microsoft was asked about: the one given, or for a tenant ID the one the reseller list gives. Null when none could be had. */
  partnerId?: Maybe<Scalars['ID']['output']>;
  /** The CSP region whose provider account asked Microsoft. */
  region: CspRegion;
};

/** This deployment has no Partner Center account for the region, so it cannot check orders from there. */
export type MpaRegionNotConfigured = MpaStatusOutcome & {
  __typename?: 'MpaRegionNotConfigured';
  /** When Partner Center gave this answer (or the gateway decided it). */
  checkedAt: Scalars['DateTimeISO']['output'];
  /** The regions this deployment can check. */
  configuredRegions: Array<CspRegion>;
  /** MS-CorrelationId of the Partner Center call behind this answer; quote it to support. Null when no call was made. */
  correlationId?: Maybe<Scalars['String']['output']>;
  /** One sentence saying what was found, in the requested locale. */
  message: Scalars['String']['output'];
  /** The CSP region the order is placed from, which the answer is about. */
  region: CspRegion;
};

/** Whether the reseller has an active relationship with this provider in one CSP region, read from the region's reseller list (refreshed on a schedule, never per order). Switch on __typename; every member also implements MpaRelationshipOutcome. */
export type MpaRelationship = MpaNoRelationship | MpaRelationshipActive | MpaRelationshipNotActive | MpaRelationshipUnknown;

/** The reseller has an active relationship with this provider in the region: the partner-of-record check passes. */
export type MpaRelationshipActive = MpaListedRelationship & MpaRelationshipOutcome & {
  __typename?: 'MpaRelationshipActive';
  /** When Partner Center gave the reseller list this answer comes from; null when there is no usable list. */
  checkedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** The reseller's location (a country code), when listed. */
  location?: Maybe<Scalars['String']['output']>;
  /** One sentence saying what was found, in the requested locale. */
  message: Scalars['String']['output'];
  /** The reseller's MPN ID (PGA/PLA), when listed. */
  mpnId?: Maybe<Scalars['ID']['output']>;
  /** The CSP region whose provider account's reseller list was read. */
  region: CspRegion;
  /** The reseller's company name. */
  resellerName: Scalars['String']['output'];
  /** The state of the relationship, verbatim (for example "Active"). */
  state: Scalars['String']['output'];
  /** The reseller's CSP tenant ID. */
  tenantId: Scalars['ID']['output'];
};

/** The partner-of-record check: does the reseller have an active relationship with this provider in the order's CSP region? Read from the region's reseller list, never asked per order. */
export type MpaRelationshipCheck = MpaEligibilityCheck & {
  __typename?: 'MpaRelationshipCheck';
  /** True when this check alone keeps Submit disabled (an enforced check that did not pass). */
  blocksSubmit: Scalars['Boolean']['output'];
  guidance?: Maybe<MpaGuidance>;
  mode: MpaCheckMode;
  /** True when the check lets the order through: its answer is positive, or it could not be made and this deployment's fail policy lets orders through then (verified is then false). */
  passed: Scalars['Boolean']['output'];
  relationship: MpaRelationship;
  /** True when checking again later may change the answer without anyone acting. */
  retryable: Scalars['Boolean']['output'];
  /** False when the check could not be made (Partner Center or the reseller list unavailable, an identifier or region that cannot be checked). */
  verified: Scalars['Boolean']['output'];
};

/** The reseller has a relationship with this provider in the region, but it is not active (`state` says what it is): Microsoft blocks its orders. */
export type MpaRelationshipNotActive = MpaListedRelationship & MpaRelationshipOutcome & {
  __typename?: 'MpaRelationshipNotActive';
  /** When Partner Center gave the reseller list this answer comes from; null when there is no usable list. */
  checkedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** The reseller's location (a country code), when listed. */
  location?: Maybe<Scalars['String']['output']>;
  /** One sentence saying what was found, in the requested locale. */
  message: Scalars['String']['output'];
  /** The reseller's MPN ID (PGA/PLA), when listed. */
  mpnId?: Maybe<Scalars['ID']['output']>;
  /** The CSP region whose provider account's reseller list was read. */
  region: CspRegion;
  /** The reseller's company name. */
  resellerName: Scalars['String']['output'];
  /** The state of the relationship, verbatim (for example "Active"). */
  state: Scalars['String']['output'];
  /** The reseller's CSP tenant ID. */
  tenantId: Scalars['ID']['output'];
};

/** Fields every MpaRelationship member has. Clients can rely on these for members added in later versions. */
export type MpaRelationshipOutcome = {
  /** When Partner Center gave the reseller list this answer comes from; null when there is no usable list. */
  checkedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** One sentence saying what was found, in the requested locale. */
  message: Scalars['String']['output'];
  /** The CSP region whose provider account's reseller list was read. */
  region: CspRegion;
};

/** The relationship could not be checked: the region's reseller list is not loaded, unavailable or too old, or the reseller or region cannot be looked up. */
export type MpaRelationshipUnknown = MpaRelationshipOutcome & {
  __typename?: 'MpaRelationshipUnknown';
  /** When Partner Center gave the reseller list this answer comes from; null when there is no usable list. */
  checkedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Age of the last reseller list in seconds, when there is one. */
  directoryAgeSeconds?: Maybe<Scalars['Int']['output']>;
  /** When the last refresh of the list failed, when it did. */
  lastRefreshFailedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Why the last refresh of the list failed, when it did. */
  lastRefreshFailure?: Maybe<MpaDirectoryFailureReason>;
  /** One sentence saying what was found, in the requested locale. */
  message: Scalars['String']['output'];
  reason: MpaRelationshipUnknownReason;
  /** The CSP region whose provider account's reseller list was read. */
  region: CspRegion;
};

/** Why a reseller's relationship with this provider could not be checked. */
export type MpaRelationshipUnknownReason =
  /** The region's last reseller list is older than this deployment allows (relationships.maxAgeSeconds), and refreshing it failed. */
  | 'DIRECTORY_TOO_OLD'
  /** Every attempt to fetch the region's reseller list from Partner Center failed; lastRefreshFailure says why. */
  | 'DIRECTORY_UNAVAILABLE'
  /** The identifier given cannot identify a reseller (see the agreement check). */
  | 'INVALID_IDENTIFIER'
  /** The region's reseller list is still being fetched for the first time. */
  | 'NOT_LOADED'
  /** This deployment has no Partner Center account for the region. */
  | 'REGION_NOT_CONFIGURED';

/** A region account's list of indirect resellers, fetched from Partner Center on a schedule: what the relationship check and reseller names read. */
export type MpaResellerDirectory = {
  __typename?: 'MpaResellerDirectory';
  /** Age of the list in seconds. */
  ageSeconds?: Maybe<Scalars['Int']['output']>;
  /** When Partner Center gave the list. */
  fetchedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** When the last failed refresh failed, if one did. */
  lastRefreshFailedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Why the last failed refresh failed, if one did. */
  lastRefreshFailure?: Maybe<MpaDirectoryFailureReason>;
  /** True while a refresh is under way (one that outlasted this request goes on). */
  refreshing: Scalars['Boolean']['output'];
  region: CspRegion;
  /** Relationships in the list, of any state. */
  resellerCount?: Maybe<Scalars['Int']['output']>;
  status: MpaDirectoryStatus;
};

/** Why a reseller identifier was refused. */
export type MpaResellerIdProblem =
  /** Both an MPN ID and a tenant ID were given; give one. */
  | 'BOTH_IDS_GIVEN'
  /** The MPN ID is not a positive whole number that fits 32 bits. */
  | 'MPN_ID_NOT_NUMERIC'
  /** Neither an MPN ID nor a tenant ID was given. */
  | 'NO_ID_GIVEN'
  /** The tenant ID is not a GUID. */
  | 'TENANT_ID_NOT_GUID';

/** What asking this deployment's other regions told about the region an MPN ID belongs to. */
export type MpaResellerRegionLookup =
  /** One of them is its region: resellerRegion names it. */
  | 'FOUND'
  /** None of them is its region: it belongs to a region this deployment has no account for. */
  | 'HOME_REGION_NOT_CONFIGURED'
  /** Some of them could not answer just now, so its region is not known. Never cached; ask again later. */
  | 'UNDETERMINED';

/** The reseller has accepted the Microsoft Partner Agreement for the region: orders may go through. */
export type MpaSigned = MpaStatusOutcome & {
  __typename?: 'MpaSigned';
  /** When Partner Center gave this answer (or the gateway decided it). */
  checkedAt: Scalars['DateTimeISO']['output'];
  /** MS-CorrelationId of the Partner Center call behind this answer; quote it to support. Null when no call was made. */
  correlationId?: Maybe<Scalars['String']['output']>;
  /** One sentence saying what was found, in the requested locale. */
  message: Scalars['String']['output'];
  /** The CSP region the order is placed from, which the answer is about. */
  region: CspRegion;
};

/** What Partner Center says about a reseller's Microsoft Partner Agreement for one CSP region. Switch on __typename; every member also implements MpaStatusOutcome, so unknown future members can still be shown. */
export type MpaStatus = MpaCspRegionMismatch | MpaInvalidResellerId | MpaMpnIdNotRecognized | MpaNotIndirectReseller | MpaNotSigned | MpaPartnerCenterUnavailable | MpaRegionNotConfigured | MpaSigned | MpaTenantNotFound | MpaTenantNotSigned | MpaUnrecognizedAnswer;

/** Fields every MpaStatus member has. Clients can rely on these for members added in later versions. */
export type MpaStatusOutcome = {
  /** When Partner Center gave this answer (or the gateway decided it). */
  checkedAt: Scalars['DateTimeISO']['output'];
  /** MS-CorrelationId of the Partner Center call behind this answer; quote it to support. Null when no call was made. */
  correlationId?: Maybe<Scalars['String']['output']>;
  /** One sentence saying what was found, in the requested locale. */
  message: Scalars['String']['output'];
  /** The CSP region the order is placed from, which the answer is about. */
  region: CspRegion;
};

/** Partner Center has no account for the tenant ID (2205). */
export type MpaTenantNotFound = MpaPartnerCenterError & MpaStatusOutcome & {
  __typename?: 'MpaTenantNotFound';
  /** When Partner Center gave this answer (or the gateway decided it). */
  checkedAt: Scalars['DateTimeISO']['output'];
  /** Partner Center's error code (for example "2203"); null when it answered without one. */
  code?: Maybe<Scalars['String']['output']>;
  /** MS-CorrelationId of the Partner Center call behind this answer; quote it to support. Null when no call was made. */
  correlationId?: Maybe<Scalars['String']['output']>;
  /** Partner Center's own description, in English, verbatim. Show `message` to people instead. */
  description?: Maybe<Scalars['String']['output']>;
  /** HTTP status of Partner Center's answer. */
  httpStatus?: Maybe<Scalars['Int']['output']>;
  /** Where to read more about this answer. */
  learnMoreUrl?: Maybe<Scalars['URL']['output']>;
  /** One sentence saying what was found, in the requested locale. */
  message: Scalars['String']['output'];
  /** The CSP region the order is placed from, which the answer is about. */
  region: CspRegion;
  /** The tenant ID that was checked, normalised to lower case. */
  tenantId: Scalars['ID']['output'];
};

/** The tenant's Partner Center account has not accepted the agreement for the region (2206). */
export type MpaTenantNotSigned = MpaPartnerCenterError & MpaStatusOutcome & {
  __typename?: 'MpaTenantNotSigned';
  /** When Partner Center gave this answer (or the gateway decided it). */
  checkedAt: Scalars['DateTimeISO']['output'];
  /** Partner Center's error code (for example "2203"); null when it answered without one. */
  code?: Maybe<Scalars['String']['output']>;
  /** MS-CorrelationId of the Partner Center call behind this answer; quote it to support. Null when no call was made. */
  correlationId?: Maybe<Scalars['String']['output']>;
  /** Partner Center's own description, in English, verbatim. Show `message` to people instead. */
  description?: Maybe<Scalars['String']['output']>;
  /** HTTP status of Partner Center's answer. */
  httpStatus?: Maybe<Scalars['Int']['output']>;
  /** Where to read more about this answer. */
  learnMoreUrl?: Maybe<Scalars['URL']['output']>;
  /** One sentence saying what was found, in the requested locale. */
  message: Scalars['String']['output'];
  /** The CSP region the order is placed from, which the answer is about. */
  region: CspRegion;
  /** The tenant ID that was checked, normalised to lower case. */
  tenantId: Scalars['ID']['output'];
};

/** Why Partner Center gave no answer about the reseller. */
export type MpaUnavailableReason =
  /** The operation already asked Partner Center as many distinct questions as one operation may (limits.maxResellersPerQuery), so this one was not sent. Ask for fewer resellers or regions at once. */
  | 'BUDGET_EXCEEDED'
  /** Calls are paused after repeated failures; they resume after retryAfterSeconds. */
  | 'CIRCUIT_OPEN'
  /** This client's Partner Center questions or rechecks for the current minute are spent (limits.upstreamCallsPerClientPerMinute, limits.rechecksPerClientPerMinute), so this one was not sent. Answers already cached cost nothing; ask again after retryAfterSeconds. */
  | 'CLIENT_BUDGET_EXCEEDED'
  /** Partner Center refused the gateway's own credentials for the region; the reseller is not at fault. */
  | 'CREDENTIALS_REJECTED'
  /** The operation's time ran out while Partner Center was being asked, before it answered in the time left. The gateway, not Partner Center, ran short; asking again soon usually works. The fail policy never lets an order through on it. */
  | 'DEADLINE_EXCEEDED'
  /** Partner Center, or a proxy before it, sent something that is not its documented answer. */
  | 'MALFORMED_RESPONSE'
  /** Partner Center could not be reached. */
  | 'NETWORK_ERROR'
  /** The question never left the gateway: the operation's time ran out before its turn in the region's queue (calls queued, or paused by throttling) or before a token could be had. Nothing is known about the reseller; asking again soon usually works. The fail policy never lets an order through on it. */
  | 'NOT_ASKED'
  /** Partner Center failed (HTTP 5xx). */
  | 'SERVER_ERROR'
  /** Partner Center asked us to slow down (HTTP 429). */
  | 'THROTTLED'
  /** Partner Center did not answer within the full timeout of a call. */
  | 'TIMEOUT';

/** Partner Center answered with something this version does not know. Details are kept verbatim; treat it as not signed. */
export type MpaUnrecognizedAnswer = MpaPartnerCenterError & MpaStatusOutcome & {
  __typename?: 'MpaUnrecognizedAnswer';
  /** The start of Partner Center's answer (up to 500 characters), verbatim but for credentials, when it was not Partner Center's error JSON: an HTML page, other JSON, text. Null when the body was empty or was the error JSON. */
  bodyExcerpt?: Maybe<Scalars['String']['output']>;
  /** When Partner Center gave this answer (or the gateway decided it). */
  checkedAt: Scalars['DateTimeISO']['output'];
  /** Partner Center's error code (for example "2203"); null when it answered without one. */
  code?: Maybe<Scalars['String']['output']>;
  /** MS-CorrelationId of the Partner Center call behind this answer; quote it to support. Null when no call was made. */
  correlationId?: Maybe<Scalars['String']['output']>;
  /** The `data` array of Partner Center's answer, verbatim. */
  data: Array<Scalars['String']['output']>;
  /** Partner Center's own description, in English, verbatim. Show `message` to people instead. */
  description?: Maybe<Scalars['String']['output']>;
  /** HTTP status of Partner Center's answer. */
  httpStatus?: Maybe<Scalars['Int']['output']>;
  /** Where to read more about this answer. */
  learnMoreUrl?: Maybe<Scalars['URL']['output']>;
  /** One sentence saying what was found, in the requested locale. */
  message: Scalars['String']['output'];
  /** The CSP region the order is placed from, which the answer is about. */
  region: CspRegion;
  /** The `source` of Partner Center's answer, verbatim. */
  source?: Maybe<Scalars['String']['output']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Asks Partner Center again, past the cache, and stores the fresh answer: for the partner who has just accepted the agreement. Microsoft may take a while to show a new signature. */
  recheckMpaStatus: OrderEligibility;
  /** Fetches a region's reseller list from Partner Center now, once across replicas, for the partner who has just accepted the reseller relationship. It never takes a list whose fetch started before it was asked, on any replica, except one fetched by another forced refresh within relationships.forcedRefreshCooldownSeconds. Waits up to the operation's deadline; a refresh that takes longer goes on (refreshing: true). */
  refreshResellerDirectory: MpaResellerDirectory;
};


export type MutationRecheckMpaStatusArgs = {
  locale?: InputMaybe<Scalars['String']['input']>;
  order: MpaOrderLineInput;
};


export type MutationRefreshResellerDirectoryArgs = {
  region: CspRegion;
};

/** The order form's answer: may Submit be pressed for this reseller and region, and if not, what to do. */
export type OrderEligibility = {
  __typename?: 'OrderEligibility';
  /** True when the order may be submitted: every enforced check passed. */
  canSubmit: Scalars['Boolean']['output'];
  /** Every check this deployment makes (agreement, reseller relationship), each with its own answer and guidance, so the order form can show every problem at once. */
  checks: Array<MpaEligibilityCheck>;
  /** The agreement check's guidance, as before the checks list: null when the agreement is confirmed. Each entry of `checks` has its own. */
  guidance?: Maybe<MpaGuidance>;
  /** The lineId given with the order, if any. */
  lineId?: Maybe<Scalars['ID']['output']>;
  /** What Partner Center says about the reseller's Microsoft Partner Agreement (the agreement check's status). */
  mpaStatus: MpaStatus;
  region: CspRegion;
  reseller: Reseller;
  /** True when checking again later may change the answer without anyone acting (Partner Center or the reseller list was unavailable). */
  retryable: Scalars['Boolean']['output'];
  /** Set by recheckMpaStatus when the fresh answer is kept: true when every replica of this deployment now answers from it, false when only the replica that rechecked does for now (the shared cache could not be written in time; it is written as soon as it can be). Null otherwise. */
  shared?: Maybe<Scalars['Boolean']['output']>;
  /** False when Submit is allowed without confirmation: a check could not be made and this deployment lets orders through in that case (fail-open policy), or this deployment enforces no check at all. */
  verified: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  _entities: Array<Maybe<_Entity>>;
  _service: _Service;
  /** The CSP regions this deployment has a Partner Center account for, i.e. the regions orders can be checked from. */
  cspRegions: Array<MpaCspRegionInfo>;
  /** Eligibility of every line of a cart, in the order given. Each distinct reseller and region is checked once. */
  orderEligibilities: Array<OrderEligibility>;
  /** Whether one order may be submitted, and if not, why and what to do. */
  orderEligibility: OrderEligibility;
  /** A reseller by MPN ID or by tenant ID (give exactly one). An invalid identifier is not an error: the reseller's mpaStatus says what is wrong with it. */
  reseller: Reseller;
  /** Each configured region account's reseller list: its size, age and last refresh. */
  resellerDirectories: Array<MpaResellerDirectory>;
  /** Several resellers at once, in the order given: MPN IDs first, then tenant IDs. Duplicates are checked once. The total is bounded by configuration. */
  resellers: Array<Reseller>;
};


export type Query_EntitiesArgs = {
  representations: Array<Scalars['_Any']['input']>;
};


export type QueryCspRegionsArgs = {
  locale?: InputMaybe<Scalars['String']['input']>;
};


export type QueryOrderEligibilitiesArgs = {
  locale?: InputMaybe<Scalars['String']['input']>;
  orders: Array<MpaOrderLineInput>;
};


export type QueryOrderEligibilityArgs = {
  locale?: InputMaybe<Scalars['String']['input']>;
  order: MpaOrderLineInput;
};


export type QueryResellerArgs = {
  mpnId?: InputMaybe<Scalars['ID']['input']>;
  tenantId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryResellersArgs = {
  mpnIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  tenantIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** A CSP indirect reseller, identified by its MPN ID (PGA/PLA) or by its CSP tenant ID. Exactly one of the two is set. */
export type Reseller = {
  __typename?: 'Reseller';
  /** The reseller's MPN ID as a region account's reseller list holds it: for a reseller named by tenant ID, the MPN ID it was not given. Null when no list holds the reseller. */
  listedMpnId?: Maybe<Scalars['ID']['output']>;
  /** The reseller's CSP tenant ID as a region account's reseller list holds it: for a reseller named by MPN ID, the tenant ID it was not given. Null when no list holds the reseller. */
  listedTenantId?: Maybe<Scalars['ID']['output']>;
  /** Whether the reseller may order from the given CSP region, and if not, why. */
  mpaStatus: MpaStatus;
  /** MPN ID (PGA/PLA) as checked, without leading zeros. Given as typed when it is not a valid MPN ID. */
  mpnId?: Maybe<Scalars['ID']['output']>;
  /** The reseller's company name, from the reseller lists of this deployment's region accounts; null when none lists the reseller. */
  name?: Maybe<Scalars['String']['output']>;
  /** The order form's answer for this reseller and region. Handy from a supergraph, where an order names its reseller. */
  orderEligibility: OrderEligibility;
  /** Microsoft's own verdict on the reseller as partner of record for orders from the region (Partner Center validateresellers): for a reseller named by tenant ID, about the partner ID the region's reseller list gives. Asked in batches per region account, cached per partner ID. */
  partnerOfRecord: MpaPartnerOfRecord;
  /** Whether the reseller has an active relationship with this provider in the region (the partner-of-record check), from the region's reseller list. Never asks Partner Center per reseller. */
  relationship: MpaRelationship;
  /** CSP tenant ID (Microsoft ID) as checked, as a lower-case GUID. Given as typed when it is not a GUID. */
  tenantId?: Maybe<Scalars['ID']['output']>;
};


/** A CSP indirect reseller, identified by its MPN ID (PGA/PLA) or by its CSP tenant ID. Exactly one of the two is set. */
export type ResellerMpaStatusArgs = {
  region: CspRegion;
};


/** A CSP indirect reseller, identified by its MPN ID (PGA/PLA) or by its CSP tenant ID. Exactly one of the two is set. */
export type ResellerOrderEligibilityArgs = {
  locale?: InputMaybe<Scalars['String']['input']>;
  region: CspRegion;
};


/** A CSP indirect reseller, identified by its MPN ID (PGA/PLA) or by its CSP tenant ID. Exactly one of the two is set. */
export type ResellerPartnerOfRecordArgs = {
  locale?: InputMaybe<Scalars['String']['input']>;
  region: CspRegion;
};


/** A CSP indirect reseller, identified by its MPN ID (PGA/PLA) or by its CSP tenant ID. Exactly one of the two is set. */
export type ResellerRelationshipArgs = {
  locale?: InputMaybe<Scalars['String']['input']>;
  region: CspRegion;
};

export type _Entity = Reseller;

export type _Service = {
  __typename?: '_Service';
  sdl?: Maybe<Scalars['String']['output']>;
};

export type Link__Purpose =
  /** `EXECUTION` features provide metadata necessary for operation execution. */
  | 'EXECUTION'
  /** `SECURITY` features provide metadata necessary to securely resolve fields. */
  | 'SECURITY';

export type OrderCheckLineFragment = { __typename?: 'OrderEligibility', lineId?: string | null, canSubmit: boolean, verified: boolean, retryable: boolean, region: CspRegion, reseller: { __typename?: 'Reseller', mpnId?: string | null, tenantId?: string | null }, mpaStatus:
    | { __typename: 'MpaCspRegionMismatch', message: string, correlationId?: string | null, resellerRegion?: CspRegion | null }
    | { __typename: 'MpaInvalidResellerId', message: string, correlationId?: string | null }
    | { __typename: 'MpaMpnIdNotRecognized', message: string, correlationId?: string | null }
    | { __typename: 'MpaNotIndirectReseller', message: string, correlationId?: string | null }
    | { __typename: 'MpaNotSigned', message: string, correlationId?: string | null }
    | { __typename: 'MpaPartnerCenterUnavailable', message: string, correlationId?: string | null, reason: MpaUnavailableReason, retryAfterSeconds?: number | null }
    | { __typename: 'MpaRegionNotConfigured', message: string, correlationId?: string | null }
    | { __typename: 'MpaSigned', message: string, correlationId?: string | null }
    | { __typename: 'MpaTenantNotFound', message: string, correlationId?: string | null }
    | { __typename: 'MpaTenantNotSigned', message: string, correlationId?: string | null }
    | { __typename: 'MpaUnrecognizedAnswer', message: string, correlationId?: string | null }
  , guidance?: { __typename?: 'MpaGuidance', headline: string, whatItMeans: string, actions: Array<string>, learnMoreUrl?: string | null, mayTakeTimeToUpdate: boolean, locale: string } | null, checks: Array<
    | { __typename?: 'MpaAgreementCheck' }
    | { __typename?: 'MpaPartnerOfRecordCheck', partnerOfRecord:
        | { __typename?: 'MpaPartnerIdNotValidOnRecord', errorCode?: string | null, errorDescription?: string | null }
        | { __typename?: 'MpaPartnerOfRecordUnavailable' }
        | { __typename?: 'MpaPartnerOfRecordUndocumentedCode', errorCode?: string | null, errorDescription?: string | null }
        | { __typename?: 'MpaPartnerOfRecordUnknown' }
        | { __typename?: 'MpaPartnerOfRecordUnrecognized' }
        | { __typename?: 'MpaPartnerOfRecordValid' }
      , guidance?: { __typename?: 'MpaGuidance', headline: string, whatItMeans: string, actions: Array<string>, learnMoreUrl?: string | null, mayTakeTimeToUpdate: boolean } | null }
    | { __typename?: 'MpaRelationshipCheck' }
  > };

export type OrderCheckQueryVariables = Exact<{
  order: MpaOrderLineInput;
  locale?: InputMaybe<Scalars['String']['input']>;
}>;


export type OrderCheckQuery = { __typename?: 'Query', orderEligibility: { __typename?: 'OrderEligibility', lineId?: string | null, canSubmit: boolean, verified: boolean, retryable: boolean, region: CspRegion, reseller: { __typename?: 'Reseller', mpnId?: string | null, tenantId?: string | null }, mpaStatus:
      | { __typename: 'MpaCspRegionMismatch', message: string, correlationId?: string | null, resellerRegion?: CspRegion | null }
      | { __typename: 'MpaInvalidResellerId', message: string, correlationId?: string | null }
      | { __typename: 'MpaMpnIdNotRecognized', message: string, correlationId?: string | null }
      | { __typename: 'MpaNotIndirectReseller', message: string, correlationId?: string | null }
      | { __typename: 'MpaNotSigned', message: string, correlationId?: string | null }
      | { __typename: 'MpaPartnerCenterUnavailable', message: string, correlationId?: string | null, reason: MpaUnavailableReason, retryAfterSeconds?: number | null }
      | { __typename: 'MpaRegionNotConfigured', message: string, correlationId?: string | null }
      | { __typename: 'MpaSigned', message: string, correlationId?: string | null }
      | { __typename: 'MpaTenantNotFound', message: string, correlationId?: string | null }
      | { __typename: 'MpaTenantNotSigned', message: string, correlationId?: string | null }
      | { __typename: 'MpaUnrecognizedAnswer', message: string, correlationId?: string | null }
    , guidance?: { __typename?: 'MpaGuidance', headline: string, whatItMeans: string, actions: Array<string>, learnMoreUrl?: string | null, mayTakeTimeToUpdate: boolean, locale: string } | null, checks: Array<
      | { __typename?: 'MpaAgreementCheck' }
      | { __typename?: 'MpaPartnerOfRecordCheck', partnerOfRecord:
          | { __typename?: 'MpaPartnerIdNotValidOnRecord', errorCode?: string | null, errorDescription?: string | null }
          | { __typename?: 'MpaPartnerOfRecordUnavailable' }
          | { __typename?: 'MpaPartnerOfRecordUndocumentedCode', errorCode?: string | null, errorDescription?: string | null }
          | { __typename?: 'MpaPartnerOfRecordUnknown' }
          | { __typename?: 'MpaPartnerOfRecordUnrecognized' }
          | { __typename?: 'MpaPartnerOfRecordValid' }
        , guidance?: { __typename?: 'MpaGuidance', headline: string, whatItMeans: string, actions: Array<string>, learnMoreUrl?: string | null, mayTakeTimeToUpdate: boolean } | null }
      | { __typename?: 'MpaRelationshipCheck' }
    > }, cspRegions: Array<{ __typename?: 'MpaCspRegionInfo', region: CspRegion, name: string }> };

export type CartCheckQueryVariables = Exact<{
  orders: Array<MpaOrderLineInput> | MpaOrderLineInput;
  locale?: InputMaybe<Scalars['String']['input']>;
}>;


export type CartCheckQuery = { __typename?: 'Query', orderEligibilities: Array<{ __typename?: 'OrderEligibility', lineId?: string | null, canSubmit: boolean, verified: boolean, retryable: boolean, region: CspRegion, reseller: { __typename?: 'Reseller', mpnId?: string | null, tenantId?: string | null }, mpaStatus:
      | { __typename: 'MpaCspRegionMismatch', message: string, correlationId?: string | null, resellerRegion?: CspRegion | null }
      | { __typename: 'MpaInvalidResellerId', message: string, correlationId?: string | null }
      | { __typename: 'MpaMpnIdNotRecognized', message: string, correlationId?: string | null }
      | { __typename: 'MpaNotIndirectReseller', message: string, correlationId?: string | null }
      | { __typename: 'MpaNotSigned', message: string, correlationId?: string | null }
      | { __typename: 'MpaPartnerCenterUnavailable', message: string, correlationId?: string | null, reason: MpaUnavailableReason, retryAfterSeconds?: number | null }
      | { __typename: 'MpaRegionNotConfigured', message: string, correlationId?: string | null }
      | { __typename: 'MpaSigned', message: string, correlationId?: string | null }
      | { __typename: 'MpaTenantNotFound', message: string, correlationId?: string | null }
      | { __typename: 'MpaTenantNotSigned', message: string, correlationId?: string | null }
      | { __typename: 'MpaUnrecognizedAnswer', message: string, correlationId?: string | null }
    , guidance?: { __typename?: 'MpaGuidance', headline: string, whatItMeans: string, actions: Array<string>, learnMoreUrl?: string | null, mayTakeTimeToUpdate: boolean, locale: string } | null, checks: Array<
      | { __typename?: 'MpaAgreementCheck' }
      | { __typename?: 'MpaPartnerOfRecordCheck', partnerOfRecord:
          | { __typename?: 'MpaPartnerIdNotValidOnRecord', errorCode?: string | null, errorDescription?: string | null }
          | { __typename?: 'MpaPartnerOfRecordUnavailable' }
          | { __typename?: 'MpaPartnerOfRecordUndocumentedCode', errorCode?: string | null, errorDescription?: string | null }
          | { __typename?: 'MpaPartnerOfRecordUnknown' }
          | { __typename?: 'MpaPartnerOfRecordUnrecognized' }
          | { __typename?: 'MpaPartnerOfRecordValid' }
        , guidance?: { __typename?: 'MpaGuidance', headline: string, whatItMeans: string, actions: Array<string>, learnMoreUrl?: string | null, mayTakeTimeToUpdate: boolean } | null }
      | { __typename?: 'MpaRelationshipCheck' }
    > }>, cspRegions: Array<{ __typename?: 'MpaCspRegionInfo', region: CspRegion, name: string }> };

export type OrderRecheckMutationVariables = Exact<{
  order: MpaOrderLineInput;
  locale?: InputMaybe<Scalars['String']['input']>;
}>;


export type OrderRecheckMutation = { __typename?: 'Mutation', recheckMpaStatus: { __typename?: 'OrderEligibility', lineId?: string | null, canSubmit: boolean, verified: boolean, retryable: boolean, region: CspRegion, reseller: { __typename?: 'Reseller', mpnId?: string | null, tenantId?: string | null }, mpaStatus:
      | { __typename: 'MpaCspRegionMismatch', message: string, correlationId?: string | null, resellerRegion?: CspRegion | null }
      | { __typename: 'MpaInvalidResellerId', message: string, correlationId?: string | null }
      | { __typename: 'MpaMpnIdNotRecognized', message: string, correlationId?: string | null }
      | { __typename: 'MpaNotIndirectReseller', message: string, correlationId?: string | null }
      | { __typename: 'MpaNotSigned', message: string, correlationId?: string | null }
      | { __typename: 'MpaPartnerCenterUnavailable', message: string, correlationId?: string | null, reason: MpaUnavailableReason, retryAfterSeconds?: number | null }
      | { __typename: 'MpaRegionNotConfigured', message: string, correlationId?: string | null }
      | { __typename: 'MpaSigned', message: string, correlationId?: string | null }
      | { __typename: 'MpaTenantNotFound', message: string, correlationId?: string | null }
      | { __typename: 'MpaTenantNotSigned', message: string, correlationId?: string | null }
      | { __typename: 'MpaUnrecognizedAnswer', message: string, correlationId?: string | null }
    , guidance?: { __typename?: 'MpaGuidance', headline: string, whatItMeans: string, actions: Array<string>, learnMoreUrl?: string | null, mayTakeTimeToUpdate: boolean, locale: string } | null, checks: Array<
      | { __typename?: 'MpaAgreementCheck' }
      | { __typename?: 'MpaPartnerOfRecordCheck', partnerOfRecord:
          | { __typename?: 'MpaPartnerIdNotValidOnRecord', errorCode?: string | null, errorDescription?: string | null }
          | { __typename?: 'MpaPartnerOfRecordUnavailable' }
          | { __typename?: 'MpaPartnerOfRecordUndocumentedCode', errorCode?: string | null, errorDescription?: string | null }
          | { __typename?: 'MpaPartnerOfRecordUnknown' }
          | { __typename?: 'MpaPartnerOfRecordUnrecognized' }
          | { __typename?: 'MpaPartnerOfRecordValid' }
        , guidance?: { __typename?: 'MpaGuidance', headline: string, whatItMeans: string, actions: Array<string>, learnMoreUrl?: string | null, mayTakeTimeToUpdate: boolean } | null }
      | { __typename?: 'MpaRelationshipCheck' }
    > } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const OrderCheckLineFragmentDoc = new TypedDocumentString(`
    fragment OrderCheckLine on OrderEligibility {
  lineId
  canSubmit
  verified
  retryable
  region
  reseller {
    mpnId
    tenantId
  }
  mpaStatus {
    __typename
    ... on MpaStatusOutcome {
      message
      correlationId
    }
    ... on MpaCspRegionMismatch {
      resellerRegion
    }
    ... on MpaPartnerCenterUnavailable {
      reason
      retryAfterSeconds
    }
  }
  guidance {
    headline
    whatItMeans
    actions
    learnMoreUrl
    mayTakeTimeToUpdate
    locale
  }
  checks {
    ... on MpaPartnerOfRecordCheck {
      partnerOfRecord {
        ... on MpaPartnerOfRecordRefusal {
          errorCode
          errorDescription
        }
      }
      guidance {
        headline
        whatItMeans
        actions
        learnMoreUrl
        mayTakeTimeToUpdate
      }
    }
  }
}
    `, {"fragmentName":"OrderCheckLine"}) as unknown as TypedDocumentString<OrderCheckLineFragment, unknown>;
export const OrderCheckDocument = new TypedDocumentString(`
    query OrderCheck($order: MpaOrderLineInput!, $locale: String) {
  orderEligibility(order: $order, locale: $locale) {
    ...OrderCheckLine
  }
  cspRegions(locale: $locale) {
    region
    name
  }
}
    fragment OrderCheckLine on OrderEligibility {
  lineId
  canSubmit
  verified
  retryable
  region
  reseller {
    mpnId
    tenantId
  }
  mpaStatus {
    __typename
    ... on MpaStatusOutcome {
      message
      correlationId
    }
    ... on MpaCspRegionMismatch {
      resellerRegion
    }
    ... on MpaPartnerCenterUnavailable {
      reason
      retryAfterSeconds
    }
  }
  guidance {
    headline
    whatItMeans
    actions
    learnMoreUrl
    mayTakeTimeToUpdate
    locale
  }
  checks {
    ... on MpaPartnerOfRecordCheck {
      partnerOfRecord {
        ... on MpaPartnerOfRecordRefusal {
          errorCode
          errorDescription
        }
      }
      guidance {
        headline
        whatItMeans
        actions
        learnMoreUrl
        mayTakeTimeToUpdate
      }
    }
  }
}`) as unknown as TypedDocumentString<OrderCheckQuery, OrderCheckQueryVariables>;
export const CartCheckDocument = new TypedDocumentString(`
    query CartCheck($orders: [MpaOrderLineInput!]!, $locale: String) {
  orderEligibilities(orders: $orders, locale: $locale) {
    ...OrderCheckLine
  }
  cspRegions(locale: $locale) {
    region
    name
  }
}
    fragment OrderCheckLine on OrderEligibility {
  lineId
  canSubmit
  verified
  retryable
  region
  reseller {
    mpnId
    tenantId
  }
  mpaStatus {
    __typename
    ... on MpaStatusOutcome {
      message
      correlationId
    }
    ... on MpaCspRegionMismatch {
      resellerRegion
    }
    ... on MpaPartnerCenterUnavailable {
      reason
      retryAfterSeconds
    }
  }
  guidance {
    headline
    whatItMeans
    actions
    learnMoreUrl
    mayTakeTimeToUpdate
    locale
  }
  checks {
    ... on MpaPartnerOfRecordCheck {
      partnerOfRecord {
        ... on MpaPartnerOfRecordRefusal {
          errorCode
          errorDescription
        }
      }
      guidance {
        headline
        whatItMeans
        actions
        learnMoreUrl
        mayTakeTimeToUpdate
      }
    }
  }
}`) as unknown as TypedDocumentString<CartCheckQuery, CartCheckQueryVariables>;
export const OrderRecheckDocument = new TypedDocumentString(`
    mutation OrderRecheck($order: MpaOrderLineInput!, $locale: String) {
  recheckMpaStatus(order: $order, locale: $locale) {
    ...OrderCheckLine
  }
}
    fragment OrderCheckLine on OrderEligibility {
  lineId
  canSubmit
  verified
  retryable
  region
  reseller {
    mpnId
    tenantId
  }
  mpaStatus {
    __typename
    ... on MpaStatusOutcome {
      message
      correlationId
    }
    ... on MpaCspRegionMismatch {
      resellerRegion
    }
    ... on MpaPartnerCenterUnavailable {
      reason
      retryAfterSeconds
    }
  }
  guidance {
    headline
    whatItMeans
    actions
    learnMoreUrl
    mayTakeTimeToUpdate
    locale
  }
  checks {
    ... on MpaPartnerOfRecordCheck {
      partnerOfRecord {
        ... on MpaPartnerOfRecordRefusal {
          errorCode
          errorDescription
        }
      }
      guidance {
        headline
        whatItMeans
        actions
        learnMoreUrl
        mayTakeTimeToUpdate
      }
    }
  }
}`) as unknown as TypedDocumentString<OrderRecheckMutation, OrderRecheckMutationVariables>;