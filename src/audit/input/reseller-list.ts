import { Readable } from 'node:stream';
import { readCsvLines } from './csv-lines';
import { DEFAULT_MAX_LINE_BYTES } from './bounded-lines';
import { InputLine, peekStream } from './input-line';
import { decodeList } from './list-encoding';
import { readJsonLines } from './json-lines';

/** The two list formats: CSV with a header, or one JSON object per line. */
export type ListFormat = 'csv' | 'jsonLines';

const contentOf = (text: string) => text.replace(/^\uFEFF/, '').trimStart();

/**
 * The lines of a reseller list, read as they come: CSV with a header naming `mpnId` and/or
 * `tenantId`, or JSON lines, in UTF-8 or in UTF-16 with its byte-order mark. The first character that is not white space decides: `{`
 * starts JSON lines, anything else is CSV. No line longer than `maxLineBytes` (default
 * 64 KiB) is held: it is reported as bad input (a CSV header that long stops the audit).
 */
export async function readResellerList(
  source: Readable,
  options: { readonly maxLineBytes?: number } = {},
): Promise<{ format: ListFormat; lines: AsyncIterable<InputLine> }> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  // Only the latest chunk is looked at, so white space before the content costs one pass.
  const { text, stream } = await peekStream(await decodeList(source), (_seen, latest) => /\S/.test(latest), maxLineBytes);
  const format: ListFormat = contentOf(text).startsWith('{') ? 'jsonLines' : 'csv';
  return { format, lines: format === 'csv' ? readCsvLines(stream, maxLineBytes) : readJsonLines(stream, maxLineBytes) };
}
