import type { Gateway } from './gateway';

/** The start-up text in sandbox mode: loud, with the URL and a query to paste. */
export function describeSandbox(gateway: Gateway, url: string): string {
  const regions = gateway.services.checker.configuredRegions.join(', ');
  return [
    '',
    '======================================================================',
    ' SANDBOX MODE: no Partner Center account is configured, so every answer',
    ' comes from the built-in emulator and its test identifiers, not Microsoft.',
    '======================================================================',
    `GraphQL:   ${url}/graphql   (open it in a browser for the explorer)`,
    `Emulator:  ${gateway.emulator?.url ?? '-'}   (test identifiers: README, or npm run emulator)`,
    `Regions:   ${regions}`,
    '',
    'Try:',
    `curl -s ${url}/graphql -H 'content-type: application/json' --data '{"query":"{ orderEligibility(order: {mpnId: \\"1000002\\", region: UNITED_STATES}) { canSubmit mpaStatus { __typename ... on MpaStatusOutcome { message } } guidance { headline actions } } }"}'`,
    '',
  ].join('\n');
}
