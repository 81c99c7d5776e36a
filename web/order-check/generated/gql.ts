/* eslint-disable */
import * as types from './graphql';



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
    "fragment OrderCheckLine on OrderEligibility {\n  lineId\n  canSubmit\n  verified\n  retryable\n  region\n  reseller {\n    mpnId\n    tenantId\n  }\n  mpaStatus {\n    __typename\n    ... on MpaStatusOutcome {\n      message\n      correlationId\n    }\n    ... on MpaCspRegionMismatch {\n      resellerRegion\n    }\n    ... on MpaPartnerCenterUnavailable {\n      reason\n      retryAfterSeconds\n    }\n  }\n  guidance {\n    headline\n    whatItMeans\n    actions\n    learnMoreUrl\n    mayTakeTimeToUpdate\n    locale\n  }\n  checks {\n    ... on MpaPartnerOfRecordCheck {\n      partnerOfRecord {\n        ... on MpaPartnerOfRecordRefusal {\n          errorCode\n          errorDescription\n        }\n      }\n      guidance {\n        headline\n        whatItMeans\n        actions\n        learnMoreUrl\n        mayTakeTimeToUpdate\n      }\n    }\n  }\n}\n\nquery OrderCheck($order: MpaOrderLineInput!, $locale: String) {\n  orderEligibility(order: $order, locale: $locale) {\n    ...OrderCheckLine\n  }\n  cspRegions(locale: $locale) {\n    region\n    name\n  }\n}\n\nquery CartCheck($orders: [MpaOrderLineInput!]!, $locale: String) {\n  orderEligibilities(orders: $orders, locale: $locale) {\n    ...OrderCheckLine\n  }\n  cspRegions(locale: $locale) {\n    region\n    name\n  }\n}\n\nmutation OrderRecheck($order: MpaOrderLineInput!, $locale: String) {\n  recheckMpaStatus(order: $order, locale: $locale) {\n    ...OrderCheckLine\n  }\n}": typeof types.OrderCheckLineFragmentDoc,
};
const documents: Documents = {
    "fragment OrderCheckLine on OrderEligibility {\n  lineId\n  canSubmit\n  verified\n  retryable\n  region\n  reseller {\n    mpnId\n    tenantId\n  }\n  mpaStatus {\n    __typename\n    ... on MpaStatusOutcome {\n      message\n      correlationId\n    }\n    ... on MpaCspRegionMismatch {\n      resellerRegion\n    }\n    ... on MpaPartnerCenterUnavailable {\n      reason\n      retryAfterSeconds\n    }\n  }\n  guidance {\n    headline\n    whatItMeans\n    actions\n    learnMoreUrl\n    mayTakeTimeToUpdate\n    locale\n  }\n  checks {\n    ... on MpaPartnerOfRecordCheck {\n      partnerOfRecord {\n        ... on MpaPartnerOfRecordRefusal {\n          errorCode\n          errorDescription\n        }\n      }\n      guidance {\n        headline\n        whatItMeans\n        actions\n        learnMoreUrl\n        mayTakeTimeToUpdate\n      }\n    }\n  }\n}\n\nquery OrderCheck($order: MpaOrderLineInput!, $locale: String) {\n  orderEligibility(order: $order, locale: $locale) {\n    ...OrderCheckLine\n  }\n  cspRegions(locale: $locale) {\n    region\n    name\n  }\n}\n\nquery CartCheck($orders: [MpaOrderLineInput!]!, $locale: String) {\n  orderEligibilities(orders: $orders, locale: $locale) {\n    ...OrderCheckLine\n  }\n  cspRegions(locale: $locale) {\n    region\n    name\n  }\n}\n\nmutation OrderRecheck($order: MpaOrderLineInput!, $locale: String) {\n  recheckMpaStatus(order: $order, locale: $locale) {\n    ...OrderCheckLine\n  }\n}": types.OrderCheckLineFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment OrderCheckLine on OrderEligibility {\n  lineId\n  canSubmit\n  verified\n  retryable\n  region\n  reseller {\n    mpnId\n    tenantId\n  }\n  mpaStatus {\n    __typename\n    ... on MpaStatusOutcome {\n      message\n      correlationId\n    }\n    ... on MpaCspRegionMismatch {\n      resellerRegion\n    }\n    ... on MpaPartnerCenterUnavailable {\n      reason\n      retryAfterSeconds\n    }\n  }\n  guidance {\n    headline\n    whatItMeans\n    actions\n    learnMoreUrl\n    mayTakeTimeToUpdate\n    locale\n  }\n  checks {\n    ... on MpaPartnerOfRecordCheck {\n      partnerOfRecord {\n        ... on MpaPartnerOfRecordRefusal {\n          errorCode\n          errorDescription\n        }\n      }\n      guidance {\n        headline\n        whatItMeans\n        actions\n        learnMoreUrl\n        mayTakeTimeToUpdate\n      }\n    }\n  }\n}\n\nquery OrderCheck($order: MpaOrderLineInput!, $locale: String) {\n  orderEligibility(order: $order, locale: $locale) {\n    ...OrderCheckLine\n  }\n  cspRegions(locale: $locale) {\n    region\n    name\n  }\n}\n\nquery CartCheck($orders: [MpaOrderLineInput!]!, $locale: String) {\n  orderEligibilities(orders: $orders, locale: $locale) {\n    ...OrderCheckLine\n  }\n  cspRegions(locale: $locale) {\n    region\n    name\n  }\n}\n\nmutation OrderRecheck($order: MpaOrderLineInput!, $locale: String) {\n  recheckMpaStatus(order: $order, locale: $locale) {\n    ...OrderCheckLine\n  }\n}"): typeof import('./graphql').OrderCheckLineFragmentDoc;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
