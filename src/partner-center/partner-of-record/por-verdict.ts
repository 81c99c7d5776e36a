import { AgreementOutcome, ResponseTrace } from '../outcome/outcome';
import { numericCode } from '../outcome/outcome-table';
import { VALIDATE_RESELLERS_URL } from '../outcome/validate-resellers-outcomes';
import { parseJsonBody } from '../client/json-body';

/**
 * Microsoft's verdict on one partner ID (PLA ID, formerly MPN ID) from `validateresellers`,
 * and how it travels through the shared status cache.
 *
 * The cache keeps agreement outcomes (`AgreementOutcome`), whose cache classes, TTLs and
 * fail rules the partner-of-record answers share. A verdict is therefore written as an outcome
 * of the same shape, one per partner ID, and read back here; nothing outside this file relies
 * on the encoding:
 * - valid on record → kind `signed`, cache class `positive`;
 * - not valid → kind `notSigned`, cache class `negative`, with Microsoft's `errorCode` and
 *   `errorDescription` verbatim as the upstream code and description (source `validateresellers`);
 * - no result for an ID that was asked → kind `unrecognized` with HTTP status 200, no error
 *   body and no body excerpt, never cached;
 * - anything else is the batch's own outcome (unavailable, credentials, unrecognized answer).
 */

/** The codes Microsoft documents for the call, each with its own union member. */
export const DOCUMENTED_POR_CODES = [900400] as const;
export type DocumentedPorCode = (typeof DOCUMENTED_POR_CODES)[number];

/** `source` written on a stored verdict, so it can be told from an error body of the whole call. */
export const POR_VERDICT_SOURCE = 'validateresellers';

/** One entry of `validationResults`, as Partner Center sent it. */
export interface PorResult {
  readonly partnerId: string;
  readonly isValidPartnerIdOnRecord: boolean;
  /** Kept as sent: a number or a string. */
  readonly errorCode?: number | string;
  readonly errorDescription?: string;
}

export type PorVerdict =
  /** Microsoft says the reseller is authorized, active and compliant as partner of record. */
  | { readonly kind: 'valid' }
  /** Not valid, with a code Microsoft documents. */
  | { readonly kind: 'documentedCode'; readonly code: DocumentedPorCode; readonly description: string | null }
  /** Not valid, with a code Microsoft does not document (or none): kept verbatim, never guessed. */
  | { readonly kind: 'undocumentedCode'; readonly code: string | null; readonly description: string | null }
  /** The call answered 200 but held no result for this partner ID. */
  | { readonly kind: 'missingResult' }
  /** The call gave no verdict: the batch's outcome (Partner Center unavailable, credentials, an unknown answer). */
  | { readonly kind: 'noVerdict'; readonly outcome: AgreementOutcome };

/** A partner ID as the cache and the emulator compare it: trimmed, without leading zeros. */
export function normalisePartnerId(value: string | number): string {
  const text = String(value).trim();
  return /^\d+$/.test(text) ? text.replace(/^0+(?=\d)/, '') : text;
}

/** The outcome stored for one result of a 200 answer. */
export function outcomeOfResult(result: PorResult, trace: ResponseTrace): AgreementOutcome {
  const base = { origin: 'partnerCenter' as const, retryable: false, httpStatus: 200, trace };
  if (result.isValidPartnerIdOnRecord) return { kind: 'signed', cacheClass: 'positive', ...base };
  return {
    kind: 'notSigned',
    cacheClass: 'negative',
    upstream: { code: result.errorCode, description: result.errorDescription ?? '', data: [], source: POR_VERDICT_SOURCE },
    learnMoreUrl: VALIDATE_RESELLERS_URL,
    ...base,
  };
}

/** The outcome stored for a partner ID the 200 answer held no result for. */
export function missingResultOutcome(trace: ResponseTrace): AgreementOutcome {
  return { kind: 'unrecognized', origin: 'partnerCenter', retryable: false, cacheClass: 'never', httpStatus: 200, trace };
}

/** Reads a stored or fresh outcome back as a verdict. */
export function verdictOf(outcome: AgreementOutcome): PorVerdict {
  if (outcome.kind === 'signed') return { kind: 'valid' };
  if (outcome.kind === 'notSigned' && outcome.upstream?.source === POR_VERDICT_SOURCE) {
    const { code, description } = outcome.upstream;
    const numeric = numericCode(code);
    const documented = DOCUMENTED_POR_CODES.find((known) => known === numeric);
    const text = description === '' ? null : description;
    if (documented !== undefined) return { kind: 'documentedCode', code: documented, description: text };
    return { kind: 'undocumentedCode', code: code === undefined ? null : String(code), description: text };
  }
  // A 200 of another shape for the whole batch keeps its body; a missing result has none.
  if (outcome.kind === 'unrecognized' && outcome.httpStatus === 200 && outcome.upstream === undefined && outcome.bodyExcerpt === undefined)
    return { kind: 'missingResult' };
  return { kind: 'noVerdict', outcome };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether an error code says something: not absent, null, empty, or a zero that means "no error". */
function hasErrorCode(code: unknown): boolean {
  return code !== undefined && code !== null && code !== '' && code !== 0 && code !== '0';
}

/**
 * The results of a 200 body, by normalised partner ID, or undefined when the body is not
 * `{"validationResults": [...]}` (or names a property twice). An entry without a partner ID or
 * a boolean verdict is skipped, and so is one that says valid beside an error code: its ID then
 * counts as missing, never as valid. So does an ID given twice with results that disagree.
 */
export function readValidationResults(body: string): ReadonlyMap<string, PorResult> | undefined {
  const json = parseJsonBody(body);
  if (!isObject(json)) return undefined;
  const list = json.validationResults ?? json.ValidationResults;
  if (!Array.isArray(list)) return undefined;
  const results = new Map<string, PorResult>();
  const contradicted = new Set<string>();
  for (const entry of list) {
    if (!isObject(entry)) continue;
    const partnerId = entry.partnerId ?? entry.PartnerId;
    const valid = entry.isValidPartnerIdOnRecord ?? entry.IsValidPartnerIdOnRecord;
    if ((typeof partnerId !== 'string' && typeof partnerId !== 'number') || typeof valid !== 'boolean') continue;
    const errorCode = entry.errorCode ?? entry.ErrorCode;
    const errorDescription = entry.errorDescription ?? entry.ErrorDescription;
    const id = normalisePartnerId(partnerId);
    const result: PorResult = {
      partnerId: id,
      isValidPartnerIdOnRecord: valid,
      ...(typeof errorCode === 'number' || typeof errorCode === 'string' ? { errorCode } : {}),
      ...(typeof errorDescription === 'string' ? { errorDescription } : {}),
    };
    const held = results.get(id);
    if ((valid && hasErrorCode(errorCode)) || (held && !sameResult(held, result))) contradicted.add(id);
    else if (!held) results.set(id, result);
  }
  for (const id of contradicted) results.delete(id);
  return results;
}

function sameResult(a: PorResult, b: PorResult): boolean {
  return (
    a.isValidPartnerIdOnRecord === b.isValidPartnerIdOnRecord &&
    String(a.errorCode ?? '') === String(b.errorCode ?? '') &&
    (a.errorDescription ?? '') === (b.errorDescription ?? '')
  );
}
