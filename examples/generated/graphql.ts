/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
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

/** One order (or cart line) to check: a reseller and the region the order is placed from. */
export type MpaOrderLineInput = {
  /** Your own reference for the line, echoed back unchanged. */
  lineId?: string | number | null | undefined;
  /** The reseller's MPN ID (PGA/PLA). Give this or tenantId. */
  mpnId?: string | number | null | undefined;
  /** The CSP region the order is placed from. */
  region: CspRegion;
  /** The reseller's CSP tenant ID. Give this or mpnId. */
  tenantId?: string | number | null | undefined;
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

/** Why Partner Center gave no answer about the reseller. */
export type MpaUnavailableReason =
  /** Calls are paused after repeated failures; they resume after retryAfterSeconds. */
  | 'CIRCUIT_OPEN'
  /** Partner Center refused the gateway's own credentials for the region; the reseller is not at fault. */
  | 'CREDENTIALS_REJECTED'
  /** Partner Center, or a proxy before it, sent something that is not its documented answer. */
  | 'MALFORMED_RESPONSE'
  /** Partner Center could not be reached. */
  | 'NETWORK_ERROR'
  /** Partner Center failed (HTTP 5xx). */
  | 'SERVER_ERROR'
  /** Partner Center asked us to slow down (HTTP 429). */
  | 'THROTTLED'
  /** Partner Center did not answer in time. */
  | 'TIMEOUT';

type MpaStatusFields_MpaCspRegionMismatch_Fragment = { __typename: 'MpaCspRegionMismatch', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null, resellerRegion: CspRegion | null };

type MpaStatusFields_MpaInvalidResellerId_Fragment = { __typename: 'MpaInvalidResellerId', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null, problem: MpaResellerIdProblem };

type MpaStatusFields_MpaMpnIdNotRecognized_Fragment = { __typename: 'MpaMpnIdNotRecognized', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null };

type MpaStatusFields_MpaNotIndirectReseller_Fragment = { __typename: 'MpaNotIndirectReseller', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null };

type MpaStatusFields_MpaNotSigned_Fragment = { __typename: 'MpaNotSigned', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null };

type MpaStatusFields_MpaPartnerCenterUnavailable_Fragment = { __typename: 'MpaPartnerCenterUnavailable', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, reason: MpaUnavailableReason, retryAfterSeconds: number | null };

type MpaStatusFields_MpaRegionNotConfigured_Fragment = { __typename: 'MpaRegionNotConfigured', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, configuredRegions: Array<CspRegion> };

type MpaStatusFields_MpaSigned_Fragment = { __typename: 'MpaSigned', message: string, region: CspRegion, checkedAt: string, correlationId: string | null };

type MpaStatusFields_MpaTenantNotFound_Fragment = { __typename: 'MpaTenantNotFound', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null };

type MpaStatusFields_MpaTenantNotSigned_Fragment = { __typename: 'MpaTenantNotSigned', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null };

type MpaStatusFields_MpaUnrecognizedAnswer_Fragment = { __typename: 'MpaUnrecognizedAnswer', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null };

export type MpaStatusFieldsFragment =
  | MpaStatusFields_MpaCspRegionMismatch_Fragment
  | MpaStatusFields_MpaInvalidResellerId_Fragment
  | MpaStatusFields_MpaMpnIdNotRecognized_Fragment
  | MpaStatusFields_MpaNotIndirectReseller_Fragment
  | MpaStatusFields_MpaNotSigned_Fragment
  | MpaStatusFields_MpaPartnerCenterUnavailable_Fragment
  | MpaStatusFields_MpaRegionNotConfigured_Fragment
  | MpaStatusFields_MpaSigned_Fragment
  | MpaStatusFields_MpaTenantNotFound_Fragment
  | MpaStatusFields_MpaTenantNotSigned_Fragment
  | MpaStatusFields_MpaUnrecognizedAnswer_Fragment
;

export type OrderEligibilityQueryVariables = Exact<{
  order: MpaOrderLineInput;
  locale?: string | null | undefined;
}>;


export type OrderEligibilityQuery = { orderEligibility: { canSubmit: boolean, retryable: boolean, mpaStatus:
      | { __typename: 'MpaCspRegionMismatch', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null, resellerRegion: CspRegion | null }
      | { __typename: 'MpaInvalidResellerId', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null, problem: MpaResellerIdProblem }
      | { __typename: 'MpaMpnIdNotRecognized', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null }
      | { __typename: 'MpaNotIndirectReseller', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null }
      | { __typename: 'MpaNotSigned', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null }
      | { __typename: 'MpaPartnerCenterUnavailable', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, reason: MpaUnavailableReason, retryAfterSeconds: number | null }
      | { __typename: 'MpaRegionNotConfigured', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, configuredRegions: Array<CspRegion> }
      | { __typename: 'MpaSigned', message: string, region: CspRegion, checkedAt: string, correlationId: string | null }
      | { __typename: 'MpaTenantNotFound', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null }
      | { __typename: 'MpaTenantNotSigned', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null }
      | { __typename: 'MpaUnrecognizedAnswer', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null }
    , guidance: { headline: string, whatItMeans: string, actions: Array<string>, learnMoreUrl: string | null, mayTakeTimeToUpdate: boolean } | null } };

export type CartEligibilityQueryVariables = Exact<{
  orders: Array<MpaOrderLineInput> | MpaOrderLineInput;
  locale?: string | null | undefined;
}>;


export type CartEligibilityQuery = { orderEligibilities: Array<{ lineId: string | null, canSubmit: boolean, retryable: boolean, mpaStatus:
      | { __typename: 'MpaCspRegionMismatch', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null, resellerRegion: CspRegion | null }
      | { __typename: 'MpaInvalidResellerId', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null, problem: MpaResellerIdProblem }
      | { __typename: 'MpaMpnIdNotRecognized', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null }
      | { __typename: 'MpaNotIndirectReseller', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null }
      | { __typename: 'MpaNotSigned', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null }
      | { __typename: 'MpaPartnerCenterUnavailable', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, reason: MpaUnavailableReason, retryAfterSeconds: number | null }
      | { __typename: 'MpaRegionNotConfigured', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, configuredRegions: Array<CspRegion> }
      | { __typename: 'MpaSigned', message: string, region: CspRegion, checkedAt: string, correlationId: string | null }
      | { __typename: 'MpaTenantNotFound', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null }
      | { __typename: 'MpaTenantNotSigned', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null }
      | { __typename: 'MpaUnrecognizedAnswer', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null }
    , guidance: { headline: string, actions: Array<string> } | null }> };

export type ResellerStatusQueryVariables = Exact<{
  mpnId?: string | number | null | undefined;
  tenantId?: string | number | null | undefined;
  region: CspRegion;
}>;


export type ResellerStatusQuery = { reseller: { mpnId: string | null, tenantId: string | null, mpaStatus:
      | { __typename: 'MpaCspRegionMismatch', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null, resellerRegion: CspRegion | null }
      | { __typename: 'MpaInvalidResellerId', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null, problem: MpaResellerIdProblem }
      | { __typename: 'MpaMpnIdNotRecognized', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null }
      | { __typename: 'MpaNotIndirectReseller', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null }
      | { __typename: 'MpaNotSigned', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null }
      | { __typename: 'MpaPartnerCenterUnavailable', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, reason: MpaUnavailableReason, retryAfterSeconds: number | null }
      | { __typename: 'MpaRegionNotConfigured', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, configuredRegions: Array<CspRegion> }
      | { __typename: 'MpaSigned', message: string, region: CspRegion, checkedAt: string, correlationId: string | null }
      | { __typename: 'MpaTenantNotFound', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null }
      | { __typename: 'MpaTenantNotSigned', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null }
      | { __typename: 'MpaUnrecognizedAnswer', message: string, region: CspRegion, checkedAt: string, correlationId: string | null, code: string | null, learnMoreUrl: string | null }
     } };

export type ConfiguredRegionsQueryVariables = Exact<{
  locale?: string | null | undefined;
}>;


export type ConfiguredRegionsQuery = { cspRegions: Array<{ region: CspRegion, name: string }> };

export const MpaStatusFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MpaStatusFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MpaStatus"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MpaStatusOutcome"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"checkedAt"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MpaPartnerCenterError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"learnMoreUrl"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MpaCspRegionMismatch"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resellerRegion"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MpaInvalidResellerId"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"problem"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MpaRegionNotConfigured"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"configuredRegions"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MpaPartnerCenterUnavailable"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}}]}}]} as unknown as DocumentNode<MpaStatusFieldsFragment, unknown>;
export const OrderEligibilityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrderEligibility"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"order"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MpaOrderLineInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"locale"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderEligibility"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"order"},"value":{"kind":"Variable","name":{"kind":"Name","value":"order"}}},{"kind":"Argument","name":{"kind":"Name","value":"locale"},"value":{"kind":"Variable","name":{"kind":"Name","value":"locale"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"canSubmit"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"mpaStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MpaStatusFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"guidance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"headline"}},{"kind":"Field","name":{"kind":"Name","value":"whatItMeans"}},{"kind":"Field","name":{"kind":"Name","value":"actions"}},{"kind":"Field","name":{"kind":"Name","value":"learnMoreUrl"}},{"kind":"Field","name":{"kind":"Name","value":"mayTakeTimeToUpdate"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MpaStatusFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MpaStatus"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MpaStatusOutcome"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"checkedAt"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MpaPartnerCenterError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"learnMoreUrl"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MpaCspRegionMismatch"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resellerRegion"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MpaInvalidResellerId"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"problem"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MpaRegionNotConfigured"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"configuredRegions"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MpaPartnerCenterUnavailable"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}}]}}]} as unknown as DocumentNode<OrderEligibilityQuery, OrderEligibilityQueryVariables>;
export const CartEligibilityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CartEligibility"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orders"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MpaOrderLineInput"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"locale"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderEligibilities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orders"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orders"}}},{"kind":"Argument","name":{"kind":"Name","value":"locale"},"value":{"kind":"Variable","name":{"kind":"Name","value":"locale"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lineId"}},{"kind":"Field","name":{"kind":"Name","value":"canSubmit"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"mpaStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MpaStatusFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"guidance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"headline"}},{"kind":"Field","name":{"kind":"Name","value":"actions"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MpaStatusFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MpaStatus"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MpaStatusOutcome"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"checkedAt"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MpaPartnerCenterError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"learnMoreUrl"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MpaCspRegionMismatch"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resellerRegion"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MpaInvalidResellerId"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"problem"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MpaRegionNotConfigured"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"configuredRegions"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MpaPartnerCenterUnavailable"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}}]}}]} as unknown as DocumentNode<CartEligibilityQuery, CartEligibilityQueryVariables>;
export const ResellerStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ResellerStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mpnId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"region"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CspRegion"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reseller"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"mpnId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mpnId"}}},{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mpnId"}},{"kind":"Field","name":{"kind":"Name","value":"tenantId"}},{"kind":"Field","name":{"kind":"Name","value":"mpaStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"Variable","name":{"kind":"Name","value":"region"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MpaStatusFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MpaStatusFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MpaStatus"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MpaStatusOutcome"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"checkedAt"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MpaPartnerCenterError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"learnMoreUrl"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MpaCspRegionMismatch"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resellerRegion"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MpaInvalidResellerId"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"problem"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MpaRegionNotConfigured"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"configuredRegions"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MpaPartnerCenterUnavailable"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}}]}}]} as unknown as DocumentNode<ResellerStatusQuery, ResellerStatusQueryVariables>;
export const ConfiguredRegionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConfiguredRegions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"locale"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cspRegions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"locale"},"value":{"kind":"Variable","name":{"kind":"Name","value":"locale"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<ConfiguredRegionsQuery, ConfiguredRegionsQueryVariables>;