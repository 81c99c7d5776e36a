import { GatewayMetrics } from '../observability/gateway-metrics';
import { CSP_REGION_NAMES, CspRegion } from '../partner-center/csp-region';
import { AUDIT_OUTCOMES, OUTCOME_LABELS } from './audit-record';
import { AuditTally } from './audit-tally';
import { ConcurrencyReached } from './concurrency-watch';
import { duration } from './progress/audit-progress';

/** Partner Center calls (every attempt) and cache answers this process made, from its metrics. */
export async function upstreamCost(metrics: GatewayMetrics): Promise<{ calls: number; cacheHits: number }> {
  const sum = async (name: string, label?: [string, string]) => {
    const metric = metrics.registry.getSingleMetric(name);
    if (!metric) return 0;
    const { values } = await metric.get();
    return values.filter((value) => !label || value.labels[label[0]] === label[1]).reduce((total, value) => total + value.value, 0);
  };
  return { calls: await sum('mpa_upstream_calls_total'), cacheHits: await sum('mpa_cache_lookups_total', ['result', 'hit']) };
}

export interface SummaryFacts {
  readonly tally: AuditTally;
  readonly regions: readonly CspRegion[];
  readonly linesChecked: number;
  readonly seconds: number;
  readonly stopped: boolean;
  readonly cost: { calls: number; cacheHits: number };
  readonly concurrency: ReadonlyMap<CspRegion, ConcurrencyReached>;
  readonly location: string;
  readonly exitCode: number;
}

const EXIT_MEANINGS: Readonly<Record<number, string>> = {
  0: 'every reseller may order from every region asked',
  1: 'some resellers may not order (or some lines were bad); see the report',
  2: 'some answers could not be checked; run again later',
  130: 'stopped before the end of the list; run the same command with --resume to check the rest',
};

/** What the run did, for the terminal or the log, a line each. */
export function summaryLines(facts: SummaryFacts): string[] {
  const { tally } = facts;
  const regionNames = facts.regions.map((region) => CSP_REGION_NAMES[region]).join(', ');
  const lines = [
    `audit: ${facts.linesChecked} lines checked in ${duration(facts.seconds)}${tally.lines > facts.linesChecked ? ` (${tally.lines} in the report)` : ''}, for ${regionNames}: ${tally.records} answers`,
  ];
  for (const [region, counts] of tally.byRegion) {
    lines.push(
      `  ${CSP_REGION_NAMES[region]}: ${AUDIT_OUTCOMES.map((outcome) => `${OUTCOME_LABELS[outcome].toLowerCase()} ${counts[outcome]}`).join(' · ')}`,
    );
  }
  if (tally.badLineCount > 0) {
    lines.push(`  bad input lines (never sent to Partner Center): ${tally.badLineCount}`);
    for (const bad of tally.badLines) lines.push(`    line ${bad.line}: ${bad.problem}`);
    const more = tally.badLineCount - tally.badLines.length;
    if (more > 0) lines.push(`    and ${more} more in the report`);
  }
  if (tally.unverifiedAllowed > 0) {
    const more = tally.unverifiedAllowed > tally.unverifiedLines.length ? ', …' : '';
    lines.push(
      `  let through unverified (failPolicy open; verified=false in the report, counted as could not be checked): ${tally.unverifiedAllowed} answers, lines ${tally.unverifiedLines.join(', ')}${more}`,
    );
  }
  const concurrency = [...facts.concurrency].map(([region, limit]) => `${region} ${limit.peak} (mean ${limit.mean})`).join(', ');
  lines.push(
    `  Partner Center: ${facts.cost.calls} calls (retries included); ${facts.cost.cacheHits} answers from the status cache${concurrency ? `; concurrency limit reached: ${concurrency}` : ''}`,
  );
  lines.push(`  report: ${facts.location}`);
  lines.push(`  exit ${facts.exitCode}: ${EXIT_MEANINGS[facts.exitCode] ?? ''}`);
  return lines;
}
