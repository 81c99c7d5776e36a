import type { CspRegion, MpaOrderLineInput, OrderCheckLineFragment } from './generated/graphql';
import type { Finding } from './order-check-view';

/** One cart line as the host gives it. `region` defaults to the element's. */
export interface OrderCheckLine {
  readonly lineId?: string;
  /** What the partner calls the line (a product name); shown when the line needs attention. Defaults to `lineId`. */
  readonly label?: string;
  readonly mpnId?: string;
  readonly tenantId?: string;
  readonly region?: CspRegion;
}

/** What the element's inputs ask for: nothing yet, a bad `lines` attribute, one order or a cart. */
export type OrderCheckRequest =
  | { readonly kind: 'idle'; readonly reason: 'identifier' | 'region' }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'single'; readonly order: MpaOrderLineInput }
  | { readonly kind: 'cart'; readonly orders: readonly MpaOrderLineInput[]; readonly names: readonly string[] };

/** The element's inputs, as its properties read them. */
export interface OrderCheckInputs {
  readonly lines: readonly OrderCheckLine[] | undefined;
  readonly region: string | null;
  readonly mpnId: string | null;
  readonly tenantId: string | null;
}

export const trimmed = (value: string | null | undefined) => value?.trim() || undefined;

/** The `lines` attribute: a JSON list of objects, else undefined. */
export function parseLines(text: string): OrderCheckLine[] | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((line) => typeof line === 'object' && line !== null)
      ? (value as OrderCheckLine[])
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What to ask the gateway. A cart with no reseller on any line is not filled in yet; once one
 * line has a reseller every line is asked about, those without one included: the gateway
 * answers them "identifier missing", which blocks Submit and is shown for those lines.
 * `linesInvalid`: the `lines` attribute held something other than a JSON list.
 */
export function requestFor(inputs: OrderCheckInputs, linesInvalid: boolean): OrderCheckRequest {
  if (linesInvalid) return { kind: 'invalid' };
  const region = inputs.region as CspRegion | null;
  if (inputs.lines) {
    const lines = inputs.lines;
    if (!lines.some((line) => trimmed(line.mpnId) || trimmed(line.tenantId))) return { kind: 'idle', reason: 'identifier' };
    if (lines.some((line) => !(line.region ?? region))) return { kind: 'idle', reason: 'region' };
    return {
      kind: 'cart',
      orders: lines.map((line) => ({
        lineId: line.lineId ?? null,
        mpnId: trimmed(line.mpnId) ?? null,
        tenantId: trimmed(line.tenantId) ?? null,
        region: (line.region ?? region)!,
      })),
      names: lines.map((line, index) => line.label || line.lineId || `#${index + 1}`),
    };
  }
  if (!inputs.mpnId && !inputs.tenantId) return { kind: 'idle', reason: 'identifier' };
  if (!region) return { kind: 'idle', reason: 'region' };
  return { kind: 'single', order: { mpnId: inputs.mpnId, tenantId: inputs.tenantId, region } };
}

/** Whether two answers are about the same reseller and region. */
export const sameQuestion = (a: OrderCheckLineFragment, b: OrderCheckLineFragment) =>
  a.region === b.region && a.reseller.mpnId === b.reseller.mpnId && a.reseller.tenantId === b.reseller.tenantId;

/** One finding per (reseller, region): the same answer is not shown once per cart line. */
export function groupFindings(answers: readonly OrderCheckLineFragment[], names: readonly string[]): Finding[] {
  const byKey = new Map<string, Finding & { lineNames: string[] }>();
  answers.forEach((answer, index) => {
    const key = `${answer.reseller.mpnId ?? ''}|${answer.reseller.tenantId ?? ''}|${answer.region}`;
    const finding = byKey.get(key) ?? { key, lineNames: [], answer };
    if (names[index]) finding.lineNames.push(names[index]);
    byKey.set(key, finding);
  });
  return [...byKey.values()];
}

/** An MPN ID as the gateway gives it back: without leading zeros. */
const mpnKey = (text: string) => text.replace(/^0+(?=\d)/, '');
/** A tenant ID as the gateway gives it back: a lower-case GUID, whatever braces or hyphens it was typed with. */
const tenantKey = (text: string) => text.toLowerCase().replace(/[{}()-]/g, '');

function sameIdentifier(asked: string | null | undefined, answered: unknown, key: (text: string) => string): boolean {
  const text = trimmed(asked);
  if (text === undefined) return answered === null || answered === undefined;
  return typeof answered === 'string' && (answered === text || key(answered) === key(text));
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Whether `answer` is a well-formed answer to `order`: the same reseller (as the gateway
 * writes identifiers), the same region, the same line, and every field the component reads
 * of the type it expects. Anything else is not used, however it reads: a proxy's or a
 * cache's answer for another reseller or region must never enable Submit.
 */
export function answerFits(answer: unknown, order: MpaOrderLineInput): answer is OrderCheckLineFragment {
  if (!isRecord(answer) || !isRecord(answer.reseller) || !isRecord(answer.mpaStatus)) return false;
  if (typeof answer.canSubmit !== 'boolean' || typeof answer.verified !== 'boolean' || typeof answer.retryable !== 'boolean') return false;
  if (typeof answer.mpaStatus.__typename !== 'string' || !Array.isArray(answer.checks)) return false;
  if (answer.guidance !== null && answer.guidance !== undefined) {
    if (!isRecord(answer.guidance) || typeof answer.guidance.headline !== 'string' || !Array.isArray(answer.guidance.actions)) return false;
  }
  if (answer.region !== order.region) return false;
  if ((answer.lineId ?? null) !== (order.lineId ?? null)) return false;
  return sameIdentifier(order.mpnId, answer.reseller.mpnId, mpnKey) && sameIdentifier(order.tenantId, answer.reseller.tenantId, tenantKey);
}

/** Whether `answers` answer `orders`, one for one and in order. */
export const answersFit = (answers: unknown, orders: readonly MpaOrderLineInput[]): answers is OrderCheckLineFragment[] =>
  Array.isArray(answers) && answers.length === orders.length && answers.every((answer, index) => answerFits(answer, orders[index]));
