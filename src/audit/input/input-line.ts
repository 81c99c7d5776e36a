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

/** Column names and JSON keys compare without case, spaces, hyphens or underscores: `MPN ID`, `mpn_id`, `mpnId`. */
export const fieldKey = (name: string): string => name.toLowerCase().replace(/[\s_-]/g, '');

/** A column or key's value as text; blank is absent. */
export function fieldText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

/**
 * Reads the start of a stream until `enough` says so (or the stream ends), and gives back
 * what was read as text with the stream again, whole, to read from the beginning.
 */
export async function peekStream(source: Readable, enough: (text: string) => boolean): Promise<{ text: string; stream: Readable }> {
  const iterator: AsyncIterator<Buffer | string> = source[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let text = '';
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    seen.push(chunk);
    text += chunk.toString('utf8');
    if (enough(text)) break;
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
