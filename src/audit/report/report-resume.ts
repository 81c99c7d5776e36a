import { open, stat } from 'node:fs/promises';
import { CspRegion } from '../../partner-center/csp-region';
import { parseResellerIdentifier } from '../../partner-center/reseller-identifier';
import { AuditRecord } from '../audit-record';
import { AuditTally } from '../audit-tally';
import { InputLine } from '../input/input-line';
import { StoredRecord, readCsvReport } from './csv-codec';
import { readJsonReport } from './json-codec';

/** The report cannot be resumed with these arguments: the command names `--resume` and stops. */
export class ResumeError extends Error {
  override readonly name = 'ResumeError';
}

/** Where a run that resumes a report starts. */
export interface ResumePoint {
  /** Input lines up to this number are in the report; 0 when none. */
  readonly throughLine: number;
  /** Bytes of the file to keep: its complete lines. Anything after (a line cut off when a run was killed) goes. */
  readonly keepBytes: number;
  /** The last line in the report, to check the input is the same list. */
  readonly last: AuditRecord | undefined;
}

async function endsWithNewline(file: string, size: number): Promise<boolean> {
  if (size === 0) return false;
  const handle = await open(file, 'r');
  try {
    const { buffer } = await handle.read(Buffer.alloc(1), 0, 1, size - 1);
    return buffer[0] === 0x0a;
  } finally {
    await handle.close();
  }
}

/**
 * Reads a report written by an earlier run (CSV, or JSON lines, which the HTML page is also
 * rendered from) and counts its lines into `tally`. Lines are written in input order, each
 * with one record per region, so the report holds every input line up to the last one whose
 * records are all there. Throws a ResumeError when the report was made for other regions
 * or by another version.
 */
export async function resumePoint(
  file: string,
  format: 'csv' | 'jsonLines',
  regions: readonly CspRegion[],
  locale: string,
  tally: AuditTally,
): Promise<ResumePoint> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    return { throughLine: 0, keepBytes: 0, last: undefined };
  }
  const complete = await endsWithNewline(file, size);
  const wanted = new Set(regions);
  let group: AuditRecord[] = [];
  let point: ResumePoint = { throughLine: 0, keepBytes: 0, last: undefined };
  const records: AsyncIterable<StoredRecord> = format === 'csv' ? readCsvReport(file, locale) : readJsonReport(file);
  try {
    for await (const { record, endByte } of records) {
      if (endByte > size || (endByte === size && !complete)) break;
      if (!wanted.has(record.region)) {
        throw new ResumeError(
          `${file} holds answers for ${record.region}, which --regions does not name; resume with the regions it was started with`,
        );
      }
      if (group.length > 0 && group[0].line !== record.line) {
        throw new ResumeError(
          `${file} has ${group.length} answer(s) for line ${group[0].line} where --regions names ${regions.length}; resume with the regions it was started with`,
        );
      }
      group.push(record);
      if (group.length === regions.length) {
        tally.addLine(group);
        point = { throughLine: record.line, keepBytes: endByte, last: record };
        group = [];
      }
    }
  } catch (error) {
    if (error instanceof ResumeError) throw error;
    throw new ResumeError(`${file} cannot be resumed: ${(error as Error).message}`);
  }
  return point;
}

/** A line's identifiers as its records hold them: normalised when valid, else as written. */
function asChecked(input: { mpnId: string | null; tenantId: string | null }): { mpnId: string | null; tenantId: string | null } {
  const check = parseResellerIdentifier(input);
  if (!check.ok) return input;
  return check.identifier.kind === 'mpnId'
    ? { mpnId: check.identifier.value, tenantId: null }
    : { mpnId: null, tenantId: check.identifier.value };
}

/**
 * Checks, as the list is read again, that its line `throughLine` holds the reseller the
 * report ends with: resuming with another list would mix two lists in one report.
 */
export function sameListCheck(point: ResumePoint, file: string): { onRead(input: InputLine): void; confirm(): void } {
  let seen = point.last === undefined;
  const mismatch = () =>
    new ResumeError(
      `${file} ends with line ${point.throughLine} of another list (${point.last?.mpnId ?? point.last?.tenantId ?? 'an unreadable line'}); resume with the list it was started with`,
    );
  return {
    onRead(input) {
      const last = point.last;
      if (!last || input.line !== last.line) return;
      const reseller = 'unreadable' in input ? { mpnId: null, tenantId: null } : asChecked(input);
      if (reseller.mpnId !== last.mpnId || reseller.tenantId !== last.tenantId) throw mismatch();
      seen = true;
    },
    confirm() {
      if (!seen) throw mismatch();
    },
  };
}
