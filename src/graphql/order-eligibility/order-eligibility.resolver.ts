import { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CheckGuidance } from '../../guidance/check-guidance';
import { agreementGuidanceIn } from '../../operation/agreement-guidance';
import { mpaStatusOf } from '../mpa-status/mpa-status.mapping';
import { MpaStatus } from '../mpa-status/mpa-status.union';
import { GatewayContext } from '../gateway-context';
import { statusKey } from '../../status-cache/status-key';
import { MpaGuidance, OrderEligibility, MpaOrderLineInput } from './order-eligibility.type';
import { assertListLength, reserveQuestions } from '../admission';
import { resellerFrom } from '../reseller/reseller.type';
import { negotiateLocale } from '../../guidance/guidance';
import { MpaStatusValue } from '../mpa-status/mpa-status.type';
import { gatewayOutcome } from '../../partner-center/outcome/outcome-table';
import { checkOrderLine } from '../../operation/order-line';
import { orderEligibilityOf } from './order-eligibility.mapping';
import { decidedVia } from './decided-via';
import { LOCALE_DESCRIPTION } from '../locale-argument';

/** The order form's answer for one line, as the schema's OrderEligibility. */
async function lineEligibility(
  line: MpaOrderLineInput,
  locale: string,
  context: GatewayContext,
  info: GraphQLResolveInfo,
  recheck = false,
) {
  const reseller = resellerFrom({ mpnId: line.mpnId, tenantId: line.tenantId });
  const lineId = line.lineId ?? null;
  const via = context.services.decisionLog ? decidedVia(info) : undefined;
  const checked = await checkOrderLine(reseller, line.region, lineId, locale, context, recheck, via);
  return orderEligibilityOf(checked, reseller, line.region, lineId);
}

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
    return made ? mpaStatusOf(made.answer.value) : eligibility.agreement().then((check) => mpaStatusOf(check.answer.value));
  }

  @FieldResolver(() => MpaGuidance, {
    nullable: true,
    description:
      "The agreement check's guidance, as before the checks list: null when the agreement is confirmed. Each entry of `checks` has its own.",
  })
  async guidance(@Root() eligibility: OrderEligibility, @Ctx() context: GatewayContext): Promise<CheckGuidance | null> {
    return agreementGuidanceIn(await eligibility.agreement(), context);
  }
}
