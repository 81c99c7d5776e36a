import type { CspRegion, OrderCheckLineFragment } from './generated/graphql';
import type { GatewayFailure } from './gateway-client';
import { OrderCheckTexts, fill } from './order-check-texts';

/** One answer shown once for every cart line it concerns (same reseller, same region). */
export interface Finding {
  readonly key: string;
  /** Names of the cart lines it concerns; empty for a single order. */
  readonly lineNames: readonly string[];
  answer: OrderCheckLineFragment;
  /** An action under way for it. */
  pending?: 'recheck' | 'retry';
  /** Set after "check again" gave the same blocking answer. */
  stillBlocked?: boolean;
  /** Set when its own action could not reach the gateway. */
  failure?: GatewayFailure;
}

export type Phase = 'idle' | 'checking' | 'answered' | 'failed';

/** Everything the panel shows. */
export interface OrderCheckView {
  readonly phase: Phase;
  readonly idleReason: 'identifier' | 'region';
  readonly findings: readonly Finding[];
  readonly failure?: GatewayFailure | { readonly kind: 'linesAttribute' };
  readonly canSubmit: boolean;
  readonly regionNames: ReadonlyMap<string, string>;
  readonly cart: boolean;
}

type Status = 'ready' | 'blocked' | 'retry' | 'unverified';

function statusOf(answer: OrderCheckLineFragment): Status {
  if (answer.canSubmit === true) return answer.verified ? 'ready' : 'unverified';
  return answer.retryable ? 'retry' : 'blocked';
}

const SYMBOLS: Readonly<Record<Status, string>> = { ready: '✓', blocked: '✕', retry: '↻', unverified: '!' };

/** Agreement answers get "I have accepted it"; other fixable ones "I have done this". */
const AGREEMENT_STATUSES = new Set(['MpaNotSigned', 'MpaTenantNotSigned', 'MpaCspRegionMismatch']);

type Child = Node | string | null | undefined | false;

/**
 * A DOM element with attributes and children; text always goes in as text, never as markup.
 * Its `part` names it for hosts (`::part()`), and the first name is its class inside.
 */
export function el(tag: string, attributes: Readonly<Record<string, string | undefined>>, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) element.setAttribute(name, value);
  if (attributes.part) element.className = attributes.part.split(' ')[0];
  for (const child of children) if (child) element.append(child);
  return element;
}

export function failureText(failure: NonNullable<OrderCheckView['failure']>, texts: OrderCheckTexts): string {
  switch (failure.kind) {
    case 'network':
      return texts.errorNetwork;
    case 'unauthorized':
      return texts.errorUnauthorized;
    case 'rateLimited':
      return fill(texts.errorRateLimited, { seconds: failure.retryAfterSeconds });
    case 'http':
      return fill(texts.errorHttp, { status: failure.status });
    case 'graphql':
      return fill(texts.errorGraphQL, { message: failure.message });
    case 'timeout':
      return texts.errorTimeout;
    case 'unexpectedAnswer':
      return texts.errorUnexpectedAnswer;
    case 'linesAttribute':
      return texts.errorLinesAttribute;
    default:
      return assertNever(failure);
  }
}

function assertNever(value: never): never {
  throw new Error(String(value));
}

const regionName = (view: OrderCheckView, region: CspRegion | null | undefined, texts: OrderCheckTexts): string =>
  region ? (view.regionNames.get(region) ?? region) : texts.resellerRegionUnknown;

/** The sentence the live region announces. */
export function summaryText(view: OrderCheckView, texts: OrderCheckTexts): string {
  switch (view.phase) {
    case 'idle':
      return view.idleReason === 'region' ? texts.needsRegion : texts.idle;
    case 'checking':
      return texts.checking;
    case 'failed':
      return `${texts.checkFailed} ${view.failure ? failureText(view.failure, texts) : ''}`.trim();
    case 'answered': {
      if (view.canSubmit) {
        return view.findings.every((finding) => finding.answer.verified) ? texts.submitAllowed : texts.submitAllowedUnverified;
      }
      const blocked = view.findings.filter((finding) => !finding.answer.canSubmit);
      const still = blocked.some((finding) => finding.stillBlocked) ? ` ${texts.stillBlocked}` : '';
      if (!view.cart) {
        const answer = blocked[0]?.answer;
        const headline = answer && (answer.guidance ?? partnerOfRecordToShow(answer)?.guidance)?.headline;
        return fill(texts.submitBlockedOne, { headline: headline ?? answer?.mpaStatus.message ?? '' }) + still;
      }
      const total = view.findings.reduce((sum, finding) => sum + finding.lineNames.length, 0);
      const names = blocked.flatMap((finding) => finding.lineNames);
      return fill(texts.submitBlockedSome, { count: names.length, total, names: names.join(', ') }) + still;
    }
    default:
      return assertNever(view.phase);
  }
}

function identifierText(answer: OrderCheckLineFragment, view: OrderCheckView, texts: OrderCheckTexts): string {
  const { mpnId, tenantId } = answer.reseller;
  const who = mpnId ? `${texts.mpnId} ${mpnId}` : tenantId ? `${texts.tenantId} ${tenantId}` : '';
  return [who, regionName(view, answer.region, texts)].filter(Boolean).join(' · ');
}

type PartnerOfRecordCheck = Extract<OrderCheckLineFragment['checks'][number], { partnerOfRecord: unknown }>;

/**
 * Microsoft's partner-of-record check when it has guidance (it did not pass on a verified
 * answer) and the agreement has none: then it is what the finding explains.
 */
const partnerOfRecordToShow = (answer: OrderCheckLineFragment): PartnerOfRecordCheck | undefined =>
  answer.guidance
    ? undefined
    : answer.checks.find((check): check is PartnerOfRecordCheck => 'partnerOfRecord' in check && !!check.guidance);

function isWebLink(url: string | null | undefined): url is string {
  return !!url && /^https?:\/\//i.test(url);
}

function findingElement(finding: Finding, view: OrderCheckView, texts: OrderCheckTexts): HTMLElement {
  const { answer } = finding;
  const status = statusOf(answer);
  // The agreement's guidance first; when it has none, Microsoft's partner-of-record verdict's.
  const verdict = partnerOfRecordToShow(answer)?.partnerOfRecord;
  const refusal = verdict && 'errorCode' in verdict ? verdict : undefined;
  const guidance = answer.guidance ?? partnerOfRecordToShow(answer)?.guidance;
  const badge = { ready: texts.badgeReady, blocked: texts.badgeBlocked, retry: texts.badgeRetry, unverified: texts.badgeUnverified }[
    status
  ];
  const mismatch = answer.mpaStatus.__typename === 'MpaCspRegionMismatch' ? answer.mpaStatus : undefined;
  const canRecheck = !answer.canSubmit && !answer.retryable && !!guidance?.mayTakeTimeToUpdate;
  const canRetry = answer.retryable || !!finding.failure;
  const actionButton = (action: 'recheck' | 'retry', label: string, busyLabel: string) => {
    const busy = finding.pending === action;
    return el(
      'button',
      {
        type: 'button',
        part: `button ${action}-button`,
        'data-action': action,
        'data-finding': finding.key,
        'data-focus-key': `${action}:${finding.key}`,
        'aria-disabled': busy ? 'true' : undefined,
      },
      busy ? busyLabel : label,
    );
  };
  return el(
    'li',
    {
      part: `finding finding-${status}`,
      'data-status': status,
      'data-finding': finding.key,
      'data-focus-key': `finding:${finding.key}`,
      tabindex: '-1',
    },
    el('p', { part: 'badge' }, el('span', { 'aria-hidden': 'true' }, SYMBOLS[status]), badge),
    finding.lineNames.length > 0 && el('p', { part: 'lines' }, fill(texts.lines, { names: finding.lineNames.join(', ') })),
    el('p', { part: 'identifier' }, identifierText(answer, view, texts)),
    guidance ? el('h3', { part: 'headline' }, guidance.headline) : el('p', { part: 'message' }, answer.mpaStatus.message),
    guidance && el('p', { part: 'explanation' }, guidance.whatItMeans),
    // Microsoft's code and description, verbatim (for support; the guidance above says it in the partner's language).
    refusal?.errorCode && el('p', { part: 'code' }, `${refusal.errorCode}: ${refusal.errorDescription ?? ''}`),
    mismatch &&
      el(
        'dl',
        { part: 'regions' },
        el('dt', {}, texts.orderedFrom),
        el('dd', { 'data-region': answer.region }, regionName(view, answer.region, texts)),
        el('dt', {}, texts.resellerRegion),
        el('dd', { 'data-region': mismatch.resellerRegion ?? '' }, regionName(view, mismatch.resellerRegion, texts)),
      ),
    guidance && guidance.actions.length > 0 && el('p', { part: 'steps-title' }, texts.stepsTitle),
    guidance && guidance.actions.length > 0 && el('ol', { part: 'steps' }, ...guidance.actions.map((step) => el('li', {}, step))),
    guidance?.mayTakeTimeToUpdate && el('p', { part: 'delay-note' }, texts.mayTakeTime),
    isWebLink(guidance?.learnMoreUrl) &&
      el(
        'p',
        {},
        el(
          'a',
          { href: guidance!.learnMoreUrl!, target: '_blank', rel: 'noopener noreferrer', part: 'learn-more' },
          `${texts.learnMore} `,
          texts.opensInNewTab,
        ),
      ),
    !answer.verified && el('p', { part: 'unverified-note' }, texts.unverified),
    finding.stillBlocked && el('p', { part: 'recheck-note' }, texts.stillBlocked),
    // For support, when the partner cannot fix it alone (not for the agreement's own steps).
    status !== 'ready' &&
      !guidance?.mayTakeTimeToUpdate &&
      answer.mpaStatus.correlationId &&
      el('p', { part: 'correlation' }, fill(texts.correlationId, { id: answer.mpaStatus.correlationId })),
    finding.failure && el('p', { part: 'error' }, failureText(finding.failure, texts)),
    (canRecheck || canRetry) &&
      el(
        'div',
        { part: 'actions' },
        canRecheck &&
          actionButton(
            'recheck',
            AGREEMENT_STATUSES.has(answer.mpaStatus.__typename) ? texts.recheckAgreement : texts.recheckOther,
            texts.rechecking,
          ),
        canRetry && actionButton('retry', texts.retry, texts.retrying),
      ),
  );
}

/** The panel's body under the summary: the findings, or what went wrong and a way on. */
export function bodyElements(view: OrderCheckView, texts: OrderCheckTexts): Node[] {
  if (view.phase === 'failed') {
    return [
      el(
        'div',
        { part: 'actions' },
        el(
          'button',
          { type: 'button', part: 'button retry-button', 'data-action': 'retry-all', 'data-focus-key': 'retry-all' },
          texts.retry,
        ),
      ),
    ];
  }
  if (view.phase !== 'answered') return [];
  return [el('ul', { part: 'findings' }, ...view.findings.map((finding) => findingElement(finding, view, texts)))];
}
