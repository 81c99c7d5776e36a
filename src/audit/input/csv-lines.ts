import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { DEFAULT_MAX_LINE_BYTES, readBoundedLines } from './bounded-lines';
import { InputLine, ResellerListError, fieldKey, fieldText, tooLongProblem } from './input-line';

/** The delimiter the header line uses most: comma, semicolon (spreadsheets in many European locales) or tab. */
function delimiterOf(header: string): string {
  const counts = [',', ';', '\t'].map((candidate) => [candidate, header.split(candidate).length - 1] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/** The cells of one line, or why it is not CSV (csv-parse's words, without its line number: the line is the caller's). */
function cellsOf(text: string, delimiter: string): string[] | string {
  try {
    const records = parse(text, { delimiter, relax_column_count: true, bom: false });
    return records[0] ?? [];
  } catch (error) {
    return `not valid CSV (${(error as Error).message.replace(/^[^:]*: /, '').replace(/ at line \d+/g, '')})`;
  }
}

/**
 * CSV with a header line naming an `mpnId` and/or a `tenantId` column (other columns are
 * ignored). Each line is one reseller and is read on its own, so a line that is not CSV (an
 * unclosed quote) or is longer than `maxLineBytes` is reported as bad input with its number
 * and never swallows the lines after it; the work is linear in the input.
 */
export async function* readCsvLines(source: Readable, maxLineBytes: number = DEFAULT_MAX_LINE_BYTES): AsyncGenerator<InputLine> {
  let columns: string[] | undefined;
  let delimiter = ',';
  for await (const read of readBoundedLines(source, maxLineBytes)) {
    const { line } = read;
    if (columns === undefined) {
      if ('tooLong' in read)
        throw new ResellerListError(`its header (line ${line}) is longer than ${maxLineBytes} bytes; is it a CSV list?`);
      if (read.text.trim() === '') continue;
      delimiter = delimiterOf(read.text);
      const names = cellsOf(read.text, delimiter);
      columns = typeof names === 'string' ? [] : names.map(fieldKey);
      if (!columns.includes('mpnid') && !columns.includes('tenantid')) {
        throw new ResellerListError(`its header (line ${line}) names no mpnId or tenantId column: ${read.text.trim().slice(0, 120)}`);
      }
      continue;
    }
    if ('tooLong' in read) {
      yield { line, unreadable: tooLongProblem(maxLineBytes) };
      continue;
    }
    if (read.text.trim() === '') continue;
    const cells = cellsOf(read.text, delimiter);
    if (typeof cells === 'string') {
      yield { line, unreadable: cells };
      continue;
    }
    const cell = (name: string) => {
      const index = columns!.indexOf(name);
      return index === -1 ? null : fieldText(cells[index]);
    };
    yield { line, mpnId: cell('mpnid'), tenantId: cell('tenantid') };
  }
  // An empty file (an export that failed) is not a list of no resellers: nothing was audited.
  if (columns === undefined) throw new ResellerListError('the list holds nothing: no header line naming an mpnId or tenantId column');
}
