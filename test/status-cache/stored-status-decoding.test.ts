import { AgreementOutcome, OUTCOME_KINDS } from '../../src/partner-center/outcome/outcome';
import { TransportFailure, UpstreamAnswer, classifyAnswer, gatewayOutcome } from '../../src/partner-center/outcome/outcome-table';
import { missingResultOutcome, outcomeOfResult } from '../../src/partner-center/partner-of-record/por-verdict';
import { decodeStoredStatus } from '../../src/status-cache/stored-status-decoding';

const trace = { correlationId: 'c0ffee00-0000-4000-8000-000000000001', requestId: 'r', cv: 'cv', serverId: 's' };
const error = (status: number, code: number | string, retryAfterSeconds?: number): UpstreamAnswer => ({
  type: 'error',
  status,
  error: { code, description: 'described', data: ['https://learn.example/x'], source: 'PartnerFD' },
  retryAfterSeconds,
});
const TRANSPORT: readonly TransportFailure[] = [
  'timeout',
  'network',
  'tokenUnavailable',
  'circuitOpen',
  'deadlineExceeded',
  'budgetExceeded',
  'clientBudgetExceeded',
  'notAsked',
];

/** Every outcome this version can write, from Partner Center's answers, the gateway's own and the partner-of-record verdicts. */
const WRITTEN: ReadonlyArray<readonly [string, AgreementOutcome]> = [
  ...OUTCOME_KINDS.map((kind) => [`the gateway's ${kind}`, gatewayOutcome(kind, { retryAfterSeconds: 7 })] as const),
  ...TRANSPORT.map((failure) => [`a ${failure}`, gatewayOutcome('upstreamFailure', { reason: failure })] as const),
  ['signed', classifyAnswer({ type: 'agreement', isAgreementSigned: true }, trace)],
  ['not signed as 200 false', classifyAnswer({ type: 'agreement', isAgreementSigned: false }, trace)],
  ...[2000, '2201', 2200, 2203, 2204, 2205, 2206, 900123, 800015].map(
    (code) => [`a 400 with code ${code}`, classifyAnswer(error(400, code), trace)] as const,
  ),
  ['a 429 with Retry-After', classifyAnswer({ type: 'error', status: 429, retryAfterSeconds: 57 }, trace)],
  ['a 429 without Retry-After', classifyAnswer({ type: 'error', status: 429 }, trace)],
  ['a 401', classifyAnswer({ type: 'error', status: 401 }, trace)],
  ['a 503 with Retry-After', classifyAnswer({ type: 'error', status: 503, retryAfterSeconds: 10 }, trace)],
  ['an HTML 404', classifyAnswer({ type: 'error', status: 404, bodyExcerpt: '<html>' }, trace)],
  ['a verdict valid on record', outcomeOfResult({ partnerId: '1', isValidPartnerIdOnRecord: true }, trace)],
  [
    'a verdict not valid',
    outcomeOfResult({ partnerId: '1', isValidPartnerIdOnRecord: false, errorCode: 900400, errorDescription: 'no' }, trace),
  ],
  ['a verdict without a code', outcomeOfResult({ partnerId: '1', isValidPartnerIdOnRecord: false }, trace)],
  ['a missing verdict', missingResultOutcome(trace)],
];

describe('decodeStoredStatus', () => {
  it.each(WRITTEN)('reads back %s as written', (_, outcome) => {
    const stored = JSON.parse(JSON.stringify({ outcome, checkedAt: Date.now(), askedAt: 1_700_000_000_000_000 })) as unknown;
    expect(decodeStoredStatus(stored)).toEqual(stored);
  });

  it.each([
    ['no outcome', { checkedAt: 1 }],
    ['an unknown kind', { outcome: { ...gatewayOutcome('signed'), kind: 'signedLater' }, checkedAt: 1 }],
    ['an outcome without its origin', { outcome: { ...gatewayOutcome('signed'), origin: undefined }, checkedAt: 1 }],
    ['a trace that is not an object', { outcome: { ...gatewayOutcome('signed'), trace: 'x' }, checkedAt: 1 }],
    ['a correlation id that is not text', { outcome: { ...gatewayOutcome('signed'), trace: { correlationId: 5 } }, checkedAt: 1 }],
    ['an upstream body without its data', { outcome: { ...gatewayOutcome('notSigned'), upstream: { description: 'x' } }, checkedAt: 1 }],
    ['a failure without its reason', { outcome: { ...gatewayOutcome('upstreamFailure'), reason: undefined }, checkedAt: 1 }],
    ['a checked time an hour and more ahead', { outcome: gatewayOutcome('signed'), checkedAt: Date.now() + 3_700_000 }],
    ['a checked time that is not a number', { outcome: gatewayOutcome('signed'), checkedAt: '1' }],
    ['an asked time that is not a number', { outcome: gatewayOutcome('signed'), checkedAt: 1, askedAt: 'soon' }],
  ])('refuses an entry with %s', (_, entry) => {
    expect(decodeStoredStatus(JSON.parse(JSON.stringify(entry)))).toBeUndefined();
  });
});
