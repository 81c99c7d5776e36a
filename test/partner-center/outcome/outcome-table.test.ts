import { OUTCOME_KINDS } from '../../../src/partner-center/outcome/outcome';
import { AGREEMENT_STATUS_OUTCOMES, classifyAnswer, numericCode, ruleFor } from '../../../src/partner-center/outcome/outcome-table';

describe('The agreementstatus outcome table', () => {
  it.each(OUTCOME_KINDS.map((kind) => [kind]))('has a row for the %s kind', (kind) => {
    expect(AGREEMENT_STATUS_OUTCOMES.some((row) => row.kind === kind)).toBe(true);
  });

  it('ends with exactly one catch-all row, mapped to unrecognized', () => {
    const catchAll = AGREEMENT_STATUS_OUTCOMES.filter((row) => 'otherwise' in row.when);
    expect(catchAll).toHaveLength(1);
    expect(AGREEMENT_STATUS_OUTCOMES.at(-1)).toBe(catchAll[0]);
    expect(catchAll[0].kind).toBe('unrecognized');
  });

  it('has no row that an earlier row hides', () => {
    const answers = AGREEMENT_STATUS_OUTCOMES.map((row) => {
      const w = row.when;
      if ('otherwise' in w) return undefined;
      if ('transport' in w) return { type: 'transport' as const, failure: w.transport };
      if ('unreadableBody' in w) return { type: 'error' as const, status: 200 };
      if ('unexpectedJson' in w) return { type: 'unexpected' as const, status: 200 };
      if ('isAgreementSigned' in w) return { type: 'agreement' as const, isAgreementSigned: w.isAgreementSigned };
      const description = w.description?.source.replace(/\\s\*/g, ' ').replace(/\.\*/g, ' x ') ?? 'x';
      return {
        type: 'error' as const,
        status: w.status === '5xx' ? 599 : w.status,
        error: { code: w.code ?? 1, description, data: [], source: undefined },
      };
    });
    answers.forEach((answer, index) => {
      if (answer) expect(ruleFor(answer)).toBe(AGREEMENT_STATUS_OUTCOMES[index]);
    });
  });

  it('caches only reseller answers, and never retries them', () => {
    for (const row of AGREEMENT_STATUS_OUTCOMES) {
      if (row.cacheClass === 'positive' || row.cacheClass === 'negative') expect(row.retryable).toBe(false);
    }
    expect(ruleFor({ type: 'agreement', isAgreementSigned: true }).cacheClass).toBe('positive');
  });

  it('reads a code sent as a string the same as a number', () => {
    expect(numericCode('2203')).toBe(2203);
    expect(numericCode(2203)).toBe(2203);
    expect(numericCode('22x')).toBeUndefined();
    const fromString = classifyAnswer({
      type: 'error',
      status: 400,
      error: { code: '2203', description: 'd', data: [], source: undefined },
    });
    expect(fromString.kind).toBe('notSigned');
  });

  it('tells the three 2000 answers apart by description and keeps an unknown 2000 verbatim', () => {
    const kindFor = (description: string) =>
      classifyAnswer({ type: 'error', status: 400, error: { code: 2000, description, data: [], source: undefined } }).kind;
    expect(kindFor('Tenant Id must be a GUID.')).toBe('invalidTenantId');
    expect(kindFor('MPN Id must be numeric.')).toBe('invalidMpnId');
    expect(kindFor('Both MPN Id and Tenant Id should not be passed.')).toBe('bothIdentifiers');
    const other = classifyAnswer({
      type: 'error',
      status: 400,
      error: { code: 2000, description: 'Something new.', data: ['x'], source: 'S' },
    });
    expect(other).toMatchObject({
      kind: 'unrecognized',
      httpStatus: 400,
      upstream: { code: 2000, description: 'Something new.', data: ['x'], source: 'S' },
    });
  });

  it('takes the learn-more link from the body, else from the row', () => {
    const withData = classifyAnswer({
      type: 'error',
      status: 400,
      error: { code: 2203, description: 'd', data: ['https://a.example/x'], source: undefined },
    });
    expect(withData.learnMoreUrl).toBe('https://a.example/x');
    const without = classifyAnswer({ type: 'error', status: 400, error: { code: 2203, description: 'd', data: [], source: undefined } });
    expect(without.learnMoreUrl).toBe('https://docs.microsoft.com/partner-center/mpa-indirect-provider-faq');
  });
});
