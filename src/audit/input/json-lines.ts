import readline from 'node:readline';
import { Readable } from 'node:stream';
import { InputLine, fieldKey, fieldText } from './input-line';

/** One reseller per line as a JSON object with `mpnId` and/or `tenantId` (an MPN ID may be a number); blank lines are skipped. */
export async function* readJsonLines(stream: Readable): AsyncGenerator<InputLine> {
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  for await (let text of lines) {
    line += 1;
    // Spreadsheet and Windows tools may start a UTF-8 file with a byte-order mark.
    if (line === 1) text = text.replace(/^\uFEFF/, '');
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
    const bad = (['mpnid', 'tenantid'] as const).find((key) => fields.has(key) && !['string', 'number'].includes(typeof fields.get(key)) && fields.get(key) !== null);
    if (bad) {
      yield { line, unreadable: `${bad === 'mpnid' ? 'mpnId' : 'tenantId'} must be text or a number` };
      continue;
    }
    yield { line, mpnId: fieldText(fields.get('mpnid')), tenantId: fieldText(fields.get('tenantid')) };
  }
}
