/**
 * Reading a Partner Center body as JSON, once for every call.
 *
 * `JSON.parse` keeps the last of two equal keys, and the readers accept a property in
 * camelCase or PascalCase, so `{"isAgreementSigned": false, "isAgreementSigned": true}` or
 * `{"items": [], "Items": [...]}` would be read as one of two contradicting answers. Partner
 * Center never names a property twice: a body that does is not read at all.
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
 * The body as JSON, or undefined when it is empty, not JSON, or names a property twice in one
 * object. A leading byte-order mark is skipped.
 */
export function parseJsonBody(body: string): unknown {
  const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  if (text.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  return typeof json === 'object' && json !== null && hasRepeatedKey(text) ? undefined : json;
}
