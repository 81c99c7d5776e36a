import { print } from 'graphql';
import { CartEligibilityDocument, CartEligibilityQuery, CartEligibilityQueryVariables } from './generated/graphql';
import { viewOf } from './mpa-status-view';

/**
 * `npm run example`: the typed client asks a running gateway about a cart made of test
 * identifiers and prints what the order form would show for each line, through the
 * exhaustive switch in `mpa-status-view.ts`. Start the sandbox first (`npm start`).
 * The URL is the first argument, else GATEWAY_URL, else the sandbox's default.
 */
const url = process.argv[2] ?? process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';

const CART: CartEligibilityQueryVariables['orders'] = [
  { lineId: 'office-365', mpnId: '1000001', region: 'UNITED_STATES' },
  { lineId: 'azure-plan', mpnId: '1000002', region: 'UNITED_STATES' },
  { lineId: 'dynamics', mpnId: '1000003', region: 'UNITED_STATES' },
  { lineId: 'dynamics-eu', mpnId: '1000003', region: 'EUROPE' },
  { lineId: 'teams', tenantId: '00000000-0000-0000-0000-000001000001', region: 'UNITED_STATES' },
  { lineId: 'typo', mpnId: '12x', region: 'UNITED_STATES' },
  { lineId: 'korea', mpnId: '1000001', region: 'KOREA' },
  { lineId: 'busy', mpnId: '1000429', region: 'UNITED_STATES' },
  { lineId: 'future', mpnId: '1000777', region: 'UNITED_STATES' },
];

async function main(): Promise<number> {
  const variables: CartEligibilityQueryVariables = { orders: CART, locale: process.env.EXAMPLE_LOCALE ?? 'en-US' };
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: print(CartEligibilityDocument), variables }),
    });
  } catch (error) {
    const reason = ((error as Error).cause as Error | undefined)?.message ?? (error as Error).message;
    process.stderr.write(`Cannot reach the gateway at ${url} (${reason}); start it with npm start.\n`);
    return 1;
  }
  const body = (await response.json()) as { data?: CartEligibilityQuery; errors?: Array<{ message: string }> };
  if (!response.ok || !body.data) {
    process.stderr.write(`The gateway answered ${response.status}: ${body.errors?.map((e) => e.message).join('; ') ?? 'no data'}\n`);
    return 1;
  }
  for (const line of body.data.orderEligibilities) {
    const view = viewOf(line.mpaStatus);
    const submit = line.canSubmit ? 'submit' : 'blocked';
    process.stdout.write(`${(line.lineId ?? '-').padEnd(12)} ${submit.padEnd(8)} ${view.tone.padEnd(7)} ${view.text}\n`);
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
