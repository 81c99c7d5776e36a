/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment MpaStatusFields on MpaStatus {\n  __typename\n  ... on MpaStatusOutcome {\n    message\n    region\n    checkedAt\n    correlationId\n  }\n  ... on MpaPartnerCenterError {\n    code\n    learnMoreUrl\n  }\n  ... on MpaCspRegionMismatch {\n    resellerRegion\n  }\n  ... on MpaInvalidResellerId {\n    problem\n  }\n  ... on MpaRegionNotConfigured {\n    configuredRegions\n  }\n  ... on MpaPartnerCenterUnavailable {\n    reason\n    retryAfterSeconds\n  }\n}\n\nquery OrderEligibility($order: MpaOrderLineInput!, $locale: String) {\n  orderEligibility(order: $order, locale: $locale) {\n    ...EligibilityFields\n  }\n}\n\nquery CartEligibility($orders: [MpaOrderLineInput!]!, $locale: String) {\n  orderEligibilities(orders: $orders, locale: $locale) {\n    lineId\n    ...EligibilityFields\n  }\n}\n\nfragment EligibilityFields on OrderEligibility {\n  canSubmit\n  retryable\n  mpaStatus {\n    ...MpaStatusFields\n  }\n  guidance {\n    headline\n    whatItMeans\n    actions\n    learnMoreUrl\n    mayTakeTimeToUpdate\n  }\n}": typeof types.MpaStatusFieldsFragmentDoc,
};
const documents: Documents = {
    "fragment MpaStatusFields on MpaStatus {\n  __typename\n  ... on MpaStatusOutcome {\n    message\n    region\n    checkedAt\n    correlationId\n  }\n  ... on MpaPartnerCenterError {\n    code\n    learnMoreUrl\n  }\n  ... on MpaCspRegionMismatch {\n    resellerRegion\n  }\n  ... on MpaInvalidResellerId {\n    problem\n  }\n  ... on MpaRegionNotConfigured {\n    configuredRegions\n  }\n  ... on MpaPartnerCenterUnavailable {\n    reason\n    retryAfterSeconds\n  }\n}\n\nquery OrderEligibility($order: MpaOrderLineInput!, $locale: String) {\n  orderEligibility(order: $order, locale: $locale) {\n    ...EligibilityFields\n  }\n}\n\nquery CartEligibility($orders: [MpaOrderLineInput!]!, $locale: String) {\n  orderEligibilities(orders: $orders, locale: $locale) {\n    lineId\n    ...EligibilityFields\n  }\n}\n\nfragment EligibilityFields on OrderEligibility {\n  canSubmit\n  retryable\n  mpaStatus {\n    ...MpaStatusFields\n  }\n  guidance {\n    headline\n    whatItMeans\n    actions\n    learnMoreUrl\n    mayTakeTimeToUpdate\n  }\n}": types.MpaStatusFieldsFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment MpaStatusFields on MpaStatus {\n  __typename\n  ... on MpaStatusOutcome {\n    message\n    region\n    checkedAt\n    correlationId\n  }\n  ... on MpaPartnerCenterError {\n    code\n    learnMoreUrl\n  }\n  ... on MpaCspRegionMismatch {\n    resellerRegion\n  }\n  ... on MpaInvalidResellerId {\n    problem\n  }\n  ... on MpaRegionNotConfigured {\n    configuredRegions\n  }\n  ... on MpaPartnerCenterUnavailable {\n    reason\n    retryAfterSeconds\n  }\n}\n\nquery OrderEligibility($order: MpaOrderLineInput!, $locale: String) {\n  orderEligibility(order: $order, locale: $locale) {\n    ...EligibilityFields\n  }\n}\n\nquery CartEligibility($orders: [MpaOrderLineInput!]!, $locale: String) {\n  orderEligibilities(orders: $orders, locale: $locale) {\n    lineId\n    ...EligibilityFields\n  }\n}\n\nfragment EligibilityFields on OrderEligibility {\n  canSubmit\n  retryable\n  mpaStatus {\n    ...MpaStatusFields\n  }\n  guidance {\n    headline\n    whatItMeans\n    actions\n    learnMoreUrl\n    mayTakeTimeToUpdate\n  }\n}"): (typeof documents)["fragment MpaStatusFields on MpaStatus {\n  __typename\n  ... on MpaStatusOutcome {\n    message\n    region\n    checkedAt\n    correlationId\n  }\n  ... on MpaPartnerCenterError {\n    code\n    learnMoreUrl\n  }\n  ... on MpaCspRegionMismatch {\n    resellerRegion\n  }\n  ... on MpaInvalidResellerId {\n    problem\n  }\n  ... on MpaRegionNotConfigured {\n    configuredRegions\n  }\n  ... on MpaPartnerCenterUnavailable {\n    reason\n    retryAfterSeconds\n  }\n}\n\nquery OrderEligibility($order: MpaOrderLineInput!, $locale: String) {\n  orderEligibility(order: $order, locale: $locale) {\n    ...EligibilityFields\n  }\n}\n\nquery CartEligibility($orders: [MpaOrderLineInput!]!, $locale: String) {\n  orderEligibilities(orders: $orders, locale: $locale) {\n    lineId\n    ...EligibilityFields\n  }\n}\n\nfragment EligibilityFields on OrderEligibility {\n  canSubmit\n  retryable\n  mpaStatus {\n    ...MpaStatusFields\n  }\n  guidance {\n    headline\n    whatItMeans\n    actions\n    learnMoreUrl\n    mayTakeTimeToUpdate\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;