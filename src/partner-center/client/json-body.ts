/**
 * Reading a Partner Center body as JSON, the same way for every call.
 *
 * `JSON.parse` keeps the last of two equal keys, and the readers accept a property in
 * camelCase or PascalCase, so `{"isAgreementSigned": false, "isAgreementSigned": true}` or
 * `{"items": [], "Items": [...]}` would be read as one of two contradicting answers. Partner
 * Center never names a property twice: a body that does is never read as an answer.
 *
 * Whether a body is JSON at all also matters: a 2xx that is not JSON (a proxy page, a cut-off
 * body) means Partner Center could not answer, while JSON of an unexpected shape is a definite
 * answer the gateway does not understand, which the fail policy never lets through.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Whether some object of a valid JSON text names a property twice, in any letter case. Walks
 * the text once, keeping the keys of each object still open.
 */
export function hasRepeatedKey(text: string): boolean {
  // One entry per open object or array: its keys so far, or null for an array.
  const open: Array<Set<string> | null> = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      let end = i + 1;
      let escaped = false;
      while (end < text.length) {
        const d = text.charCodeAt(end);
        if (d === BACKSLASH) {
          escaped = true;
          end += 2;
        } else if (d === QUOTE) break;
        else end += 1;
      }
      if (expectKey) {
        const key = (escaped ? (JSON.parse(text.slice(i, end + 1)) as string) : text.slice(i + 1, end)).toLowerCase();
        const keys = open[open.length - 1]!;
        if (keys.has(key)) return true;
        keys.add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === 0x7b /* { */) {
      open.push(new Set());
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      open.push(null);
      expectKey = false;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      open.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      expectKey = open.length > 0 && open[open.length - 1] !== null;
    }
  }
  return false;
}

/**
 * How a body reads as JSON: not at all (empty, a page, cut off), as JSON that names a property
 * twice in one object (two answers in one), or as a value. A leading byte-order mark is skipped.
 */
export type JsonReading =
  { readonly kind: 'notJson' } | { readonly kind: 'repeatedKey' } | { readonly kind: 'json'; readonly value: unknown };

export function readJsonBody(body: string): JsonReading {
  const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  if (text.trim() === '') return { kind: 'notJson' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'notJson' };
  }
  return typeof value === 'object' && value !== null && hasRepeatedKey(text) ? { kind: 'repeatedKey' } : { kind: 'json', value };
}

/** The body as JSON, or undefined when it is not JSON or names a property twice in one object. */
export function parseJsonBody(body: string): unknown {
  const reading = readJsonBody(body);
  return reading.kind === 'json' ? reading.value : undefined;
}
