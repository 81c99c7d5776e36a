import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AUDIT_OUTCOMES, AuditOutcome, AuditRecord } from '../audit-record';
import { AuditTally } from '../audit-tally';
import { groupEnd, groupRow, groupStart, pageEnd, pageStart, sectionStart } from './html-page';
import { readJsonReport } from './json-codec';
import { ReportFacts } from './report-facts';
import { TextSink, createTextSink } from './text-sink';

/** Rows listed per group; the JSON lines beside the page hold them all. */
export const ROWS_PER_GROUP = 2_000;

/** Answers that call for the same thing: one outcome, one check, one guidance headline. */
interface Group {
  readonly outcome: Exclude<AuditOutcome, 'MAY_ORDER'>;
  readonly headline: string;
  readonly file: string;
  readonly rows: TextSink;
  count: number;
}

/**
 * Renders the HTML page from the JSON lines a run wrote, in one pass and constant memory:
 * counts go to the summary, and each answer that is not "may order" is written to its
 * group's fragment in a scratch folder; the page is then the summary followed by the
 * groups, largest first within each outcome.
 */
export async function renderHtmlReport(source: string, target: string, facts: ReportFacts): Promise<AuditTally> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'mpa-audit-'));
  const tally = new AuditTally(facts.regions);
  const groups = new Map<string, Group>();
  try {
    const addRow = async (
      outcome: Group['outcome'],
      key: string,
      headline: string,
      record: AuditRecord,
      check: AuditRecord['checks'][number] | undefined,
    ) => {
      let group = groups.get(key);
      if (!group) {
        const file = path.join(scratch, `group-${groups.size}.html`);
        group = { outcome, headline, file, rows: createTextSink(createWriteStream(file), { end: true }), count: 0 };
        groups.set(key, group);
      }
      group.count += 1;
      if (group.count <= ROWS_PER_GROUP) await group.rows.write(groupRow(record, check).text);
    };
    let line: AuditRecord[] = [];
    const finishLine = () => {
      if (line.length > 0) tally.addLine(line);
      line = [];
    };
    for await (const { record } of readJsonReport(source)) {
      if (line.length > 0 && line[0].line !== record.line) finishLine();
      line.push(record);
      if (record.outcome === 'MAY_ORDER') continue;
      const outcome = record.outcome;
      const failing = record.checks.filter((check) => check.result !== 'passed' && check.guidance !== null);
      if (failing.length === 0) {
        await addRow(outcome, `${outcome}\u0000unreadable`, 'Lines that could not be read', record, undefined);
        continue;
      }
      // Grouped by what to do: two checks saying the same thing (a bad identifier) make one row.
      const seen = new Set<string>();
      for (const check of failing) {
        const headline = check.guidance!.headline;
        if (seen.has(headline)) continue;
        seen.add(headline);
        await addRow(outcome, `${outcome}\u0000${headline}`, headline, record, check);
      }
    }
    finishLine();
    await Promise.all([...groups.values()].map((group) => group.rows.close()));

    const page = createWriteStream(target);
    const out = createTextSink(page, { end: false });
    await out.write(pageStart(facts, tally).text);
    for (const outcome of AUDIT_OUTCOMES) {
      if (outcome === 'MAY_ORDER') continue;
      const inOutcome = [...groups.values()].filter((group) => group.outcome === outcome).sort((a, b) => b.count - a.count);
      if (inOutcome.length === 0) continue;
      await out.write(sectionStart(outcome).text);
      for (const group of inOutcome) {
        await out.write(groupStart(group.headline, group.count, outcome).text);
        // Through the page's one sink: a pipeline into the page per group would leave its listeners there.
        for await (const rows of createReadStream(group.file, { encoding: 'utf8' })) await out.write(rows as string);
        await out.write(groupEnd(Math.min(group.count, ROWS_PER_GROUP), group.count, path.basename(source)).text);
      }
    }
    await out.write(pageEnd().text);
    await out.close();
    await new Promise<void>((resolve, reject) => page.end((error?: Error | null) => (error ? reject(error) : resolve())));
    return tally;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
