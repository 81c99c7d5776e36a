import { Readable } from 'node:stream';

/** One line of the reseller list, with its line number in the input. */
export type InputLine =
  /** Identifiers as written (null when absent or blank); they are checked as the order form checks them. */
  | { readonly line: number; readonly mpnId: string | null; readonly tenantId: string | null }
  /** A line that could not be read at all (broken JSON, an unclosed quote). */
  | { readonly line: number; readonly unreadable: string };

/** The list itself cannot be used (no identifier column): the command names `--input` and stops. */
export class ResellerListError extends Error {
  override readonly name = 'ResellerListError';
}

/** What a line longer than the limit is reported as. */
export const tooLongProblem = (maxLineBytes: number): string => `longer than ${maxLineBytes} bytes (see --max-line-bytes); not read`;

/** Column names and JSON keys compare without case, spaces, hyphens or underscores: `MPN ID`, `mpn_id`, `mpnId`. */
export const fieldKey = (name: string): string => name.toLowerCase().replace(/[\s_-]/g, '');

/** A column or key's value as text; blank is absent. */
export function fieldText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = (
    typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value as number | boolean | bigint)
  ).trim();
  return text === '' ? null : text;
}

/**
 * Reads the start of a stream until `enough` says so (given all text so far and the latest
 * chunk's), the stream ends or `maxBytes` were read, and gives back
 * what was read as text with the stream again, whole, to read from the beginning.
 */
export async function peekStream(
  source: Readable,
  enough: (text: string, latest: string) => boolean,
  maxBytes = Infinity,
): Promise<{ text: string; stream: Readable }> {
  const iterator: AsyncIterator<Buffer | string> = source[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let text = '';
  let bytes = 0;
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    seen.push(chunk);
    bytes += chunk.length;
    const latest = chunk.toString('utf8');
    text += latest;
    // Past maxBytes the caller decides on what it has: a peek never holds a whole input.
    if (enough(text, latest) || bytes >= maxBytes) break;
  }
  async function* whole(): AsyncGenerator<Buffer> {
    yield* seen;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    }
  }
  return { text, stream: Readable.from(whole(), { objectMode: false }) };
}
