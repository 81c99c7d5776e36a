import fetch from 'node-fetch';
import { Gateway } from '../../src/compose/gateway';
import { OfflineBrowser, launchOfflineBrowser } from '../support/offline-browser';
import { startSandboxGateway } from '../support/sandbox-gateway';

describe('Explorer in a real browser, with no internet', () => {
  jest.setTimeout(120_000);
  let gateway: Gateway;
  let origin: string;
  let browser: OfflineBrowser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    gateway = await startSandboxGateway();
    origin = (await gateway.listen()).url;
    // Anything not on this gateway is recorded (the test fails on it) and never leaves the machine.
    browser = await launchOfflineBrowser(origin);
  });
  afterAll(async () => {
    await browser?.close();
    await gateway.stop();
  });

  it('loads GraphiQL from the gateway itself, runs the prefilled sandbox query and shows MpaNotSigned', async () => {
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${origin}/explorer`);
    await page.waitForSelector('.graphiql-container');
    // The explorer plugin is there, and the editor holds the sandbox example.
    await page.waitForSelector('button[aria-label="Show GraphiQL Explorer"]');
    await page.locator('.graphiql-query-editor', { hasText: 'orderEligibility' }).waitFor();
    await page.click('.graphiql-execute-button');
    await page.locator('.result-window', { hasText: 'MpaNotSigned' }).waitFor({ timeout: 30_000 });
    const result = await page.textContent('.result-window');
    expect(result).toContain('"canSubmit": false');
    expect(result).toContain('Partner Agreement not yet accepted for United States');

    expect(pageErrors).toEqual([]);
    expect(browser.offsite()).toEqual([]);
    expect(browser.requested).toContain(`${origin}/explorer/graphiql.min.js`);
    expect(browser.requested).toContain(`${origin}/graphql`);
  });

  it('sends a browser that opens the GraphQL URL to the explorer', async () => {
    const response = await fetch(`${origin}/graphql`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`${origin}/explorer`);
  });

  it('serves its files with a policy that forbids any other origin', async () => {
    const response = await fetch(`${origin}/explorer`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self';.*connect-src 'self'/);
    const html = await response.text();
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain('"headers":"{\\n  \\"Accept-Language\\": \\"en-US\\"\\n}"');
  });

  it('shows markup in an answer or an error message as text', async () => {
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const payload = '<img src=x onerror="window.__explorerXss=1"><script>window.__explorerXss=2</script>';
    // The schema comes from the gateway; the operation's answer carries the payload (as Partner Center's words might).
    await page.route(`${origin}/graphql`, async (route) => {
      if ((route.request().postData() ?? '').includes('IntrospectionQuery')) return route.fallback();
      return route.fulfill({ json: { errors: [{ message: payload, extensions: { code: 'BAD_USER_INPUT' } }], data: { note: payload } } });
    });
    await page.goto(`${origin}/explorer`);
    await page.locator('.graphiql-query-editor', { hasText: 'orderEligibility' }).waitFor();
    await page.click('.graphiql-execute-button');
    await page.locator('.result-window', { hasText: 'BAD_USER_INPUT' }).waitFor({ timeout: 30_000 });
    expect(await page.textContent('.result-window')).toContain('<img src=x onerror=');
    expect(await page.locator('.result-window img, .result-window script').count()).toBe(0);
    expect(await page.evaluate('window.__explorerXss')).toBeUndefined();
    expect(pageErrors).toEqual([]);
    expect(browser.offsite()).toEqual([]);
    await page.close();
  });
});
