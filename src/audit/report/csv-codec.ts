import { createReadStream } from 'node:fs';
import { Info, parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { CspRegion } from '../../partner-center/csp-region';
import { AUDIT_CHECKS, AuditCheck, AuditCheckName, AuditOutcome, AuditRecord, CheckResult } from '../audit-record';

/** Columns of each check, prefixed by its name (`agreementStatus`, `agreementCode`, …). */
const CHECK_COLUMNS = [
  'Result',
  'Status',
  'Code',
  'Description',
  'Reason',
  'RetryAfterSeconds',
  'Message',
  'Headline',
  'WhatItMeans',
  'Steps',
  'LearnMoreUrl',
  'MayTakeTimeToUpdate',
  'CheckedAt',
  'CorrelationId',
] as const;

/** The header of the CSV report: the line's columns, then one group per check. */
export const CSV_COLUMNS: readonly string[] = [
  'line',
  'mpnId',
  'tenantId',
  'region',
  'outcome',
  'canSubmit',
  'verified',
  'retryable',
  'inputProblem',
  ...AUDIT_CHECKS.flatMap((check) => CHECK_COLUMNS.map((column) => `${check}${column}`)),
];

/** Steps share one cell, one per line, as spreadsheets show them. */
const STEP_SEPARATOR = '\n';

function checkCells(check: AuditCheck | undefined): string[] {
  if (!check) return CHECK_COLUMNS.map(() => '');
  const guidance = check.guidance;
  return [
    check.result,
    check.status,
    check.code ?? '',
    check.description ?? '',
    check.reason ?? '',
    check.retryAfterSeconds === null ? '' : String(check.retryAfterSeconds),
    check.message,
    guidance?.headline ?? '',
    guidance?.whatItMeans ?? '',
    guidance?.actions.map((action, index) => `${index + 1}. ${action}`).join(STEP_SEPARATOR) ?? '',
    guidance?.learnMoreUrl ?? '',
    guidance ? String(guidance.mayTakeTimeToUpdate) : '',
    check.checkedAt,
    check.correlationId ?? '',
  ];
}

/**
 * One record as a CSV row. Cells that a spreadsheet would run as a formula (starting with
 * `=`, `+`, `-`, `@`) get a leading apostrophe: identifiers and texts come from the input and
 * from Partner Center.
 */
export function encodeCsvRecord(record: AuditRecord): string {
  const cells = [
    String(record.line),
    record.mpnId ?? '',
    record.tenantId ?? '',
    record.region,
    record.outcome,
    String(record.canSubmit),
    String(record.verified),
    String(record.retryable),
    record.inputProblem ?? '',
    ...AUDIT_CHECKS.flatMap((name) => checkCells(record.checks.find((check) => check.check === name))),
  ];
  return stringify([cells], { escape_formulas: true, record_delimiter: '\n' });
}

export const CSV_HEADER = stringify([CSV_COLUMNS as string[]], { record_delimiter: '\n' });

const orNull = (text: string | undefined): string | null =>
  text === undefined || text === '' ? null : text.replace(/^'(?=[=+\-@\t\r])/, '');

/** A CSV row of this report read back into its record (a resumed run counts what the first one wrote). */
export function decodeCsvRecord(row: Readonly<Record<string, string>>, locale: string): AuditRecord {
  const checks: AuditCheck[] = [];
  for (const name of AUDIT_CHECKS) {
    const cell = (column: (typeof CHECK_COLUMNS)[number]) => row[`${name}${column}`] ?? '';
    if (cell('Status') === '') continue;
    const headline = orNull(cell('Headline'));
    checks.push({
      check: name as AuditCheckName,
      result: cell('Result') as CheckResult,
      status: cell('Status'),
      code: orNull(cell('Code')),
      description: orNull(cell('Description')),
      reason: orNull(cell('Reason')),
      retryAfterSeconds: cell('RetryAfterSeconds') === '' ? null : Number(cell('RetryAfterSeconds')),
      message: orNull(cell('Message')) ?? '',
      checkedAt: cell('CheckedAt'),
      correlationId: orNull(cell('CorrelationId')),
      guidance:
        headline === null
          ? null
          : {
              headline,
              whatItMeans: orNull(cell('WhatItMeans')) ?? '',
              actions:
                cell('Steps') === ''
                  ? []
                  : cell('Steps')
                      .split(STEP_SEPARATOR)
                      .map((step) => step.replace(/^\d+\. /, '')),
              learnMoreUrl: orNull(cell('LearnMoreUrl')),
              mayTakeTimeToUpdate: cell('MayTakeTimeToUpdate') === 'true',
              locale,
            },
    });
  }
  return {
    line: Number(row.line),
    mpnId: orNull(row.mpnId),
    tenantId: orNull(row.tenantId),
    region: row.region as CspRegion,
    outcome: row.outcome as AuditOutcome,
    canSubmit: row.canSubmit === 'true',
    verified: row.verified === 'true',
    retryable: row.retryable === 'true',
    inputProblem: orNull(row.inputProblem),
    checks,
  };
}

/** Longest record of a report read back, in characters. */
const MAX_REPORT_RECORD_BYTES = 1_048_576;

/** A record read back from a report, and the byte offset where it ends. */
export interface StoredRecord {
  readonly record: AuditRecord;
  readonly endByte: number;
}

/**
 * The records of a CSV report, with where each ends. Throws when the header is not this
 * version's (a resumed run must not mix columns). A cut-off record at the end is left out.
 */
export async function* readCsvReport(file: string, locale: string): AsyncGenerator<StoredRecord> {
  let header: string[] = [];
  const parser = createReadStream(file).pipe(
    // A record is bounded (a damaged report with an unclosed quote must not be held whole): one
    // line with its guidance texts is a few kilobytes.
    parse({
      columns: (names: string[]) => (header = names),
      info: true,
      relax_column_count: true,
      skip_records_with_error: true,
      max_record_size: MAX_REPORT_RECORD_BYTES,
    }),
  );
  let checkedHeader = false;
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: Info }>) {
    if (!checkedHeader) {
      checkedHeader = true;
      if (header.join(',') !== CSV_COLUMNS.join(',')) throw new Error('its header is not the one this version writes');
    }
    if (Object.keys(record).length !== CSV_COLUMNS.length) return;
    yield { record: decodeCsvRecord(record, locale), endByte: info.bytes };
  }
  if (!checkedHeader && header.length > 0 && header.join(',') !== CSV_COLUMNS.join(','))
    throw new Error('its header is not the one this version writes');
}
