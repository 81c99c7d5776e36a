import { Readable } from 'node:stream';
import { readCsvLines } from './csv-lines';
import { InputLine, peekStream } from './input-line';
import { readJsonLines } from './json-lines';

/** The two list formats: CSV with a header, or one JSON object per line. */
export type ListFormat = 'csv' | 'jsonLines';

const contentOf = (text: string) => text.replace(/^\uFEFF/, '').trimStart();

/**
 * The lines of a reseller list, read as they come: CSV with a header naming `mpnId` and/or
 * `tenantId`, or JSON lines. The first character that is not white space decides: `{`
 * starts JSON lines, anything else is CSV.
 */
export async function readResellerList(source: Readable): Promise<{ format: ListFormat; lines: AsyncIterable<InputLine> }> {
  const { text, stream } = await peekStream(source, (seen) => contentOf(seen) !== '');
  const format: ListFormat = contentOf(text).startsWith('{') ? 'jsonLines' : 'csv';
  return { format, lines: format === 'csv' ? readCsvLines(stream) : readJsonLines(stream) };
}
