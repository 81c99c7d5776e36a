import type { Gateway } from './gateway';
import { GRAPHQL_PATH } from '../http/graphql-path';

/** The operation the sandbox's explorer opens with: a reseller that has not signed (MPN ID 1000002). */
export const SANDBOX_EXAMPLE = {
  query: `# Sandbox mode: every answer comes from the built-in emulator (test identifiers: docs/partner-center.md).
# MPN ID 1000002 has not accepted the Microsoft Partner Agreement for United States.
# The Accept-Language header (below) picks the language; try pt-PT.
query OrderEligibility($order: MpaOrderLineInput!) {
  orderEligibility(order: $order) {
    canSubmit
    retryable
    mpaStatus {
      __typename
      ... on MpaStatusOutcome { message }
      ... on MpaPartnerCenterError { code }
    }
    guidance { headline whatItMeans actions learnMoreUrl }
  }
}
`,
  variables: `{
  "order": { "mpnId": "1000002", "region": "UNITED_STATES" }
}`,
  headers: { 'Accept-Language': 'en-US' } as Readonly<Record<string, string>>,
};

/** The start-up text in sandbox mode: loud, with the URL and a query to paste. */
export function describeSandbox(gateway: Gateway, url: string): string {
  const regions = gateway.services.checker.configuredRegions.join(', ');
  return [
    '',
    '======================================================================',
    ' SANDBOX MODE: no Partner Center account is configured, so every answer',
    ' comes from the built-in emulator and its test identifiers, not Microsoft.',
    '======================================================================',
    `GraphQL:   ${url}${GRAPHQL_PATH}`,
    `Explorer:  ${url}/explorer   (GraphiQL served by the gateway itself; works offline)`,
    ...(gateway.orderFormPath
      ? [`Order:     ${url}${gateway.orderFormPath}   (reference order page: <mpa-order-check> gates its Submit button)`]
      : []),
    `Emulator:  ${gateway.emulator?.url ?? '-'}   (test identifiers: docs/partner-center.md, or npm run emulator)`,
    `Regions:   ${regions}`,
    '',
    'Try:',
    `curl -s ${url}/graphql -H 'content-type: application/json' --data '{"query":"{ orderEligibility(order: {mpnId: \\"1000002\\", region: UNITED_STATES}) { canSubmit mpaStatus { __typename ... on MpaStatusOutcome { message } } guidance { headline actions } } }"}'`,
    '',
  ].join('\n');
}
