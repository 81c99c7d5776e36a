import { OperationContext } from '../operation/operation-context';
import { AgreementLineCheck, LineCheck, PartnerOfRecordLineCheck, RelationshipLineCheck } from '../operation/line-checks';
import { CheckGuidance, partnerOfRecordGuidance, relationshipGuidance } from '../guidance/check-guidance';
import { agreementGuidanceIn } from '../operation/agreement-guidance';
import { checkOrderLine } from '../operation/order-line';
import { NamedReseller, nameReseller } from '../operation/named-reseller';
import { isEnforced } from '../eligibility/line-decision';
import { assertNever } from '../partner-center/outcome/outcome';
import { CspRegion } from '../partner-center/csp-region';
import { AUDIT_CHECKS, AuditCheck, AuditCheckName, AuditRecord, CheckResult, agreementResult, lineOutcome } from './audit-record';
import { InputLine } from './input/input-line';
import { renderMessage } from '../guidance/message-text';

type RelationshipValue = RelationshipLineCheck['answer']['value'];
type PartnerOfRecordValue = PartnerOfRecordLineCheck['answer']['value'];

/** What one relationship answer means for the order, as `agreementResult` says for the agreement. */
function relationshipResult(member: RelationshipValue['__typename']): CheckResult {
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
function partnerOfRecordResult(verdict: PartnerOfRecordValue): CheckResult {
  const member = verdict.__typename;
  switch (member) {
    case 'MpaPartnerOfRecordValid':
      return 'passed';
    case 'MpaPartnerOfRecordUnavailable':
      return 'notChecked';
    case 'MpaPartnerOfRecordUnknown':
      return verdict.__typename === 'MpaPartnerOfRecordUnknown' && `${verdict.unknownReason}` === 'RESELLER_LIST_UNAVAILABLE'
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
function agreementEntry(check: AgreementLineCheck, guidance: CheckGuidance | null): AuditCheck {
  const status = check.answer.value;
  return {
    check: 'agreement',
    result: agreementResult(status.__typename),
    status: status.__typename,
    code: 'code' in status ? status.code : null,
    description: 'description' in status ? status.description : null,
    reason: 'reason' in status ? String(status.reason) : 'problem' in status ? String(status.problem) : null,
    retryAfterSeconds: 'retryAfterSeconds' in status ? status.retryAfterSeconds : null,
    message: renderMessage(status.text),
    checkedAt: status.checkedAt.toISOString(),
    correlationId: status.correlationId,
    guidance,
  };
}

/** The partner-of-record check as a report entry: what the region's reseller list says. */
function relationshipEntry(check: RelationshipLineCheck): AuditCheck {
  const relationship = check.answer.value;
  return {
    check: 'relationship',
    result: relationshipResult(relationship.__typename),
    status: relationship.__typename,
    code: null,
    description: null,
    reason: 'reason' in relationship ? String(relationship.reason) : 'state' in relationship ? String(relationship.state) : null,
    retryAfterSeconds: null,
    message: renderMessage(relationship.text),
    checkedAt: (relationship.checkedAt ?? new Date()).toISOString(),
    correlationId: null,
    guidance: relationshipGuidance(check),
  };
}

/** The checks that can block Submit in this answer (an audit check is named as its kind). */
function enforcedChecksOf(checks: readonly LineCheck[]): ReadonlySet<AuditCheckName> {
  return new Set(checks.filter(isEnforced).map((check) => check.kind));
}

/** The partner-of-record check as a report entry: Microsoft's verdict, its code and description verbatim. */
function partnerOfRecordEntry(check: PartnerOfRecordLineCheck): AuditCheck {
  const verdict = check.answer.value;
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
    message: renderMessage(verdict.text),
    checkedAt: (verdict.checkedAt ?? new Date()).toISOString(),
    correlationId: verdict.correlationId,
    guidance: partnerOfRecordGuidance(check),
  };
}

/** The entry of one check, its guidance rendered. */
async function entryOf(check: LineCheck, context: OperationContext): Promise<AuditCheck> {
  switch (check.kind) {
    case 'agreement':
      return agreementEntry(check, await agreementGuidanceIn(check, context));
    case 'relationship':
      return relationshipEntry(check);
    case 'partnerOfRecord':
      return partnerOfRecordEntry(check);
    default:
      return assertNever(check);
  }
}

/** The checks of one order form answer, in `AUDIT_CHECKS` order; a check switched off is left out. */
export async function checksOf(checks: readonly LineCheck[], context: OperationContext): Promise<AuditCheck[]> {
  const entries = await Promise.all(checks.map((check) => entryOf(check, context)));
  return entries.sort((x, y) => AUDIT_CHECKS.indexOf(x.check) - AUDIT_CHECKS.indexOf(y.check));
}

/** One region's record for a line: the order form's answer, asked in the window's operation context. */
async function regionRecord(
  line: number,
  reseller: NamedReseller,
  region: CspRegion,
  locale: string,
  context: OperationContext,
): Promise<AuditRecord> {
  const checked = await checkOrderLine(reseller, region, null, locale, context);
  const checks = await checksOf(checked.checks, context);
  const inputProblem = reseller.check.ok ? null : reseller.check.problem;
  return {
    line,
    mpnId: reseller.mpnId,
    tenantId: reseller.tenantId,
    region,
    outcome: lineOutcome(checks, checked.verified, inputProblem, enforcedChecksOf(checked.checks)),
    canSubmit: checked.canSubmit,
    verified: checked.verified,
    retryable: checked.retryable,
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
  context: OperationContext,
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
  const reseller = nameReseller({ mpnId: input.mpnId, tenantId: input.tenantId });
  return Promise.all(regions.map((region) => regionRecord(input.line, reseller, region, locale, context)));
}
