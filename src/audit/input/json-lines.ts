import { Readable } from 'node:stream';
import { DEFAULT_MAX_LINE_BYTES, readBoundedLines } from './bounded-lines';
import { InputLine, fieldKey, fieldText, tooLongProblem } from './input-line';

/**
 * One reseller per line as a JSON object with `mpnId` and/or `tenantId` (an MPN ID may be a
 * number); blank lines are skipped, and a line longer than `maxLineBytes` is bad input,
 * dropped as it is read.
 */
export async function* readJsonLines(stream: Readable, maxLineBytes: number = DEFAULT_MAX_LINE_BYTES): AsyncGenerator<InputLine> {
  for await (const read of readBoundedLines(stream, maxLineBytes)) {
    const { line } = read;
    if ('tooLong' in read) {
      yield { line, unreadable: tooLongProblem(maxLineBytes) };
      continue;
    }
    const text = read.text;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { line, unreadable: `not valid JSON (${(error as Error).message})` };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield { line, unreadable: 'not a JSON object' };
      continue;
    }
    const fields = new Map(Object.entries(value).map(([key, field]) => [fieldKey(key), field]));
    const bad = (['mpnid', 'tenantid'] as const).find(
      (key) => fields.has(key) && !['string', 'number'].includes(typeof fields.get(key)) && fields.get(key) !== null,
    );
    if (bad) {
      yield { line, unreadable: `${bad === 'mpnid' ? 'mpnId' : 'tenantId'} must be text or a number` };
      continue;
    }
    yield { line, mpnId: fieldText(fields.get('mpnid')), tenantId: fieldText(fields.get('tenantid')) };
  }
}
