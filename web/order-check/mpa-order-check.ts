import { CartCheckDocument, OrderCheckDocument, OrderRecheckDocument } from './generated/graphql';
import type { MpaOrderLineInput, OrderCheckLineFragment } from './generated/graphql';
import { DEFAULT_TIMEOUT_MS, GatewayCredentials, GatewayRequestError, sendOperation } from './gateway-client';
import ORDER_CHECK_CSS from './order-check.css';
import {
  OrderCheckLine,
  answerFits,
  answersFit,
  groupFindings,
  parseLines,
  requestFor,
  sameQuestion,
  trimmed,
} from './order-check-request';
import { textsFor } from './order-check-texts';
import { Finding, OrderCheckView, Phase, bodyElements, el, summaryText } from './order-check-view';

/** `detail` of the `eligibilitychange` event. */
export interface EligibilityChangeDetail {
  /** Whether the order may be submitted now. */
  readonly canSubmit: boolean;
  readonly state: Phase;
  /** The gateway's answer per line, in the order given (one for a single reseller). */
  readonly lines: readonly OrderCheckLineFragment[];
}

const DEFAULT_DEBOUNCE_MS = 400;
/** Attributes whose change means the partner is typing: checked once typing pauses. */
const TYPED = new Set(['mpn-id', 'tenant-id', 'lines']);

/** Settable properties, for the ones set before the element was defined. */
const PROPERTIES = [
  'gateway',
  'region',
  'locale',
  'mpnId',
  'tenantId',
  'lines',
  'submitButton',
  'debounce',
  'timeout',
  'apiKey',
  'accessToken',
];

/**
 * `<mpa-order-check>`: asks the MPA compliance gateway whether the reseller (or every line of
 * a cart) may order, shows what to do when not, gates a Submit button and tells the host page
 * through `eligibilitychange`. docs/frontend.md ("The order-form kit") lists its attributes and hooks.
 */
export class MpaOrderCheckElement extends HTMLElement {
  static readonly observedAttributes = ['gateway', 'region', 'locale', 'mpn-id', 'tenant-id', 'lines', 'submit-button', 'debounce'];

  readonly #summary: HTMLElement;
  readonly #panel: HTMLElement;
  readonly #body: HTMLElement;
  #linesValue: readonly OrderCheckLine[] | undefined;
  #linesInvalid = false;
  #credentials: { apiKey?: string; accessToken?: GatewayCredentials['accessToken'] } = {};
  #phase: Phase = 'idle';
  #idleReason: 'identifier' | 'region' = 'identifier';
  #findings: Finding[] = [];
  #answers: OrderCheckLineFragment[] = [];
  #failure: OrderCheckView['failure'];
  #regionNames = new Map<string, string>();
  #cart = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #controller: AbortController | undefined;
  /** Bumped by every new check: answers to an older one are dropped. */
  #generation = 0;
  #lastEvent = '';
  #warnedButton = '';

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    // A constructed sheet is not inline style, so a host page's strict CSP does not block it.
    if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(ORDER_CHECK_CSS);
      root.adoptedStyleSheets = [sheet];
    } else {
      const style = document.createElement('style');
      style.textContent = ORDER_CHECK_CSS;
      root.append(style);
    }
    // The live region stays in place across renders, so screen readers announce each new sentence.
    // It takes focus (tabindex -1) when the button that had it is gone.
    this.#summary = el('p', { part: 'summary', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true', tabindex: '-1' });
    this.#body = el('div', {});
    this.#panel = el('section', { part: 'panel' }, this.#summary, this.#body);
    root.append(this.#panel);
    root.addEventListener('click', (event) => this.#onClick(event));
  }

  // --- attributes and properties -------------------------------------------------------

  /** The gateway's GraphQL URL. Default `/graphql` (same origin). */
  get gateway(): string {
    return this.getAttribute('gateway') || '/graphql';
  }
  set gateway(value: string) {
    this.setAttribute('gateway', value);
  }
  /** The CSP region the order is placed from, e.g. `UNITED_STATES`. */
  get region(): string | null {
    return trimmed(this.getAttribute('region')) ?? null;
  }
  set region(value: string | null) {
    this.#reflect('region', value);
  }
  /** Language of the texts, e.g. `pt-PT`. Default the nearest `lang` attribute, else en-US. */
  get locale(): string {
    return trimmed(this.getAttribute('locale')) ?? (this.closest('[lang]')?.getAttribute('lang') || 'en-US');
  }
  set locale(value: string) {
    this.setAttribute('locale', value);
  }
  get mpnId(): string | null {
    return trimmed(this.getAttribute('mpn-id')) ?? null;
  }
  set mpnId(value: string | null) {
    this.#reflect('mpn-id', value);
  }
  get tenantId(): string | null {
    return trimmed(this.getAttribute('tenant-id')) ?? null;
  }
  set tenantId(value: string | null) {
    this.#reflect('tenant-id', value);
  }
  /** A cart: one check per line instead of `mpn-id`/`tenant-id`. Also settable as JSON in the `lines` attribute. */
  get lines(): readonly OrderCheckLine[] | undefined {
    return this.#linesValue;
  }
  set lines(value: readonly OrderCheckLine[] | undefined) {
    this.#linesValue = value && value.length > 0 ? [...value] : undefined;
    this.#linesInvalid = false;
    this.#schedule(true);
  }
  /** The id of the button this element disables until the order may be submitted. */
  get submitButton(): string | null {
    return this.getAttribute('submit-button');
  }
  set submitButton(value: string | null) {
    this.#reflect('submit-button', value);
  }
  /** Milliseconds to wait after the last keystroke before asking. Default 400. */
  get debounce(): number {
    const value = Number(this.getAttribute('debounce'));
    return this.hasAttribute('debounce') && Number.isFinite(value) && value >= 0 ? value : DEFAULT_DEBOUNCE_MS;
  }
  set debounce(value: number) {
    this.setAttribute('debounce', String(value));
  }
  /** Milliseconds to wait for the gateway's answer before giving up and offering "try again". Default 15000. */
  get timeout(): number {
    const value = Number(this.getAttribute('timeout'));
    return this.hasAttribute('timeout') && Number.isFinite(value) && value > 0 ? value : DEFAULT_TIMEOUT_MS;
  }
  set timeout(value: number) {
    this.setAttribute('timeout', String(value));
  }
  /**
   * Sent as `X-Api-Key`. A property only, never an attribute, so it stays out of the
   * document's markup (and out of anything that copies it).
   */
  set apiKey(value: string | undefined) {
    this.#credentials = { ...this.#credentials, apiKey: value || undefined };
    this.#schedule(false);
  }
  /** Sent as a bearer token; a function is called before each request so the host can refresh it. Property only. */
  set accessToken(value: GatewayCredentials['accessToken'] | undefined) {
    this.#credentials = { ...this.#credentials, accessToken: value || undefined };
    this.#schedule(false);
  }
  /** Whether the order may be submitted now. */
  get canSubmit(): boolean {
    return this.#phase === 'answered' && this.#answers.length > 0 && this.#answers.every((answer) => answer.canSubmit === true);
  }
  /** The gateway's latest answer per line. */
  get eligibility(): readonly OrderCheckLineFragment[] {
    return this.#answers;
  }

  #reflect(name: string, value: string | null): void {
    if (value === null || value === undefined || value === '') this.removeAttribute(name);
    else this.setAttribute(name, value);
  }

  connectedCallback(): void {
    // A host may set properties before this script defines the element; those own properties
    // hide the accessors, so they are taken over here.
    for (const name of PROPERTIES) {
      if (!Object.prototype.hasOwnProperty.call(this, name)) continue;
      const value = (this as Record<string, unknown>)[name];
      delete (this as Record<string, unknown>)[name];
      (this as Record<string, unknown>)[name] = value;
    }
    this.#schedule(false);
  }

  disconnectedCallback(): void {
    clearTimeout(this.#timer);
    this.#controller?.abort();
  }

  attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (previous === value) return;
    if (name === 'lines') {
      const parsed = value === null || value.trim() === '' ? undefined : parseLines(value);
      this.#linesInvalid = value !== null && value.trim() !== '' && parsed === undefined;
      this.#linesValue = parsed && parsed.length > 0 ? parsed : undefined;
    }
    if (name === 'submit-button') return this.#gate();
    if (name === 'debounce') return;
    this.#schedule(TYPED.has(name));
  }

  /** Checks now, without waiting for typing to pause; resolves once the answer is shown. */
  check(): Promise<void> {
    clearTimeout(this.#timer);
    return this.#run();
  }

  // --- checking --------------------------------------------------------------------------

  #request() {
    return requestFor(this, this.#linesInvalid);
  }

  /** A change arrived: Submit is off at once, and the check follows (after typing pauses). */
  #schedule(typed: boolean): void {
    if (!this.isConnected) return;
    clearTimeout(this.#timer);
    this.#generation += 1;
    this.#controller?.abort();
    const request = this.#request();
    if (request.kind === 'idle' || request.kind === 'invalid') {
      void this.#run();
      return;
    }
    this.#update({ phase: 'checking' });
    this.#timer = setTimeout(() => void this.#run(), typed ? this.debounce : 0);
  }

  async #run(): Promise<void> {
    const generation = ++this.#generation;
    this.#controller?.abort();
    const request = this.#request();
    if (request.kind === 'idle') return this.#update({ phase: 'idle', idleReason: request.reason });
    if (request.kind === 'invalid') return this.#update({ phase: 'failed', failure: { kind: 'linesAttribute' } });
    const controller = new AbortController();
    this.#controller = controller;
    this.#update({ phase: 'checking' });
    const locale = this.locale;
    try {
      let answers: OrderCheckLineFragment[];
      let regions: ReadonlyArray<{ region: string; name: string }>;
      if (request.kind === 'single') {
        const data = await sendOperation(
          this.gateway,
          OrderCheckDocument,
          { order: request.order, locale },
          this.#credentials,
          controller.signal,
          this.timeout,
        );
        answers = [data.orderEligibility];
        if (!answersFit(answers, [request.order])) throw new GatewayRequestError({ kind: 'unexpectedAnswer' });
        regions = data.cspRegions;
      } else {
        const data = await sendOperation(
          this.gateway,
          CartCheckDocument,
          { orders: [...request.orders], locale },
          this.#credentials,
          controller.signal,
          this.timeout,
        );
        answers = data.orderEligibilities;
        if (!answersFit(answers, request.orders)) throw new GatewayRequestError({ kind: 'unexpectedAnswer' });
        regions = data.cspRegions;
      }
      if (generation !== this.#generation) return;
      const named: ReadonlyArray<{ region: string; name: string }> = Array.isArray(regions) ? regions : [];
      this.#regionNames = new Map(named.filter((entry) => typeof entry?.name === 'string').map((entry) => [entry.region, entry.name]));
      this.#cart = request.kind === 'cart';
      this.#answers = answers;
      this.#findings = groupFindings(answers, request.kind === 'cart' ? request.names : []);
      this.#update({ phase: 'answered' });
    } catch (error) {
      if (generation !== this.#generation || controller.signal.aborted) return;
      this.#update({ phase: 'failed', failure: error instanceof GatewayRequestError ? error.failure : { kind: 'network' } });
    }
  }

  /** "Check again" (past the gateway's cache) or "try again" for one finding; the rest stays as it is. */
  async #act(finding: Finding, action: 'recheck' | 'retry'): Promise<void> {
    if (finding.pending) return;
    const generation = this.#generation;
    finding.pending = action;
    finding.failure = undefined;
    this.#render();
    const { mpnId, tenantId } = finding.answer.reseller;
    const order: MpaOrderLineInput = { mpnId: mpnId ?? null, tenantId: tenantId ?? null, region: finding.answer.region };
    const locale = this.locale;
    try {
      const answer =
        action === 'recheck'
          ? (await sendOperation(this.gateway, OrderRecheckDocument, { order, locale }, this.#credentials, undefined, this.timeout))
              .recheckMpaStatus
          : (await sendOperation(this.gateway, OrderCheckDocument, { order, locale }, this.#credentials, undefined, this.timeout))
              .orderEligibility;
      if (generation !== this.#generation) return;
      if (!answerFits(answer, order)) throw new GatewayRequestError({ kind: 'unexpectedAnswer' });
      finding.pending = undefined;
      finding.stillBlocked =
        action === 'recheck' && !answer.canSubmit && answer.mpaStatus.__typename === finding.answer.mpaStatus.__typename;
      const previous = finding.answer;
      finding.answer = answer;
      this.#answers = this.#answers.map((line) =>
        line === previous || sameQuestion(line, previous) ? { ...answer, lineId: line.lineId } : line,
      );
      this.#update({ phase: 'answered' });
    } catch (error) {
      if (generation !== this.#generation) return;
      finding.pending = undefined;
      finding.failure = error instanceof GatewayRequestError ? error.failure : { kind: 'network' };
      this.#render();
    }
  }

  #onClick(event: Event): void {
    const button = (event.target as Element | null)?.closest?.('button[data-action]');
    if (!button) return;
    const action = button.getAttribute('data-action');
    if (action === 'retry-all') {
      void this.check();
      return;
    }
    const finding = this.#findings.find((candidate) => candidate.key === button.getAttribute('data-finding'));
    if (finding && (action === 'recheck' || action === 'retry')) void this.#act(finding, action);
  }

  // --- showing -----------------------------------------------------------------------------

  #update(change: { phase: Phase; idleReason?: 'identifier' | 'region'; failure?: OrderCheckView['failure'] }): void {
    this.#phase = change.phase;
    if (change.idleReason) this.#idleReason = change.idleReason;
    this.#failure = change.failure;
    if (change.phase !== 'answered') {
      this.#answers = [];
      this.#findings = [];
    }
    this.#render();
    this.#gate();
    this.#announce();
  }

  #render(): void {
    const texts = textsFor(this.locale);
    const view: OrderCheckView = {
      phase: this.#phase,
      idleReason: this.#idleReason,
      findings: this.#findings,
      failure: this.#failure,
      canSubmit: this.canSubmit,
      regionNames: this.#regionNames,
      cart: this.#cart,
    };
    const root = this.shadowRoot!;
    // Re-rendering replaces the buttons: focus goes back to the same one, or to its finding when it is gone.
    const focused = root.activeElement?.getAttribute('data-focus-key');
    const focusedFinding = root.activeElement?.closest('[data-finding]')?.getAttribute('data-finding');
    this.#panel.setAttribute('aria-label', texts.title);
    this.#panel.setAttribute('aria-busy', String(this.#phase === 'checking'));
    this.#panel.lang = texts.locale;
    const sentence = summaryText(view, texts);
    if (this.#summary.textContent !== sentence) this.#summary.textContent = sentence;
    this.#summary.dataset.state = this.#phase;
    this.#summary.dataset.canSubmit = String(view.canSubmit);
    this.#body.replaceChildren(...bodyElements(view, texts));
    if (focused) {
      const again =
        this.#body.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(focused)}"]`) ??
        (focusedFinding ? this.#body.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(`finding:${focusedFinding}`)}"]`) : null);
      (again ?? this.#summary).focus();
    }
  }

  /** Disables the pointed-at Submit button unless the order may be submitted. */
  #gate(): void {
    const id = this.submitButton;
    if (!id) return;
    const root = this.getRootNode() as Document | ShadowRoot;
    const button = root.getElementById?.(id) as HTMLButtonElement | HTMLInputElement | null;
    if (!button) {
      if (this.#warnedButton !== id) console.warn(`<mpa-order-check>: no #${id} to gate`);
      this.#warnedButton = id;
      return;
    }
    button.disabled = !this.canSubmit;
  }

  /** `eligibilitychange`, once per new state or answer. */
  #announce(): void {
    const detail: EligibilityChangeDetail = { canSubmit: this.canSubmit, state: this.#phase, lines: this.#answers };
    const signature = JSON.stringify(detail);
    if (signature === this.#lastEvent) return;
    this.#lastEvent = signature;
    this.dispatchEvent(new CustomEvent<EligibilityChangeDetail>('eligibilitychange', { detail, bubbles: true, composed: true }));
  }
}

if (!customElements.get('mpa-order-check')) customElements.define('mpa-order-check', MpaOrderCheckElement);

declare global {
  interface HTMLElementTagNameMap {
    'mpa-order-check': MpaOrderCheckElement;
  }
  interface HTMLElementEventMap {
    eligibilitychange: CustomEvent<EligibilityChangeDetail>;
  }
}
