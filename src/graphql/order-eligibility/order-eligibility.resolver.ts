import { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DecisionVia } from '../../observability/decision-log';
import { MpaGuidanceValue, agreementGuidance } from './guidance.factory';
import { EligibilityCheckValue, MpaAgreementCheck } from './eligibility-check.type';
import { agreementCheck, overallOf, relationshipCheck } from './eligibility-checks';
import { MpaStatus } from '../mpa-status/mpa-status.union';
import { lookUpRelationship } from '../relationship/relationship-lookup';
import { GatewayContext } from '../gateway-context';
import { MpaGuidance, OrderEligibility, MpaOrderLineInput } from './order-eligibility.type';
import { assertListLength, reserveQuestions } from '../admission';
import { Reseller, resellerFrom } from '../reseller/reseller.type';
import { CspRegion } from '../../partner-center/csp-region';
import { lookUpStatus } from '../mpa-status/status-lookup';
import { negotiateLocale } from '../../guidance/guidance';
import { MpaStatusValue } from '../mpa-status/mpa-status.type';
import { statusKey } from '../../status-cache/status-key';
import { gatewayOutcome } from '../../partner-center/outcome/outcome-table';
import { lookUpPartnerOfRecord } from '../partner-of-record/partner-of-record-lookup';
import { partnerOfRecordCheck } from '../partner-of-record/partner-of-record-check';

/** The order form's answer for one reseller and region: every configured check, made at once. */
export async function eligibilityOf(
  reseller: Reseller,
  region: CspRegion,
  lineId: string | null,
  locale: string,
  context: GatewayContext,
  recheck = false,
  via?: DecisionVia,
): Promise<OrderEligibility> {
  const startedAt = Date.now();
  const modes = context.services.checks;
  let asked: Promise<MpaAgreementCheck> | undefined;
  let made: MpaAgreementCheck | undefined;
  let shared: boolean | null = null;
  // Made once, when first needed: with the agreement check off, only mpaStatus or guidance asks.
  const agreement = () =>
    (asked ??= lookUpStatus(reseller, region, context, locale, recheck, (checked) => (shared = checked.shared ?? null)).then(
      (resolved) => (made = agreementCheck(resolved, modes.agreement, context)),
    ));
  const listed = await Promise.all([
    modes.agreement === 'off' ? undefined : agreement(),
    modes.relationship === 'off'
      ? undefined
      : lookUpRelationship(reseller, region, context, locale).then((resolved) => relationshipCheck(resolved, modes.relationship, context)),
    modes.partnerOfRecord === 'off'
      ? undefined
      : lookUpPartnerOfRecord(reseller, region, context, locale, recheck).then((resolved) =>
          partnerOfRecordCheck(resolved, modes.partnerOfRecord, context),
        ),
  ]);
  const checks = listed.filter((check): check is EligibilityCheckValue => check !== undefined);
  const overall = overallOf(checks, { checkable: reseller.check.ok && context.services.checker.isConfigured(region) });
  // An instance, not a plain object: type-graphql copies a plain root into a new instance for
  // every field resolver it reaches (mpaStatus, guidance).
  const eligibility = new OrderEligibility();
  eligibility.lineId = lineId;
  eligibility.reseller = reseller;
  eligibility.region = region;
  eligibility.checks = checks;
  eligibility.canSubmit = overall.canSubmit;
  eligibility.verified = overall.verified;
  eligibility.retryable = overall.retryable;
  eligibility.shared = shared;
  eligibility.agreement = agreement;
  eligibility.agreementMade = () => made;
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
      canSubmit: overall.canSubmit,
      verified: overall.verified,
      retryable: overall.retryable,
      requestId: context.requestId,
    });
  }
  return eligibility;
}

/** Which operation and field asked, for the decision record. */
export const decidedVia = (info: GraphQLResolveInfo): DecisionVia => ({
  operation: info.operation.name?.value ?? null,
  field:
    info.parentType.name === 'Query' || info.parentType.name === 'Mutation' ? info.fieldName : `${info.parentType.name}.${info.fieldName}`,
});

const lineEligibility = (line: MpaOrderLineInput, locale: string, context: GatewayContext, info: GraphQLResolveInfo, recheck = false) =>
  eligibilityOf(
    resellerFrom({ mpnId: line.mpnId, tenantId: line.tenantId }),
    line.region,
    line.lineId ?? null,
    locale,
    context,
    recheck,
    context.services.decisionLog ? decidedVia(info) : undefined,
  );

export const LOCALE_DESCRIPTION = 'Language of messages and guidance, e.g. "pt-PT". Default: the Accept-Language header, else en-US.';

@Resolver(() => OrderEligibility)
export class OrderEligibilityResolver {
  @Query(() => OrderEligibility, { description: 'Whether one order may be submitted, and if not, why and what to do.' })
  orderEligibility(
    @Arg('order', () => MpaOrderLineInput) order: MpaOrderLineInput,
    @Arg('locale', () => String, { nullable: true, description: LOCALE_DESCRIPTION }) locale: string | null,
    @Ctx() context: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<OrderEligibility> {
    return lineEligibility(order, negotiateLocale(locale, context.locale), context, info);
  }

  @Query(() => [OrderEligibility], {
    description: 'Eligibility of every line of a cart, in the order given. Each distinct reseller and region is checked once.',
  })
  orderEligibilities(
    @Arg('orders', () => [MpaOrderLineInput]) orders: MpaOrderLineInput[],
    @Arg('locale', () => String, { nullable: true, description: LOCALE_DESCRIPTION }) locale: string | null,
    @Ctx() context: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<OrderEligibility[]> {
    assertListLength('orders', orders.length, context);
    const questions = new Set<string>();
    for (const order of orders) {
      const { check } = resellerFrom({ mpnId: order.mpnId, tenantId: order.tenantId });
      if (check.ok) questions.add(statusKey({ identifier: check.identifier, region: order.region }));
    }
    reserveQuestions(questions.size, context);
    const chosen = negotiateLocale(locale, context.locale);
    return Promise.all(orders.map((order) => lineEligibility(order, chosen, context, info)));
  }

  @Mutation(() => OrderEligibility, {
    description:
      'Asks Partner Center again, past the cache, and stores the fresh answer: for the partner who has just accepted the agreement. Microsoft may take a while to show a new signature.',
  })
  recheckMpaStatus(
    @Arg('order', () => MpaOrderLineInput) order: MpaOrderLineInput,
    @Arg('locale', () => String, { nullable: true, description: LOCALE_DESCRIPTION }) locale: string | null,
    @Ctx() context: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<OrderEligibility> {
    const chosen = negotiateLocale(locale, context.locale);
    const { check } = resellerFrom({ mpnId: order.mpnId, tenantId: order.tenantId });
    if (!check.ok) return lineEligibility(order, chosen, context, info, true);
    const key = { identifier: check.identifier, region: order.region };
    // Once per operation: aliases repeating a recheck read the answer the first one got.
    if (context.rechecked.has(statusKey(key))) return lineEligibility(order, chosen, context, info);
    context.rechecked.add(statusKey(key));
    const allowance = context.client.budget?.takeRecheck();
    if (allowance && !allowance.admitted) {
      // Past the client's rechecks for this minute: the line says so (retryable), and Submit stays off.
      context.statusLoader.clear(key).prime(key, {
        outcome: gatewayOutcome('clientBudgetExceeded', { retryAfterSeconds: allowance.retryAfterSeconds }),
        checkedAt: new Date(),
      });
      return lineEligibility(order, chosen, context, info);
    }
    return lineEligibility(order, chosen, context, info, true);
  }

  @FieldResolver(() => MpaStatus)
  mpaStatus(@Root() eligibility: OrderEligibility): MpaStatusValue | Promise<MpaStatusValue> {
    // Usually made already (Submit depends on it): answered without a promise, so the rest of
    // the line's fields complete in the same turn.
    const made = eligibility.agreementMade();
    return made ? made.status : eligibility.agreement().then((check) => check.status);
  }

  @FieldResolver(() => MpaGuidance, {
    nullable: true,
    description:
      "The agreement check's guidance, as before the checks list: null when the agreement is confirmed. Each entry of `checks` has its own.",
  })
  async guidance(@Root() eligibility: OrderEligibility, @Ctx() context: GatewayContext): Promise<MpaGuidanceValue | null> {
    return agreementGuidance(await eligibility.agreement(), context);
  }
}
