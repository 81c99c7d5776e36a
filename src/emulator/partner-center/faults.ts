/**
 * Fault injection for the emulator: latency, throttling, server errors, hung connections,
 * malformed bodies. Rules apply globally or to one identifier (an MPN ID or a tenant ID).
 */

/** What the emulator does instead of answering normally. */
export type EmulatedFailure =
  /** 429 with the throttling body; `Retry-After` as seconds, as an HTTP date, or only in the body. */
  | { readonly type: 'throttle'; readonly retryAfterSeconds?: number; readonly retryAfterFormat?: 'seconds' | 'httpDate' | 'bodyOnly' }
  /** Any status with an optional body (object → JSON, string → as is); 500/502/503/504, 401, 403, custom codes. */
  | { readonly type: 'status'; readonly status: number; readonly body?: unknown; readonly retryAfterSeconds?: number }
  /** Accepts the request and never answers, until the client gives up or the emulator stops. */
  | { readonly type: 'hang' }
  /**
   * A body that is not the documented JSON, as proxies and truncation produce. `status`
   * defaults to 200; a 4xx (an HTML 404 from a wrong base URL, an empty 400) is what a
   * misconfigured path gets, which a client must not take for an outage.
   */
  | { readonly type: 'malformedBody'; readonly status?: number; readonly style?: 'html' | 'truncatedJson' | 'empty' }
  /** Destroys the connection without an answer. */
  | { readonly type: 'reset' };

export interface FaultRule {
  /** Default `0`. Milliseconds added before the answer (or the failure). */
  readonly latencyMs?: number;
  /** Default none: answer normally. An array picks one failure at random per call. */
  readonly failure?: EmulatedFailure | readonly EmulatedFailure[];
  /** Default `1`. Chance, from 0 to 1, that the failure applies to a call; latency always applies. */
  readonly probability?: number;
  /** Default unlimited. Number of calls the failure applies to before the rule lapses. */
  readonly times?: number;
  /** Default every region. The rule applies only to calls from these region accounts (e.g. one account failing). */
  readonly regions?: readonly string[];
  /**
   * Default `false`. A test control: each call the rule applies to waits, after its latency,
   * until `releaseHeld` (admin `POST /_emulator/held/release`), so a test lets an answer land
   * at the moment it chooses instead of after a guessed time. Refused unless the emulator was
   * started with `allowHold`.
   */
  readonly hold?: boolean;
}

/** Whether fault rules may hold calls (`FaultRule.hold`). */
export interface FaultRuleLimits {
  /** Default `false`. */
  readonly allowHold?: boolean;
}

/** What one call gets after the rules have been consulted. */
export interface FaultDecision {
  readonly latencyMs: number;
  readonly failure?: EmulatedFailure;
  /** Set when the call waits for `releaseHeld` after its latency. */
  readonly hold?: true;
}

const FAILURE_TYPES = new Set(['throttle', 'status', 'hang', 'malformedBody', 'reset']);

/** Checks a rule (from tests or the admin endpoint) and says which field is wrong. */
export function getValidFaultRule(input: unknown, limits: FaultRuleLimits = {}): FaultRule {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new TypeError('fault rule must be a JSON object');
  }
  const rule = input as Record<string, unknown>;
  const known = new Set(['latencyMs', 'failure', 'probability', 'times', 'regions', 'hold']);
  for (const key of Object.keys(rule)) {
    if (!known.has(key)) throw new TypeError(`fault rule has an unknown field "${key}"`);
  }
  if (rule.latencyMs !== undefined && !(Number.isFinite(rule.latencyMs) && (rule.latencyMs as number) >= 0)) {
    throw new TypeError('fault rule latencyMs must be a number of milliseconds >= 0');
  }
  if (rule.probability !== undefined && !(typeof rule.probability === 'number' && rule.probability >= 0 && rule.probability <= 1)) {
    throw new TypeError('fault rule probability must be a number from 0 to 1');
  }
  if (rule.times !== undefined && !(Number.isInteger(rule.times) && (rule.times as number) > 0)) {
    throw new TypeError('fault rule times must be a positive integer');
  }
  if (rule.regions !== undefined && !(Array.isArray(rule.regions) && rule.regions.every((region) => typeof region === 'string'))) {
    throw new TypeError('fault rule regions must be a list of CSP region names, e.g. ["EUROPE"]');
  }
  if (rule.hold !== undefined && typeof rule.hold !== 'boolean') throw new TypeError('fault rule hold must be true or false');
  if (rule.hold === true && !limits.allowHold) {
    throw new TypeError('fault rule hold is a test control; this emulator was started without allowHold (EMULATOR_ALLOW_HOLD=1)');
  }
  const failures = rule.failure === undefined ? [] : Array.isArray(rule.failure) ? rule.failure : [rule.failure];
  for (const failure of failures) {
    const type = (failure as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !FAILURE_TYPES.has(type)) {
      throw new TypeError(`fault rule failure.type must be one of ${[...FAILURE_TYPES].join(', ')}`);
    }
    if (type === 'status') {
      const status = (failure as { status?: unknown }).status;
      if (!(Number.isInteger(status) && (status as number) >= 100 && (status as number) <= 599)) {
        throw new TypeError('fault rule failure.status must be an HTTP status from 100 to 599');
      }
    }
  }
  return rule as FaultRule;
}

/** A small seeded generator, so a chaos run can be replayed exactly. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
}

/** The emulator's fault rules: one global, one per identifier value. */
export class FaultControls {
  private global: ActiveRule | undefined;
  private relationships: ActiveRule | undefined;
  private validateResellers: ActiveRule | undefined;
  private readonly byIdentifier = new Map<string, ActiveRule>();
  private readonly held = new Set<() => void>();

  constructor(
    private readonly random: () => number = Math.random,
    private readonly limits: FaultRuleLimits = {},
  ) {}

  /** Resolves at once, or for a held call when `releaseHeld` runs. */
  waitIfHeld(decision: FaultDecision): Promise<void> {
    if (!decision.hold) return Promise.resolve();
    return new Promise((resolve) => this.held.add(resolve));
  }

  /** Lets every held call answer; returns how many were waiting. */
  releaseHeld(): number {
    const waiting = [...this.held];
    this.held.clear();
    for (const release of waiting) release();
    return waiting.length;
  }

  /** Calls waiting for `releaseHeld`. */
  heldCount(): number {
    return this.held.size;
  }

  /** Applies `rule` to every call; replaces the previous global rule. */
  setGlobal(rule: FaultRule): void {
    const valid = getValidFaultRule(rule, this.limits);
    this.global = { rule: valid, remaining: valid.times ?? Infinity };
  }

  /** Applies `rule` to calls naming this MPN ID or tenant ID (compared case-insensitively). */
  setFor(identifier: string, rule: FaultRule): void {
    const valid = getValidFaultRule(rule, this.limits);
    this.byIdentifier.set(identifier.toLowerCase(), { rule: valid, remaining: valid.times ?? Infinity });
  }

  /** Applies `rule` to relationships calls (the global rule applies to them as well). */
  setForRelationships(rule: FaultRule): void {
    const valid = getValidFaultRule(rule, this.limits);
    this.relationships = { rule: valid, remaining: valid.times ?? Infinity };
  }

  /** Applies `rule` to validateresellers calls (the global rule applies to them as well). */
  setForValidateResellers(rule: FaultRule): void {
    const valid = getValidFaultRule(rule, this.limits);
    this.validateResellers = { rule: valid, remaining: valid.times ?? Infinity };
  }

  /** Decides what happens to one validateresellers call; its own rule wins over the global one for the failure. */
  decideForValidateResellers(region?: string): FaultDecision {
    return this.decideAmong([this.validateResellers, this.global], region);
  }

  /** Removes every rule. */
  clear(): void {
    this.global = undefined;
    this.relationships = undefined;
    this.validateResellers = undefined;
    this.byIdentifier.clear();
  }

  /** Decides what happens to one relationships call; the relationships rule wins over the global one for the failure. */
  decideForRelationships(region?: string): FaultDecision {
    return this.decideAmong([this.relationships, this.global], region);
  }

  /** Decides what happens to one call; an identifier rule wins over the global one for the failure. */
  decide(identifier: string | undefined, staticRule?: FaultRule, region?: string): FaultDecision {
    const specific = identifier ? this.byIdentifier.get(identifier.toLowerCase()) : undefined;
    return this.decideAmong([specific, staticRule ? { rule: staticRule, remaining: Infinity } : undefined, this.global], region);
  }

  /** The first candidate whose failure applies wins; every applicable latency adds up. */
  private decideAmong(candidates: ReadonlyArray<ActiveRule | undefined>, region: string | undefined): FaultDecision {
    let latencyMs = 0;
    let failure: EmulatedFailure | undefined;
    let hold = false;
    for (const active of candidates) {
      if (!active) continue;
      if (active.rule.regions && (region === undefined || !active.rule.regions.includes(region))) continue;
      latencyMs += active.rule.latencyMs ?? 0;
      hold ||= active.rule.hold === true;
      if (failure || !active.rule.failure || active.remaining <= 0) continue;
      if (this.random() >= (active.rule.probability ?? 1)) continue;
      const options = Array.isArray(active.rule.failure) ? active.rule.failure : [active.rule.failure];
      failure = options[Math.floor(this.random() * options.length)] as EmulatedFailure;
      active.remaining -= 1;
    }
    return { latencyMs, ...(failure ? { failure } : {}), ...(hold ? { hold: true as const } : {}) };
  }
}
