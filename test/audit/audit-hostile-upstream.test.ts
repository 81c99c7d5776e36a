import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { compiledGateway } from '../support/compiled-gateway';
import { scratchFolder } from '../support/audit-runner';
import {
  HOSTILE_MPN_ID,
  HostilePartnerCenter,
  HostileReply,
  healthyItem,
  healthyRelationships,
  json,
  startHostilePartnerCenter,
} from '../support/hostile-partner-center';
import { runToEnd } from '../support/processes';

/**
 * `npm run audit` as a separate process against a Partner Center stand-in whose texts are
 * hostile: the token echoed back, markup, spreadsheet formulas. No report, progress line or
 * summary may carry the token, run markup, or hold a cell a spreadsheet would run.
 */

const TOKEN = 'audit-hostile-token-93c1f07e2b';
const MARKUP = '<img src=x onerror=alert(1)><script>alert(2)</script>';
const FORMULA = '=HYPERLINK("https://x.invalid","click")';

const folder = scratchFolder();
let upstream: HostilePartnerCenter;
let script = '';
beforeAll(async () => {
  upstream = await startHostilePartnerCenter();
  script = path.join(await compiledGateway(), 'src', 'cli', 'audit.js');
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

async function auditAll(label: string): Promise<{ code: number | null; outputs: Record<string, string> }> {
  const config = path.join(folder, `${label}.json`);
  writeFileSync(
    config,
    JSON.stringify({
      partnerCenter: { baseUrl: upstream.url, timeoutMs: 2_000 },
      accounts: [{ region: 'UNITED_STATES', staticToken: TOKEN }],
      resilience: { maxAttempts: 1 },
    }),
  );
  const input = path.join(folder, `${label}.csv`);
  writeFileSync(input, `mpnId\n${HOSTILE_MPN_ID}\n`);
  const outputs: Record<string, string> = {};
  // The three reports side by side: each audit is its own process asking the same stand-in.
  const codes = await Promise.all(
    ['csv', 'json', 'html'].map(async (format) => {
      const out = path.join(folder, `${label}-report.${format}`);
      const run = await runToEnd(process.execPath, [script, '--input', input, '--regions', 'UNITED_STATES', '--out', out], {
        env: { PATH: process.env.PATH ?? '', MPA_CONFIG_FILE: config },
      });
      outputs[format] = readFileSync(out, 'utf8');
      outputs[`${format} stderr`] = run.stderr + run.stdout;
      return run.code;
    }),
  );
  // Every format ends the same way.
  expect(new Set(codes).size).toBe(1);
  return { code: codes[0], outputs };
}

describe('npm run audit against hostile Partner Center texts', () => {
  jest.setTimeout(30_000);

  it.each<[string, Partial<Record<'agreementStatus' | 'relationships' | 'validateResellers', HostileReply>>]>([
    [
      'an unknown 400 whose description echoes the token',
      { agreementStatus: json(400, { code: FORMULA, description: `${MARKUP} ${TOKEN} ${FORMULA}` }) },
    ],
    [
      'a page that echoes the request',
      { agreementStatus: json(404, `GET /\nauthorization: Bearer ${TOKEN}\n${MARKUP}`, { 'content-type': 'text/html' }) },
    ],
    ['a 401 that names the token', { agreementStatus: json(401, { code: 900, description: `token ${TOKEN} expired ${MARKUP}` }) }],
    [
      'a reseller name with the token, markup and a formula',
      { relationships: json(200, healthyRelationships([healthyItem({ name: `${FORMULA} ${MARKUP} ${TOKEN}` })])) },
    ],
    [
      'a partner-of-record refusal with the token, markup and a formula',
      {
        validateResellers: json(200, {
          validationResults: [
            {
              partnerId: HOSTILE_MPN_ID,
              isValidPartnerIdOnRecord: false,
              errorCode: 1,
              errorDescription: `@SUM(1) ${MARKUP} ${TOKEN} <a href="javascript:alert(3)">x</a>`,
            },
          ],
        }),
      },
    ],
  ])('keeps %s out of every output as a secret, markup or formula', async (label, replies) => {
    Object.assign(upstream.replies, replies);
    const { code, outputs } = await auditAll(label.replace(/\W+/g, '-'));
    const mayOrder = 'relationships' in replies;
    expect(code === 0).toBe(mayOrder);
    for (const [name, text] of Object.entries(outputs)) {
      expect([name, text.includes(TOKEN)]).toEqual([name, false]);
    }
    expect(outputs.html).not.toMatch(/<img|<script|<a href="javascript/i);
    for (const row of parse(outputs.csv, { relax_column_count: true }) as string[][]) {
      for (const cell of row) expect(/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell) ? cell : '').toBe('');
    }
    for (const line of outputs.json.trimEnd().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    // A line Partner Center did not confirm never reads as "may order".
    expect(outputs.json.includes('"outcome":"MAY_ORDER"')).toBe(mayOrder);
  });
});
