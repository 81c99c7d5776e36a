import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { auditInProcess, scratchFolder } from '../../support/audit-runner';
import { OfflineBrowser, launchOfflineBrowser } from '../../support/offline-browser';

describe('The audit’s HTML report in a real browser, with no internet', () => {
  jest.setTimeout(120_000);
  const folder = scratchFolder();
  const report = path.join(folder, 'report.html');
  let browser: OfflineBrowser;

  beforeAll(async () => {
    const input = path.join(folder, 'resellers.csv');
    writeFileSync(input, 'mpnId\n1000001\n1000002\n1000003\n1000004\n<b>bold</b>\n');
    const { code } = await auditInProcess(['--input', input, '--regions', 'UNITED_STATES,EUROPE', '--out', report]);
    expect(code).toBe(1);
    // The page itself is the only thing it may load.
    browser = await launchOfflineBrowser((url) => url === pathToFileURL(report).href);
  });
  afterAll(() => browser?.close());

  it('shows the chart of outcomes per region, drawn from the page alone', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(pathToFileURL(report).href);
    const chart = page.locator('#outcomes-chart');
    await chart.waitFor({ state: 'visible' });
    const box = await chart.boundingBox();
    expect(box!.width).toBeGreaterThan(500);
    expect(box!.height).toBeGreaterThan(60);

    // United States: 1000001 may order; 1000002, 1000003, 1000004 need action; one bad line.
    const widthOf = async (region: string, outcome: string) =>
      (await page.locator(`#outcomes-chart rect[data-region="${region}"][data-outcome="${outcome}"]`).boundingBox())?.width ?? 0;
    const mayOrder = await widthOf('UNITED_STATES', 'MAY_ORDER');
    const needsAction = await widthOf('UNITED_STATES', 'NEEDS_ACTION');
    const badInput = await widthOf('UNITED_STATES', 'BAD_INPUT');
    expect(mayOrder).toBeGreaterThan(50);
    expect(needsAction / mayOrder).toBeCloseTo(3, 1);
    expect(badInput / mayOrder).toBeCloseTo(1, 1);
    expect(await widthOf('UNITED_STATES', 'NOT_CHECKED')).toBe(0);
    expect(await page.locator('#outcomes-chart rect[data-region="EUROPE"][data-outcome="NEEDS_ACTION"]').getAttribute('data-count')).toBe(
      '3',
    );

    // Text from the input is shown as text.
    await expect(page.locator('section.group[data-outcome="BAD_INPUT"] td', { hasText: 'MPN ID <b>bold</b>' }).count()).resolves.toBe(2);
    expect(await page.locator('section.group b').count()).toBe(0);

    expect(errors).toEqual([]);
    expect(browser.requested).toEqual([pathToFileURL(report).href]);
    await page.screenshot({ path: path.join(folder, 'report.png'), fullPage: false });
  });
});
