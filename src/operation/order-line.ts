import type { DecisionVia } from '../observability/decision-log';
import { decideLine, LineDecision } from '../eligibility/line-decision';
import { CspRegion } from '../partner-center/csp-region';
import { OperationContext } from './operation-context';
import { lookUpStatus } from './status-lookup';
import { lookUpPartnerOfRecord } from './partner-of-record-lookup';
import { lookUpRelationship } from './relationship-lookup';
import { NamedReseller } from './named-reseller';
import { AgreementLineCheck, LineCheck, agreementCheck, partnerOfRecordCheck, relationshipCheck } from './line-checks';

/** One order line, checked: every configured check, and the order form's answer from them. */
export interface CheckedLine extends LineDecision {
  /** The checks made, in order (agreement, relationship, partner of record); a check switched off is left out. */
  readonly checks: readonly LineCheck[];
  /** Whether the agreement answer was shared with another replica's call; null when not known. */
  readonly shared: boolean | null;
  /** The agreement check, made once when first needed (with the check off, only mpaStatus or guidance asks). */
  readonly agreement: () => Promise<AgreementLineCheck>;
  /** The agreement check once it has been made, else undefined: read without waiting. */
  readonly agreementMade: () => AgreementLineCheck | undefined;
}

/** Checks one reseller and region: every configured check, made at once, and the decision they give. */
export async function checkOrderLine(
  reseller: NamedReseller,
  region: CspRegion,
  lineId: string | null,
  locale: string,
  context: OperationContext,
  recheck = false,
  via?: DecisionVia,
): Promise<CheckedLine> {
  const startedAt = Date.now();
  const policy = context.services;
  const { relationship: relationshipMode, partnerOfRecord: partnerOfRecordMode } = context.services.checks;
  let asked: Promise<AgreementLineCheck> | undefined;
  let made: AgreementLineCheck | undefined;
  let shared: boolean | null = null;
  // A check switched off is still made for mpaStatus and guidance, as if report-only; it is never listed.
  const listsAgreement = context.services.checks.agreement !== 'off';
  const agreementMode = context.services.checks.agreement === 'off' ? 'reportOnly' : context.services.checks.agreement;
  const agreement = () =>
    (asked ??= lookUpStatus(reseller, region, context, locale, recheck, (checked) => (shared = checked.shared ?? null)).then(
      (resolved) => (made = agreementCheck(resolved, agreementMode, policy)),
    ));
  const listed = await Promise.all([
    listsAgreement ? agreement() : undefined,
    relationshipMode === 'off'
      ? undefined
      : lookUpRelationship(reseller, region, context, locale).then((resolved) => relationshipCheck(resolved, relationshipMode, policy)),
    partnerOfRecordMode === 'off'
      ? undefined
      : lookUpPartnerOfRecord(reseller, region, context, locale, recheck).then((resolved) =>
          partnerOfRecordCheck(resolved, partnerOfRecordMode, policy),
        ),
  ]);
  const checks = listed.filter((check): check is LineCheck => check !== undefined);
  const decision = decideLine(checks, { checkable: reseller.check.ok && context.services.checker.isConfigured(region) });
  if (via && context.services.decisionLog) {
    const given = reseller.mpnId
      ? { kind: 'mpnId', value: reseller.mpnId }
      : reseller.tenantId
        ? { kind: 'tenantId', value: reseller.tenantId }
        : null;
    context.services.decisionLog.orderLine({
      via,
      client: context.client.id,
      lineId,
      identifier: reseller.check.ok ? reseller.check.identifier : given,
      region,
      recheck,
      startedAt,
      checks,
      failPolicy: context.services.failPolicy,
      requestId: context.requestId,
      ...decision,
    });
  }
  return { checks, shared, agreement, agreementMade: () => made, ...decision };
}
