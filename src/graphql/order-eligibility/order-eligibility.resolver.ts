import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { MpaGuidanceValue, eligibilityGuidance } from './guidance.factory';
import { GatewayContext } from '../gateway-context';
import { MpaGuidance, OrderEligibility, MpaOrderLineInput } from './order-eligibility.type';
import { assertListLength, reserveQuestions } from '../admission';
import { identifierKey } from '../../partner-center/reseller-identifier';
import { Reseller, resellerFrom } from '../reseller/reseller.type';
import { CspRegion } from '../../partner-center/csp-region';
import { lookUpStatus } from '../mpa-status/status-lookup';
import { negotiateLocale } from '../../guidance/guidance';
import { MpaStatusValue, MpaUnavailableReason } from '../mpa-status/mpa-status.type';

/** The order form's answer for one reseller and region. */
export async function eligibilityOf(
  reseller: Reseller,
  region: CspRegion,
  lineId: string | null,
  locale: string,
  context: GatewayContext,
  recheck = false,
): Promise<OrderEligibility> {
  const resolved = await lookUpStatus(reseller, region, context, locale, recheck);
  const signed = resolved.value.__typename === 'MpaSigned';
  const unverified = context.services.failPolicy === 'open' && mayPassUnverified(resolved.value, context);
  return {
    lineId,
    canSubmit: signed || unverified,
    reseller,
    region,
    mpaStatus: resolved.value,
    retryable: resolved.retryable,
    verified: !unverified,
    resolved,
  };
}

/**
 * Whether fail-open lets this answer through. Only when Partner Center could not be asked or
 * did not answer; never when the gateway's own credentials were refused (unless configured:
 * an expired refresh token must not switch the check off silently) or when the operation
 * asked too much.
 */
function mayPassUnverified(status: MpaStatusValue, context: GatewayContext): boolean {
  if (status.__typename !== 'MpaPartnerCenterUnavailable') return false;
  if (status.reason === MpaUnavailableReason.BUDGET_EXCEEDED) return false;
  if (status.reason === MpaUnavailableReason.CREDENTIALS_REJECTED) return context.services.failOpenOnCredentialsRejected;
  return true;
}

const lineEligibility = (line: MpaOrderLineInput, locale: string, context: GatewayContext, recheck = false) =>
  eligibilityOf(resellerFrom({ mpnId: line.mpnId, tenantId: line.tenantId }), line.region, line.lineId ?? null, locale, context, recheck);

export const LOCALE_DESCRIPTION = 'Language of messages and guidance, e.g. "pt-PT". Default: the Accept-Language header, else en-US.';

@Resolver(() => OrderEligibility)
export class OrderEligibilityResolver {
  @Query(() => OrderEligibility, { description: 'Whether one order may be submitted, and if not, why and what to do.' })
  orderEligibility(
    @Arg('order', () => MpaOrderLineInput) order: MpaOrderLineInput,
    @Arg('locale', () => String, { nullable: true, description: LOCALE_DESCRIPTION }) locale: string | null,
    @Ctx() context: GatewayContext,
  ): Promise<OrderEligibility> {
    return lineEligibility(order, negotiateLocale(locale, context.locale), context);
  }

  @Query(() => [OrderEligibility], {
    description: 'Eligibility of every line of a cart, in the order given. Each distinct reseller and region is checked once.',
  })
  orderEligibilities(
    @Arg('orders', () => [MpaOrderLineInput]) orders: MpaOrderLineInput[],
    @Arg('locale', () => String, { nullable: true, description: LOCALE_DESCRIPTION }) locale: string | null,
    @Ctx() context: GatewayContext,
  ): Promise<OrderEligibility[]> {
    assertListLength('orders', orders.length, context);
    const questions = new Set<string>();
    for (const order of orders) {
      const { check } = resellerFrom({ mpnId: order.mpnId, tenantId: order.tenantId });
      if (check.ok) questions.add(`${identifierKey(check.identifier)}@${order.region}`);
    }
    reserveQuestions(questions.size, context);
    const chosen = negotiateLocale(locale, context.locale);
    return Promise.all(orders.map((order) => lineEligibility(order, chosen, context)));
  }

  @Mutation(() => OrderEligibility, {
    description:
      'Asks Partner Center again, past the cache, and stores the fresh answer: for the partner who has just accepted the agreement. Microsoft may take a while to show a new signature.',
  })
  recheckMpaStatus(
    @Arg('order', () => MpaOrderLineInput) order: MpaOrderLineInput,
    @Arg('locale', () => String, { nullable: true, description: LOCALE_DESCRIPTION }) locale: string | null,
    @Ctx() context: GatewayContext,
  ): Promise<OrderEligibility> {
    return lineEligibility(order, negotiateLocale(locale, context.locale), context, true);
  }

  @FieldResolver(() => MpaGuidance, {
    nullable: true,
    description: 'What to tell the partner; null when the order may be submitted on a verified answer.',
  })
  guidance(@Root() eligibility: OrderEligibility, @Ctx() context: GatewayContext): Promise<MpaGuidanceValue | null> {
    return eligibilityGuidance(eligibility, context);
  }
}
