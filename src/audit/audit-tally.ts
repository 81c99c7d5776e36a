import { CspRegion } from '../partner-center/csp-region';
import { AUDIT_OUTCOMES, AuditOutcome, AuditRecord, exitCodeFor } from './audit-record';

export type OutcomeCounts = Record<AuditOutcome, number>;

const noOutcomes = (): OutcomeCounts => Object.fromEntries(AUDIT_OUTCOMES.map((outcome) => [outcome, 0])) as OutcomeCounts;

/** A bad input line, for the summary. */
export interface BadLine {
  readonly line: number;
  readonly problem: string;
}

/** Bad lines listed one by one in a summary; the rest are counted. */
const BAD_LINES_KEPT = 5;

/**
 * Counts of a report as its records come: answers by outcome, per region, and per check's
 * status; the first bad input lines. Constant memory whatever the number of lines.
 */
export class AuditTally {
  /** Input lines whose records are all in. */
  lines = 0;
  /** (line, region) answers. */
  records = 0;
  readonly byOutcome: OutcomeCounts = noOutcomes();
  readonly byRegion = new Map<CspRegion, OutcomeCounts>();
  /** Per `check status` (e.g. `agreement MpaNotSigned`), per region. */
  readonly byStatus = new Map<string, Map<CspRegion, number>>();
  readonly badLines: BadLine[] = [];
  badLineCount = 0;
  /** Answers the order form let through unverified (`failPolicy: open`): Submit allowed, nothing confirmed. */
  unverifiedAllowed = 0;
  /** The first lines with such an answer, listed in a summary. */
  readonly unverifiedLines: number[] = [];

  constructor(readonly regions: readonly CspRegion[]) {
    for (const region of regions) this.byRegion.set(region, noOutcomes());
  }

  /** One input line's records (one per region). */
  addLine(records: readonly AuditRecord[]): void {
    this.lines += 1;
    for (const record of records) this.add(record);
    if (records.some((record) => record.canSubmit && !record.verified) && this.unverifiedLines.length < BAD_LINES_KEPT)
      this.unverifiedLines.push(records[0].line);
    const bad = records.find((record) => record.inputProblem !== null);
    if (bad) {
      this.badLineCount += 1;
      if (this.badLines.length < BAD_LINES_KEPT) this.badLines.push({ line: bad.line, problem: bad.inputProblem! });
    }
  }

  private add(record: AuditRecord): void {
    this.records += 1;
    this.byOutcome[record.outcome] += 1;
    if (record.canSubmit && !record.verified) this.unverifiedAllowed += 1;
    let region = this.byRegion.get(record.region);
    if (!region) {
      region = noOutcomes();
      this.byRegion.set(record.region, region);
    }
    region[record.outcome] += 1;
    for (const check of record.checks) {
      const key = `${check.check} ${check.status}`;
      let perRegion = this.byStatus.get(key);
      if (!perRegion) {
        perRegion = new Map();
        this.byStatus.set(key, perRegion);
      }
      perRegion.set(record.region, (perRegion.get(record.region) ?? 0) + 1);
    }
  }

  /** 0 every answer may order, 1 some may not (bad lines included), 2 some could not be checked. */
  exitCode(): 0 | 1 | 2 {
    return exitCodeFor(this.byOutcome);
  }
}
