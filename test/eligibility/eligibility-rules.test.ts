import { judge, judgeAgreement, judgePartnerOfRecord, judgeRelationship } from '../../src/eligibility/eligibility-check';
import { FailPolicy, failOpenAllows, failOpenAllowsList } from '../../src/eligibility/fail-policy';
import { decideLine } from '../../src/eligibility/line-decision';
import { StatusUnavailableReasonName } from '../../src/partner-center/outcome/outcome-kinds';
import { DirectoryFailureReason } from '../../src/relationship-directory/directory-store';

const CLOSED: FailPolicy = { failPolicy: 'closed', failOpenOnCredentialsRejected: true };
const OPEN: FailPolicy = { failPolicy: 'open', failOpenOnCredentialsRejected: false };
const OPEN_ON_CREDENTIALS: FailPolicy = { failPolicy: 'open', failOpenOnCredentialsRejected: true };

const STATUS_REASONS: StatusUnavailableReasonName[] = [
  'THROTTLED',
  'TIMEOUT',
  'SERVER_ERROR',
  'NETWORK_ERROR',
  'MALFORMED_RESPONSE',
  'CIRCUIT_OPEN',
  'CREDENTIALS_REJECTED',
  'DEADLINE_EXCEEDED',
  'BUDGET_EXCEEDED',
  'CLIENT_BUDGET_EXCEEDED',
  'NOT_ASKED',
];
const LIST_REASONS: DirectoryFailureReason[] = [
  'THROTTLED',
  'TIMEOUT',
  'SERVER_ERROR',
  'NETWORK_ERROR',
  'MALFORMED_RESPONSE',
  'CREDENTIALS_REJECTED',
  'DEADLINE_EXCEEDED',
  'UNRECOGNIZED_ANSWER',
];

describe('failOpenAllows', () => {
  it('lets nothing through under failPolicy closed', () => {
    expect(STATUS_REASONS.filter((reason) => failOpenAllows(reason, CLOSED))).toEqual([]);
    expect(LIST_REASONS.filter((reason) => failOpenAllowsList(reason, CLOSED))).toEqual([]);
  });

  it("under failPolicy open, lets through only Partner Center's own failures, never the gateway's shortfall", () => {
    expect(STATUS_REASONS.filter((reason) => failOpenAllows(reason, OPEN))).toEqual([
      'THROTTLED',
      'TIMEOUT',
      'SERVER_ERROR',
      'NETWORK_ERROR',
      'MALFORMED_RESPONSE',
      'CIRCUIT_OPEN',
    ]);
    expect(LIST_REASONS.filter((reason) => failOpenAllowsList(reason, OPEN))).toEqual([
      'THROTTLED',
      'TIMEOUT',
      'SERVER_ERROR',
      'NETWORK_ERROR',
      'MALFORMED_RESPONSE',
    ]);
  });

  it('lets rejected credentials through only when configured to', () => {
    expect(failOpenAllows('CREDENTIALS_REJECTED', OPEN_ON_CREDENTIALS)).toBe(true);
    expect(failOpenAllowsList('CREDENTIALS_REJECTED', OPEN_ON_CREDENTIALS)).toBe(true);
  });
});

describe('the checks', () => {
  it('passes an agreement Partner Center could not give unverified under fail-open, and blocks it when closed', () => {
    const found = { signed: false, unavailableReason: 'SERVER_ERROR' as const, retryable: true };
    expect(judgeAgreement(found, 'enforce', OPEN)).toEqual({
      mode: 'enforce',
      passed: true,
      verified: false,
      blocksSubmit: false,
      retryable: true,
    });
    expect(judgeAgreement(found, 'enforce', CLOSED)).toMatchObject({ passed: false, verified: false, blocksSubmit: true });
  });

  it('never lets a relationship through while the first list is still loading with no failure yet', () => {
    const loading = { active: false, unknown: true, listUnavailable: true, lastRefreshFailure: null };
    expect(judgeRelationship(loading, 'enforce', OPEN)).toMatchObject({
      passed: false,
      verified: false,
      blocksSubmit: true,
      retryable: true,
    });
    expect(judgeRelationship({ ...loading, lastRefreshFailure: 'TIMEOUT' }, 'enforce', OPEN)).toMatchObject({ passed: true });
  });

  it('never lets a partner-of-record verdict through when the question was over a budget', () => {
    const found = { positive: false, couldNotCheck: true, retryable: true, unavailableReason: 'THROTTLED' as const, budgetExceeded: true };
    expect(judgePartnerOfRecord(found, 'enforce', OPEN)).toMatchObject({ passed: false, blocksSubmit: true });
    expect(judgePartnerOfRecord({ ...found, budgetExceeded: false }, 'enforce', OPEN)).toMatchObject({ passed: true, verified: false });
  });

  it('a report-only check never blocks Submit', () => {
    expect(judge({ positive: false, couldNotCheck: false, passesUnverified: false, retryable: false }, 'reportOnly').blocksSubmit).toBe(
      false,
    );
  });
});

describe('decideLine', () => {
  const passed = judge({ positive: true, couldNotCheck: false, passesUnverified: false, retryable: false }, 'enforce');

  it('allows a line every enforced check passed, confirmed', () => {
    expect(decideLine([passed])).toEqual({ canSubmit: true, verified: true, retryable: false });
  });

  it('blocks a line that cannot be checked at all, whatever its checks say', () => {
    expect(decideLine([passed], { checkable: false })).toEqual({ canSubmit: false, verified: true, retryable: false });
  });

  it('allows a line with no enforced check, never confirmed', () => {
    expect(decideLine([])).toEqual({ canSubmit: true, verified: false, retryable: false });
  });
});
