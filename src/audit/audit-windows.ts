import { GatewayServices, OperationContext, createOperationContext } from '../operation/operation-context';
import { CspRegion } from '../partner-center/csp-region';
import { identifierKey, parseResellerIdentifier } from '../partner-center/reseller-identifier';
import { InputLine } from './input/input-line';

export interface AuditWindowsOptions {
  /** Required. Budget and deadline per operation come from here. */
  readonly services: GatewayServices;
  /** Required. The regions every line is checked for; all configured. */
  readonly regions: readonly CspRegion[];
  /** Required. The operation locale (guidance takes the audit's own locale anyway). */
  readonly locale: string;
  /** Default `audit`. Start of each window's request id, in upstream call log lines. */
  readonly runId?: string;
  /** Default a tenth of the operation deadline, at most 1 s. A window takes new lines for this long. */
  readonly maxAgeMs?: number;
}

interface Window {
  readonly context: OperationContext;
  readonly openedAt: number;
  /** Distinct identifiers already in it, and the questions they may cost. */
  readonly identifiers: Set<string>;
  cost: number;
}

/**
 * Groups consecutive lines into windows, each one GraphQL operation's worth: its own
 * operation context (loader, question budget, deadline), as a cart would get. A window
 * takes lines while their questions surely fit its budget (`limits.maxResellersPerQuery`)
 * and while it is young, so every line has nearly the whole operation deadline; then the
 * next one opens. Windows overlap: the account's capacity, not the window, decides how many
 * questions are in flight.
 */
export class AuditWindows {
  private current: Window | undefined;
  private opened = 0;
  private readonly maxAgeMs: number;
  private readonly mpnIdCost: number;

  constructor(private readonly options: AuditWindowsOptions) {
    this.maxAgeMs = options.maxAgeMs ?? Math.min(1_000, Math.floor(options.services.operationDeadlineMs / 10));
    // An MPN ID answered "another region" makes guidance ask every other configured region
    // for its home region, so it may cost a question per configured region.
    this.mpnIdCost = Math.max(options.regions.length, options.services.checker.configuredRegions.length);
  }

  /** Windows opened so far. */
  count(): number {
    return this.opened;
  }

  /** The context a line is to be asked in. */
  contextFor(input: InputLine): OperationContext {
    const { key, cost } = this.costOf(input);
    const now = Date.now();
    let window = this.current;
    const full =
      window !== undefined &&
      key !== undefined &&
      !window.identifiers.has(key) &&
      window.cost + cost > this.options.services.maxResellersPerQuery;
    if (window === undefined || full || now - window.openedAt >= this.maxAgeMs) {
      this.opened += 1;
      const requestId = `${this.options.runId ?? 'audit'}-${this.opened}`;
      window = {
        context: createOperationContext(this.options.services, this.options.locale, requestId),
        openedAt: now,
        identifiers: new Set(),
        cost: 0,
      };
      this.current = window;
    }
    if (key !== undefined && !window.identifiers.has(key)) {
      window.identifiers.add(key);
      window.cost += cost;
    }
    return window.context;
  }

  /** Questions a line's identifier may cost a window: none for a bad line, since it is never asked. */
  private costOf(input: InputLine): { key?: string; cost: number } {
    if ('unreadable' in input) return { cost: 0 };
    const check = parseResellerIdentifier({ mpnId: input.mpnId, tenantId: input.tenantId });
    if (!check.ok) return { cost: 0 };
    return { key: identifierKey(check.identifier), cost: check.identifier.kind === 'mpnId' ? this.mpnIdCost : this.options.regions.length };
  }
}
