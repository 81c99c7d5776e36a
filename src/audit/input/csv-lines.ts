import { once } from 'node:events';
import { Readable } from 'node:stream';
import { CsvError, Info, parse } from 'csv-parse';
import { InputLine, ResellerListError, fieldKey, fieldText, peekStream } from './input-line';

/** The delimiter the header line uses most: comma, semicolon (spreadsheets in many European locales) or tab. */
function delimiterOf(header: string): string {
  const counts = [',', ';', '\t'].map((candidate) => [candidate, header.split(candidate).length - 1] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/**
 * CSV with a header line naming an `mpnId` and/or a `tenantId` column (other columns are
 * ignored). A record that cannot be parsed (an unclosed quote) is yielded as unreadable with
 * its line number; reading goes on where the parser can.
 */
export async function* readCsvLines(source: Readable): AsyncGenerator<InputLine> {
  const { text, stream } = await peekStream(source, (seen) => /\S[^\n]*\n/.test(seen));
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  if (header === '') return;
  let columns: string[] = [];
  const parser = parse({
    bom: true,
    delimiter: delimiterOf(header),
    columns: (names: string[]) => (columns = names.map(fieldKey)),
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
  });
  const skipped: InputLine[] = [];
  parser.on('skip', (error: CsvError & { lines?: number }) => {
    skipped.push({ line: error.lines ?? 0, unreadable: `not valid CSV (${error.message.replace(/^[^:]*: /, '')})` });
  });
  stream.pipe(parser);
  let checked = false;
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: Info }>) {
    if (!checked) {
      checked = true;
      if (!columns.includes('mpnid') && !columns.includes('tenantid')) {
        throw new ResellerListError(`its header (line 1) names no mpnId or tenantId column: ${header.trim().slice(0, 120)}`);
      }
    }
    // The record ends on info.lines; quoted values may span lines, so it starts that many lines earlier.
    const inside = Object.values(record).reduce((sum, value) => sum + (value.match(/\n/g)?.length ?? 0), 0);
    const line = info.lines - inside;
    while (skipped.length > 0 && skipped[0].line < line) yield skipped.shift()!;
    yield { line, mpnId: fieldText(record.mpnid), tenantId: fieldText(record.tenantid) };
  }
  if (!checked && !columns.includes('mpnid') && !columns.includes('tenantid')) {
    throw new ResellerListError(`its header (line 1) names no mpnId or tenantId column: ${header.trim().slice(0, 120)}`);
  }
  yield* skipped;
  if (!parser.readableEnded) await once(parser, 'end');
}
