import { createWriteStream } from 'node:fs';
import { truncate } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { CspRegion } from '../../partner-center/csp-region';
import { AuditRecord } from '../audit-record';
import { AuditTally } from '../audit-tally';
import { CSV_HEADER, encodeCsvRecord } from './csv-codec';
import { renderHtmlReport } from './html-report';
import { encodeJsonRecord } from './json-codec';
import { ReportFacts } from './report-facts';
import { ResumePoint, resumePoint } from './report-resume';
import { createTextSink } from './text-sink';

/** `csv`: one row per (line, region). `json`: the same as JSON lines. `html`: a page rendered at the end from JSON lines written beside it. */
export type ReportFormat = 'csv' | 'json' | 'html';

export const REPORT_FORMATS: readonly ReportFormat[] = ['csv', 'json', 'html'];

export interface ReportWriterOptions {
  readonly format: ReportFormat;
  /** Default standard output (not for `html`). The report's file. */
  readonly out?: string;
  /** Default `false`. Keep what the file holds and add the lines after it. */
  readonly resume?: boolean;
  /** Required. Where a report without `out` goes. */
  readonly stdout: Writable;
  readonly regions: readonly CspRegion[];
  readonly locale: string;
  /** Required. Counts what a resumed report already holds. */
  readonly tally: AuditTally;
}

export interface ReportWriter {
  /** Where a resumed run starts; line 0 for a new report. */
  readonly resumeFrom: ResumePoint;
  /** Where the report is, for the summary. */
  readonly location: string;
  /** The file the records stream to: the report itself, or for HTML the JSON lines beside it. */
  readonly streamedTo: string | undefined;
  /** One input line's records, in input order. */
  write(records: readonly AuditRecord[]): Promise<void>;
  /** Flushes and closes; the HTML page is rendered here. */
  close(facts: ReportFacts): Promise<void>;
}

/** The JSON lines an HTML report is rendered from (and resumed with), beside the page. */
export const htmlIntermediate = (out: string): string => `${out}.jsonl`;

/**
 * Opens the report for streaming. With `resume`, the file keeps its complete lines (a line
 * cut off when a run was killed goes) and new lines are appended after them.
 */
export async function openReportWriter(options: ReportWriterOptions): Promise<ReportWriter> {
  const { format, out } = options;
  const streamedTo = out === undefined ? undefined : format === 'html' ? htmlIntermediate(out) : out;
  const encoding = format === 'csv' ? 'csv' : 'jsonLines';
  let resumeFrom: ResumePoint = { throughLine: 0, keepBytes: 0, last: undefined };
  if (options.resume && streamedTo !== undefined) {
    resumeFrom = await resumePoint(streamedTo, encoding, options.regions, options.locale, options.tally);
  }
  let stream: Writable;
  if (streamedTo === undefined) {
    stream = options.stdout;
  } else if (resumeFrom.keepBytes > 0) {
    await truncate(streamedTo, resumeFrom.keepBytes);
    stream = createWriteStream(streamedTo, { flags: 'a' });
  } else {
    stream = createWriteStream(streamedTo, { flags: 'w' });
  }
  const sink = createTextSink(stream, { end: streamedTo !== undefined });
  if (format === 'csv' && resumeFrom.keepBytes === 0) await sink.write(CSV_HEADER);
  const encode = format === 'csv' ? encodeCsvRecord : encodeJsonRecord;
  return {
    resumeFrom,
    location: out ?? 'standard output',
    streamedTo,
    write: (records) => sink.write(records.map(encode).join('')),
    async close(facts) {
      await sink.close();
      if (format === 'html') await renderHtmlReport(streamedTo!, out!, facts);
    },
  };
}
