import { Counter, Histogram, Registry } from 'prom-client';
import type { PorBatchEvent } from '../partner-center/partner-of-record/por-checker';
import { verdictOf } from '../partner-center/partner-of-record/por-verdict';

/** The result label of one partner ID's answer: `valid`, Microsoft's numeric code, `missing`, or the batch's outcome kind. */
export function porResultLabel(outcome: PorBatchEvent['outcomes'][number]): string {
  const verdict = verdictOf(outcome);
  switch (verdict.kind) {
    case 'valid':
      return 'valid';
    case 'documentedCode':
      return String(verdict.code);
    case 'undocumentedCode':
      // Codes are labels: only short numeric ones are kept, so a strange answer cannot grow the series.
      return verdict.code !== null && /^\d{1,9}$/.test(verdict.code) ? verdict.code : 'undocumented';
    case 'missingResult':
      return 'missing';
    case 'noVerdict':
      return verdict.outcome.kind;
  }
}

/** Batch sizes and results by code of validateresellers, registered on the gateway's registry. */
export function createPartnerOfRecordMetrics(registry: Registry): (batch: PorBatchEvent) => void {
  const sizes = new Histogram({
    name: 'mpa_por_batch_size',
    help: 'Distinct partner IDs per validateresellers call (partner-of-record batches), by region.',
    labelNames: ['region'],
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
    registers: [registry],
  });
  const results = new Counter({
    name: 'mpa_por_results_total',
    help: "Partner-of-record answers per partner ID by region and result: valid, Microsoft's error code, missing, or why the batch gave none.",
    labelNames: ['region', 'result'],
    registers: [registry],
  });
  return (batch) => {
    sizes.observe({ region: batch.region }, batch.size);
    for (const outcome of batch.outcomes) results.inc({ region: batch.region, result: porResultLabel(outcome) });
  };
}
