// The order form's types are type-graphql classes, whose decorators need the metadata API loaded first.
import 'reflect-metadata';
import { GatewayContext } from '../graphql/gateway-context';
import {
  EligibilityCheckValue,
  MpaAgreementCheck,
  MpaCheckMode,
  MpaRelationshipCheck,
} from '../graphql/order-eligibility/eligibility-check.type';
import { MpaGuidanceValue, agreementGuidance, relationshipGuidance } from '../graphql/order-eligibility/guidance.factory';
import { MpaRelationshipValue } from '../graphql/relationship/relationship.type';
import { MpaPartnerOfRecordCheck } from '../graphql/partner-of-record/partner-of-record-check.type';
import { MpaPartnerOfRecordUnknownReason, MpaPartnerOfRecordValue } from '../graphql/partner-of-record/partner-of-record.type';
import { partnerOfRecordGuidance } from '../graphql/partner-of-record/partner-of-record-guidance';
import { assertNever } from '../partner-center/outcome/outcome';
import { eligibilityOf } from '../graphql/order-eligibility/order-eligibility.resolver';
import { OrderEligibility } from '../graphql/order-eligibility/order-eligibility.type';
import { Reseller, resellerFrom } from '../graphql/reseller/reseller.type';
import { CspRegion } from '../partner-center/csp-region';
import { AUDIT_CHECKS, AuditCheck, AuditCheckName, AuditRecord, CheckResult, agreementResult, lineOutcome } from './audit-record';
import { InputLine } from './input/input-line';

/** What one relationship answer means for the order, as `agreementResult` says for the agreement. */
function relationshipResult(member: MpaRelationshipValue['__typename']): CheckResult {
  switch (member) {
    case 'MpaRelationshipActive':
      return 'passed';
    case 'MpaRelationshipUnknown':
      return 'notChecked';
    case 'MpaRelationshipNotActive':
    case 'MpaNoRelationship':
      return 'failed';
    default:
      return assertNever(member);
  }
}

/**
 * What one partner-of-record answer means for the order. Without a partner ID to ask about
 * (a tenant the reseller list gives none for) someone must act, as for a refusal; only an
 * answer Partner Center or the list could not give is "not checked".
 */
function partnerOfRecordResult(verdict: MpaPartnerOfRecordValue): CheckResult {
  const member = verdict.__typename;
  switch (member) {
    case 'MpaPartnerOfRecordValid':
      return 'passed';
    case 'MpaPartnerOfRecordUnavailable':
      return 'notChecked';
    case 'MpaPartnerOfRecordUnknown':
      return verdict.__typename === 'MpaPartnerOfRecordUnknown' &&
        verdict.unknownReason === MpaPartnerOfRecordUnknownReason.RESELLER_LIST_UNAVAILABLE
        ? 'notChecked'
        : 'failed';
    case 'MpaPartnerIdNotValidOnRecord':
    case 'MpaPartnerOfRecordUndocumentedCode':
    case 'MpaPartnerOfRecordUnrecognized':
      return 'failed';
    default:
      return assertNever(member);
  }
}

/** The agreement check as a report entry: the status, its code or reason, and the order form's guidance. */
function agreementEntry(check: MpaAgreementCheck, guidance: MpaGuidanceValue | null): AuditCheck {
  const status = check.status;
  return {
    check: 'agreement',
    result: agreementResult(status.__typename),
    status: status.__typename,
    code: 'code' in status ? status.code : null,
    description: 'description' in status ? status.description : null,
    reason: 'reason' in status ? String(status.reason) : 'problem' in status ? String(status.problem) : null,
    retryAfterSeconds: 'retryAfterSeconds' in status ? status.retryAfterSeconds : null,
    message: status.message,
    checkedAt: status.checkedAt.toISOString(),
    correlationId: status.correlationId,
    guidance,
  };
}

/** The partner-of-record check as a report entry: what the region's reseller list says. */
function relationshipEntry(check: MpaRelationshipCheck): AuditCheck {
  const relationship = check.relationship;
  return {
    check: 'relationship',
    result: relationshipResult(relationship.__typename),
    status: relationship.__typename,
    code: null,
    description: null,
    reason: 'reason' in relationship ? String(relationship.reason) : 'state' in relationship ? String(relationship.state) : null,
    retryAfterSeconds: null,
    message: relationship.message,
    checkedAt: (relationship.checkedAt ?? new Date()).toISOString(),
    correlationId: null,
    guidance: relationshipGuidance(check),
  };
}

/** Which audit check an order form check is. */
function auditCheckOf(check: EligibilityCheckValue): AuditCheckName {
  const typename = check.__typename;
  switch (typename) {
    case 'MpaAgreementCheck':
      return 'agreement';
    case 'MpaRelationshipCheck':
      return 'relationship';
    case 'MpaPartnerOfRecordCheck':
      return 'partnerOfRecord';
    default:
      return assertNever(typename);
  }
}

/** The checks that can block Submit in this answer. */
function enforcedChecksOf(eligibility: OrderEligibility): ReadonlySet<AuditCheckName> {
  return new Set(eligibility.checks.filter((check) => check.mode === MpaCheckMode.ENFORCED).map(auditCheckOf));
}

/** The partner-of-record check as a report entry: Microsoft's verdict, its code and description verbatim. */
function partnerOfRecordEntry(check: MpaPartnerOfRecordCheck): AuditCheck {
  const verdict = check.partnerOfRecord;
  return {
    check: 'partnerOfRecord',
    result: partnerOfRecordResult(verdict),
    status: verdict.__typename,
    code:
      'errorCode' in verdict ? (verdict.errorCode === null ? null : String(verdict.errorCode)) : 'code' in verdict ? verdict.code : null,
    description: 'errorDescription' in verdict ? verdict.errorDescription : 'description' in verdict ? verdict.description : null,
    reason:
      'reason' in verdict
        ? String(verdict.reason)
        : 'unknownReason' in verdict
          ? String(verdict.unknownReason)
          : 'missingFromAnswer' in verdict && verdict.missingFromAnswer
            ? 'MISSING_FROM_ANSWER'
            : null,
    retryAfterSeconds: 'retryAfterSeconds' in verdict ? verdict.retryAfterSeconds : null,
    message: verdict.message,
    checkedAt: (verdict.checkedAt ?? new Date()).toISOString(),
    correlationId: verdict.correlationId,
    guidance: partnerOfRecordGuidance(check),
  };
}

/** The checks of one order form answer, in `AUDIT_CHECKS` order; a check switched off is left out. */
export async function checksOf(eligibility: OrderEligibility, context: GatewayContext): Promise<AuditCheck[]> {
  const entries = await Promise.all(
    eligibility.checks.map(async (check) =>
      check.__typename === 'MpaAgreementCheck'
        ? agreementEntry(check, await agreementGuidance(check, context))
        : check.__typename === 'MpaRelationshipCheck'
          ? relationshipEntry(check)
          : partnerOfRecordEntry(check),
    ),
  );
  return entries.sort((x, y) => AUDIT_CHECKS.indexOf(x.check) - AUDIT_CHECKS.indexOf(y.check));
}

/** One region's record for a line: the order form's answer, asked in the window's operation context. */
async function regionRecord(
  line: number,
  reseller: Reseller,
  region: CspRegion,
  locale: string,
  context: GatewayContext,
): Promise<AuditRecord> {
  const eligibility = await eligibilityOf(reseller, region, null, locale, context);
  const checks = await checksOf(eligibility, context);
  const inputProblem = reseller.check.ok ? null : reseller.check.problem;
  return {
    line,
    mpnId: reseller.mpnId,
    tenantId: reseller.tenantId,
    region,
    outcome: lineOutcome(checks, eligibility.verified, inputProblem, enforcedChecksOf(eligibility)),
    canSubmit: eligibility.canSubmit,
    verified: eligibility.verified,
    retryable: eligibility.retryable,
    inputProblem,
    checks,
  };
}

/**
 * A line's records, one per region, exactly as the order form would answer each (a bad
 * identifier is refused there without asking Partner Center). A line that could not be read
 * gets a record per region too, so every line has as many records as there are regions.
 */
export function checkLine(
  input: InputLine,
  regions: readonly CspRegion[],
  locale: string,
  context: GatewayContext,
): Promise<AuditRecord[]> {
  if ('unreadable' in input) {
    return Promise.resolve(
      regions.map((region) => ({
        line: input.line,
        mpnId: null,
        tenantId: null,
        region,
        outcome: 'BAD_INPUT',
        canSubmit: false,
        verified: true,
        retryable: false,
        inputProblem: input.unreadable,
        checks: [],
      })),
    );
  }
  const reseller = resellerFrom({ mpnId: input.mpnId, tenantId: input.tenantId });
  return Promise.all(regions.map((region) => regionRecord(input.line, reseller, region, locale, context)));
}
