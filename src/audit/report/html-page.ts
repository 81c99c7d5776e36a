import { CSP_REGION_NAMES } from '../../partner-center/csp-region';
import { AUDIT_OUTCOMES, AuditCheck, AuditOutcome, AuditRecord } from '../audit-record';
import { AuditTally } from '../audit-tally';
import { OUTCOME_STYLE, outcomesChart } from './html-chart';
import { SafeHtml, html, isWebLink } from './html-template';
import { ReportFacts } from './report-facts';

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 1200px; padding: 0 1rem; color: #1a1a1a; }
h1 { margin-bottom: 0.2rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #ccc; } h3 { margin: 1.8rem 0 0.3rem; }
.facts { color: #555; } .banner { padding: 0.6rem 1rem; border-radius: 4px; font-weight: 600; }
.sandbox { background: #fff3cd; border: 1px solid #e0c060; } .stopped { background: #fde2e1; border: 1px solid #d08a86; }
table { border-collapse: collapse; margin: 0.6rem 0; } th, td { border: 1px solid #ddd; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.swatch { display: inline-block; width: 0.8em; height: 0.8em; margin-right: 0.4em; border-radius: 2px; }
ol { margin: 0; padding-left: 1.3em; } .muted { color: #666; } code { font-size: 12px; }
`;

const dateTime = (date: Date) =>
  date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');

/** Section headings for the groups of each outcome that is not "may order". */
export const OUTCOME_SECTIONS: Readonly<Record<Exclude<AuditOutcome, 'MAY_ORDER'>, { readonly title: string; readonly intro: string }>> = {
  NEEDS_ACTION: {
    title: 'Resellers that need action',
    intro: 'Grouped by what must be done. Forward the steps to each reseller; orders from them will be refused until then.',
  },
  NOT_CHECKED: {
    title: 'Could not be checked',
    intro: 'Partner Center gave no answer in time. Nothing is known to be wrong with these resellers: check them again later.',
  },
  BAD_INPUT: {
    title: 'Bad input lines',
    intro: 'These lines do not identify a reseller and were not sent to Partner Center. Correct them in the list.',
  },
};

export function pageStart(facts: ReportFacts, tally: AuditTally): SafeHtml {
  const regions = facts.regions.map((region) => CSP_REGION_NAMES[region]).join(', ');
  const outcomeHeads = AUDIT_OUTCOMES.map(
    (outcome) =>
      html`<th><span class="swatch" style="background:${OUTCOME_STYLE[outcome].colour}"></span>${OUTCOME_STYLE[outcome].label}</th>`,
  );
  const outcomeRows = [...tally.byRegion].map(
    ([region, counts]) =>
      html`<tr><th>${CSP_REGION_NAMES[region]}</th>${AUDIT_OUTCOMES.map((outcome) => html`<td class="n" data-outcome="${outcome}">${counts[outcome]}</td>`)}<td class="n">${AUDIT_OUTCOMES.reduce((sum, outcome) => sum + counts[outcome], 0)}</td></tr>`,
  );
  const statusRows = [...tally.byStatus].map(
    ([key, perRegion]) =>
      html`<tr><th><code>${key}</code></th>${facts.regions.map((region) => html`<td class="n">${perRegion.get(region) ?? 0}</td>`)}</tr>`,
  );
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Reseller audit: ${regions}</title><style>${new SafeHtml(STYLE)}</style></head>
<body>
<h1>Reseller audit</h1>
<p class="facts">${facts.input} · ${tally.lines} lines · ${regions} · guidance in ${facts.locale} · checked ${dateTime(facts.startedAt)} to ${dateTime(facts.finishedAt)}</p>
${facts.sandbox ? html`<p class="banner sandbox">Sandbox mode: every answer comes from the built-in emulator and its test identifiers, not from Microsoft.</p>` : ''}
${facts.stopped ? html`<p class="banner stopped">The run was stopped before the end of the list: this report holds the lines checked until then. Run the same command with --resume to check the rest.</p>` : ''}
<h2>Summary</h2>
<table id="outcomes"><thead><tr><th>Region</th>${outcomeHeads}<th>All</th></tr></thead><tbody>${outcomeRows}</tbody></table>
<figure>${outcomesChart(tally.byRegion)}</figure>
<table id="answers"><thead><tr><th>Answer</th>${facts.regions.map((region) => html`<th>${CSP_REGION_NAMES[region]}</th>`)}</tr></thead><tbody>${statusRows}</tbody></table>
${tally.badLineCount > 0 ? html`<p>${tally.badLineCount} input line(s) could not be used; see "Bad input lines" below.</p>` : ''}
`;
}

export function sectionStart(outcome: Exclude<AuditOutcome, 'MAY_ORDER'>): SafeHtml {
  const section = OUTCOME_SECTIONS[outcome];
  return html`<h2 id="${outcome.toLowerCase()}">${section.title}</h2><p class="muted">${section.intro}</p>\n`;
}

export function groupStart(headline: string, count: number, outcome: AuditOutcome): SafeHtml {
  return html`<section class="group" data-outcome="${outcome}"><h3>${headline}</h3><p class="muted">${count} answer(s)</p>
<table><thead><tr><th>Line</th><th>Reseller</th><th>Region</th><th>Answer</th><th>What it means</th><th>Steps</th></tr></thead><tbody>\n`;
}

export function groupEnd(shown: number, count: number, intermediate: string): SafeHtml {
  const more = count - shown;
  return html`</tbody></table>${more > 0 ? html`<p class="muted">… and ${more} more in ${intermediate}.</p>` : ''}</section>\n`;
}

function resellerCell(record: AuditRecord): SafeHtml {
  const named = [
    record.mpnId !== null ? `MPN ID ${record.mpnId}` : '',
    record.tenantId !== null ? `tenant ID ${record.tenantId}` : '',
  ].filter((text) => text !== '');
  return named.length > 0 ? html`${named.join(', ')}` : html`<span class="muted">none</span>`;
}

/** One answer that needs action, with the guidance the order form would show. */
export function groupRow(record: AuditRecord, check: AuditCheck | undefined): SafeHtml {
  const guidance = check?.guidance;
  const answer = check
    ? html`<code>${check.status}</code>${check.code ? html` (${check.code})` : ''}${check.reason ? html` <code>${check.reason}</code>` : ''}${check.correlationId ? html`<br><span class="muted">correlation ${check.correlationId}</span>` : ''}`
    : html`<span class="muted">not asked</span>`;
  const meaning =
    guidance && record.inputProblem === null
      ? html`${guidance.whatItMeans}${isWebLink(guidance.learnMoreUrl) ? html` <a href="${guidance.learnMoreUrl}">Learn more</a>` : ''}`
      : html`${record.inputProblem ?? check?.message ?? ''}`;
  const steps =
    guidance && guidance.actions.length > 0 ? html`<ol>${guidance.actions.map((action) => html`<li>${action}</li>`)}</ol>` : html``;
  return html`<tr><td class="n">${record.line}</td><td>${resellerCell(record)}</td><td>${CSP_REGION_NAMES[record.region] ?? record.region}</td><td>${answer}</td><td>${meaning}</td><td>${steps}</td></tr>\n`;
}

export const pageEnd = (): SafeHtml =>
  html`<p class="muted">CSV and JSON reports carry every line; this page lists the answers that are not "may order".</p></body></html>\n`;
