import { CSP_REGION_NAMES, CspRegion } from '../../partner-center/csp-region';
import { AUDIT_OUTCOMES, AuditOutcome, OUTCOME_LABELS } from '../audit-record';
import { OutcomeCounts } from '../audit-tally';
import { SafeHtml, html, joinHtml } from './html-template';

/** Each outcome's colour and label, on the chart and in the tables. */
export const OUTCOME_STYLE: Readonly<Record<AuditOutcome, { readonly colour: string; readonly label: string }>> = {
  MAY_ORDER: { colour: '#2e7d32', label: OUTCOME_LABELS.MAY_ORDER },
  NEEDS_ACTION: { colour: '#c62828', label: OUTCOME_LABELS.NEEDS_ACTION },
  NOT_CHECKED: { colour: '#757575', label: OUTCOME_LABELS.NOT_CHECKED },
  BAD_INPUT: { colour: '#6a1b9a', label: OUTCOME_LABELS.BAD_INPUT },
};

const LABEL_WIDTH = 250;
const BAR_WIDTH = 480;
const COUNT_WIDTH = 90;
const ROW_HEIGHT = 34;
const BAR_HEIGHT = 22;

/** Outcomes, may-order first, as the bars stack them. */
const STACK_ORDER: readonly AuditOutcome[] = ['MAY_ORDER', ...AUDIT_OUTCOMES.filter((outcome) => outcome !== 'MAY_ORDER')];

/**
 * A stacked bar per region of how its answers came out, as inline SVG: no script, no font,
 * nothing fetched. Bars share one scale, so regions compare by length too.
 */
export function outcomesChart(byRegion: ReadonlyMap<CspRegion, OutcomeCounts>): SafeHtml {
  const regions = [...byRegion.keys()];
  const totals = regions.map((region) => STACK_ORDER.reduce((sum, outcome) => sum + byRegion.get(region)![outcome], 0));
  const scale = Math.max(1, ...totals);
  const width = LABEL_WIDTH + BAR_WIDTH + COUNT_WIDTH;
  const legendY = regions.length * ROW_HEIGHT + 12;
  const height = legendY + 28;
  const rows = regions.map((region, index) => {
    const y = index * ROW_HEIGHT + 6;
    let x = LABEL_WIDTH;
    const segments = STACK_ORDER.map((outcome) => {
      const count = byRegion.get(region)![outcome];
      const segmentWidth = (count / scale) * BAR_WIDTH;
      const segment = html`<rect data-region="${region}" data-outcome="${outcome}" data-count="${count}" x="${x.toFixed(2)}" y="${y}" width="${segmentWidth.toFixed(2)}" height="${BAR_HEIGHT}" fill="${OUTCOME_STYLE[outcome].colour}"><title>${CSP_REGION_NAMES[region]}: ${OUTCOME_STYLE[outcome].label} ${count}</title></rect>`;
      x += segmentWidth;
      return segment;
    });
    return html`<g class="region"><text x="${LABEL_WIDTH - 8}" y="${y + 16}" text-anchor="end">${CSP_REGION_NAMES[region]}</text>${segments}<text x="${LABEL_WIDTH + BAR_WIDTH + 8}" y="${y + 16}">${totals[index]}</text></g>`;
  });
  // Each entry as wide as its label (about 7.5 px a character at 13 px), so none overlaps the next.
  let legendX = LABEL_WIDTH - 120;
  const legend = STACK_ORDER.map((outcome) => {
    const x = legendX;
    legendX += 40 + Math.ceil(OUTCOME_STYLE[outcome].label.length * 7.5);
    return html`<g class="legend"><rect x="${x}" y="${legendY}" width="14" height="14" fill="${OUTCOME_STYLE[outcome].colour}"/><text x="${x + 20}" y="${legendY + 12}">${OUTCOME_STYLE[outcome].label}</text></g>`;
  });
  return html`<svg id="outcomes-chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="outcomes-chart-title" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="13"><title id="outcomes-chart-title">Answers per region, by outcome</title>${joinHtml(rows)}${joinHtml(legend)}</svg>`;
}
