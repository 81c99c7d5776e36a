import { createReadStream } from 'node:fs';
import readline from 'node:readline';
import { AuditRecord } from '../audit-record';
import { StoredRecord } from './csv-codec';

/** One record as a line of JSON. */
export function encodeJsonRecord(record: AuditRecord): string {
  return `${JSON.stringify(record)}\n`;
}

/**
 * The records of a JSON lines report, with where each ends. Stops at the first line that is
 * not a record (a line cut off when a run was killed).
 */
export async function* readJsonReport(file: string): AsyncGenerator<StoredRecord> {
  const lines = readline.createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let endByte = 0;
  for await (const text of lines) {
    endByte += Buffer.byteLength(text) + 1;
    let record: AuditRecord;
    try {
      record = JSON.parse(text) as AuditRecord;
    } catch {
      return;
    }
    if (typeof record !== 'object' || record === null || typeof record.line !== 'number' || !Array.isArray(record.checks)) return;
    yield { record, endByte };
  }
}
