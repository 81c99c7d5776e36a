import { Page, Route } from 'playwright-core';
import { Gateway } from '../../src/compose/gateway';
import { OfflineBrowser, launchOfflineBrowser } from '../support/offline-browser';
import { startSandboxGateway } from '../support/sandbox-gateway';

/**
 * `<mpa-order-check>` against a gateway (or whatever stands in front of it) that answers
 * badly: Submit stays disabled on anything but a clear `canSubmit: true` for the order as it
 * is now, and every failure says why and offers "try again".
 */

interface Shown {
  readonly state: string;
  readonly summary: string;
  readonly submitDisabled: boolean;
  readonly canSubmit: boolean;
  readonly retry: number;
}

const SUMMARY = 'mpa-order-check .summary';

async function shown(page: Page): Promise<Shown> {
  return {
    state: (await page.locator(SUMMARY).getAttribute('data-state')) ?? '',
    summary: (await page.locator(SUMMARY).textContent()) ?? '',
    submitDisabled: await page.locator('#submit-order').isDisabled(),
    canSubmit: await page.evaluate<boolean>("document.querySelector('mpa-order-check').canSubmit"),
    retry: await page.locator('mpa-order-check button[data-action="retry-all"]').count(),
  };
}

/** Waits until the component has an answer or has given up, then reads what the partner sees. */
async function settled(page: Page): Promise<Shown> {
  await page.locator(`${SUMMARY}[data-state="answered"], ${SUMMARY}[data-state="failed"]`).waitFor();
  return shown(page);
}

/** What the page asked the gateway: the GraphQL variables of one request. */
const variablesOf = (route: Route) => JSON.parse(route.request().postData() ?? '{}').variables;

/** Run inside the page: the elements the component rendered, to find any the gateway's text smuggled in. */
const RENDERED_TAGS = `[...document.querySelector('mpa-order-check').shadowRoot.querySelectorAll('*')].map((e) => e.tagName.toLowerCase())`;

const PAYLOAD = `<img src=x onerror="window.__kitXss=1"><script>window.__kitXss=2</script>`;

// At the top, not in a describe: jest starts concurrent tests right after the top-level hooks.
jest.setTimeout(120_000);
let gateway: Gateway;
let origin: string;
let browser: OfflineBrowser;
let page: Page;

/** The gateway's real answer to what the page asked, as JSON, for a route to change. */
async function realAnswer(route: Route, variables?: unknown): Promise<Record<string, any>> {
  const postData = variables === undefined ? undefined : JSON.stringify({ ...JSON.parse(route.request().postData()!), variables });
  const response = await route.fetch(postData === undefined ? {} : { postData });
  return response.json();
}

/** The order page, loaded afresh in `on` (default: the shared page), once its first answer is in. */
async function open(on: Page = page): Promise<void> {
  await on.unroute(`${origin}/graphql`);
  await on.goto(`${origin}/order-form`);
  await settled(on);
}

beforeAll(async () => {
  gateway = await startSandboxGateway();
  origin = (await gateway.listen()).url;
  browser = await launchOfflineBrowser(origin);
  page = await browser.context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
});

describe('Order-form kit in a real browser, against answers it must not trust', () => {
  // --- answers that are not a clear yes -----------------------------------------------

  const failures: ReadonlyArray<[string, (route: Route) => Promise<void>, RegExp]> = [
    ['no connection', (route) => route.abort('connectionrefused'), /could not be reached/],
    ['401', (route) => route.fulfill({ status: 401, json: { errors: [{ message: 'Unauthorized.' }] } }), /credentials/],
    [
      '403',
      (route) => route.fulfill({ status: 403, json: { errors: [{ message: 'Forbidden.', extensions: { code: 'FORBIDDEN' } }] } }),
      /Forbidden/,
    ],
    ['429', (route) => route.fulfill({ status: 429, headers: { 'retry-after': '7' }, body: '' }), /7 s/],
    ['500 with a page', (route) => route.fulfill({ status: 500, contentType: 'text/html', body: '<h1>oops</h1>' }), /HTTP 500/],
    ['a GraphQL error', (route) => route.fulfill({ json: { errors: [{ message: 'Partner Center said no.' }] } }), /Partner Center said no/],
    [
      'a body that is not JSON',
      (route) => route.fulfill({ contentType: 'application/json', body: '{"data": {"orderEli' }),
      /did not match the order/,
    ],
    ['data without the answer', (route) => route.fulfill({ json: { data: {} } }), /did not match the order/],
    ['500 carrying a yes', async (route) => route.fulfill({ status: 500, json: await realAnswer(route) }), /HTTP 500/],
    ['403 carrying a yes', async (route) => route.fulfill({ status: 403, json: await realAnswer(route) }), /HTTP 403/],
    [
      'canSubmit as the text "true"',
      async (route) => {
        const body = await realAnswer(route);
        body.data.orderEligibility.canSubmit = 'true';
        await route.fulfill({ json: body });
      },
      /did not match the order/,
    ],
  ];

  // Each on a page of its own, side by side: they ask only about 1000001, which no other test changes.
  it.concurrent.each(failures)('keeps Submit disabled, says why and offers "try again" on %s', async (_label, answer, says) => {
    const page = await browser.context.newPage();
    await open(page);
    await page.route(`${origin}/graphql`, answer);
    // A signed reseller: any answer taken as a yes would enable Submit.
    await page.fill('#reseller', '1000001');
    const failed = await settled(page);
    expect(failed).toMatchObject({ state: 'failed', submitDisabled: true, canSubmit: false, retry: 1 });
    expect(failed.summary).toMatch(/^The agreement check could not be made, so the order cannot be submitted yet\. /);
    expect(failed.summary).toMatch(says);
    // "Try again" goes through once the gateway answers properly.
    await page.unroute(`${origin}/graphql`);
    await page.locator('mpa-order-check button[data-action="retry-all"]').click();
    expect(await settled(page)).toMatchObject({ state: 'answered', submitDisabled: false });
    await page.close();
  });

  it('does not take a yes for another reseller than the one on the form', async () => {
    await open();
    // Something between the page and the gateway answers for 1000001 (signed) when asked about 1000002.
    await page.route(`${origin}/graphql`, async (route) =>
      route.fulfill({ json: await realAnswer(route, { ...variablesOf(route), order: { ...variablesOf(route).order, mpnId: '1000001' } }) }),
    );
    await page.fill('#reseller', '1000002');
    expect(await settled(page)).toMatchObject({ state: 'failed', submitDisabled: true, canSubmit: false, retry: 1 });
  });

  it('does not take a yes for another region than the one on the form', async () => {
    await open();
    // 1000003 is signed for Europe only; the answer for Europe comes back when United States was asked.
    await page.route(`${origin}/graphql`, async (route) =>
      route.fulfill({ json: await realAnswer(route, { ...variablesOf(route), order: { ...variablesOf(route).order, region: 'EUROPE' } }) }),
    );
    await page.fill('#reseller', '1000003');
    expect(await settled(page)).toMatchObject({ state: 'failed', submitDisabled: true, canSubmit: false, retry: 1 });
  });

  it('does not take a cart answer that leaves lines out', async () => {
    await open();
    await page.fill('#reseller', '1000001');
    await settled(page);
    await page.route(`${origin}/graphql`, async (route) => {
      const body = await realAnswer(route);
      body.data.orderEligibilities = body.data.orderEligibilities.filter((line: { canSubmit: boolean }) => line.canSubmit);
      await route.fulfill({ json: body });
    });
    await page.fill('input[data-line-id="azure-plan"]', '1000002');
    expect(await settled(page)).toMatchObject({ state: 'failed', submitDisabled: true, canSubmit: false, retry: 1 });
  });

  it('does not take an answer from "try again" for another reseller', async () => {
    await open();
    gateway.emulator!.faults.setFor('1000002', { failure: { type: 'status', status: 503 }, times: 1 });
    try {
      await page.fill('#reseller', '0001000002');
      expect(await settled(page)).toMatchObject({ state: 'answered', submitDisabled: true });
      await page.route(`${origin}/graphql`, async (route) =>
        route.fulfill({
          json: await realAnswer(route, { ...variablesOf(route), order: { ...variablesOf(route).order, mpnId: '1000001' } }),
        }),
      );
      await page.locator('mpa-order-check button[data-action="retry"]').click();
      await page.locator('mpa-order-check .finding .error, mpa-order-check .finding[data-status="ready"]').first().waitFor();
      expect(await shown(page)).toMatchObject({ submitDisabled: true, canSubmit: false });
    } finally {
      gateway.emulator!.faults.clear();
    }
  });

  it('gives up on an answer that never comes, says so and offers "try again"', async () => {
    await open();
    const held: Route[] = [];
    await page.route(`${origin}/graphql`, (route) => void held.push(route));
    await page.evaluate(`document.querySelector('mpa-order-check').setAttribute('timeout', '200')`);
    await page.fill('#reseller', '1000001');
    const failed = await settled(page);
    expect(failed).toMatchObject({ state: 'failed', submitDisabled: true, canSubmit: false, retry: 1 });
    expect(failed.summary).toMatch(/did not answer in time/);
    await page.unroute(`${origin}/graphql`);
    await page.locator('mpa-order-check button[data-action="retry-all"]').click();
    expect(await settled(page)).toMatchObject({ state: 'answered', submitDisabled: false });
    await Promise.all(held.map((route) => route.abort().catch(() => undefined)));
  });

  // --- late answers -------------------------------------------------------------------

  it('never lets a late yes for earlier values enable Submit for the values now on the form', async () => {
    await open();
    const held: Route[] = [];
    let releasing = false;
    let heldOne: () => void = () => undefined;
    /** Resolves once `count` requests are held. */
    const holding = (count: number) =>
      new Promise<void>((resolve) => {
        heldOne = () => held.length >= count && resolve();
        heldOne();
      });
    await page.route(`${origin}/graphql`, (route) => {
      if (releasing) return route.fallback();
      held.push(route);
      heldOne();
    });
    // The partner types a signed reseller, then changes it before the answer came; then toggles the region back and forth.
    await page.fill('#reseller', '1000001');
    await holding(1);
    await page.fill('#reseller', '1000002');
    await holding(2);
    for (const region of ['EUROPE', 'UNITED_STATES', 'EUROPE', 'UNITED_STATES']) await page.selectOption('#region', region);
    await holding(3);
    // The answers come back newest first, so the oldest (1000001: signed) arrives last; later requests go straight through.
    releasing = true;
    for (const route of [...held].reverse()) await route.fallback().catch(() => undefined);
    const now = await settled(page);
    expect(now).toMatchObject({ state: 'answered', submitDisabled: true, canSubmit: false });
    expect(now.summary).toContain('Partner Agreement not yet accepted for United States');
    // The held requests for earlier values were given up by the page: its answers never counted.
    expect(await shown(page)).toMatchObject({ submitDisabled: true, canSubmit: false });
  });

  // --- text from the gateway is text ----------------------------------------------------

  it("shows markup in the gateway's texts as text, in answers and in errors", async () => {
    await open();
    await page.route(`${origin}/graphql`, async (route) => {
      const body = await realAnswer(route);
      const answer = body.data.orderEligibility;
      answer.mpaStatus.message = PAYLOAD;
      answer.guidance.headline = PAYLOAD;
      answer.guidance.whatItMeans = PAYLOAD;
      answer.guidance.actions = [PAYLOAD, PAYLOAD];
      answer.guidance.learnMoreUrl = 'javascript:window.__kitXss=3';
      body.data.cspRegions = body.data.cspRegions.map((entry: { name: string }) => ({ ...entry, name: PAYLOAD }));
      await route.fulfill({ json: body });
    });
    await page.fill('#reseller', '1000002');
    expect(await settled(page)).toMatchObject({ state: 'answered', submitDisabled: true });
    expect(await page.locator('mpa-order-check .finding .headline').textContent()).toBe(PAYLOAD);
    expect(await page.locator('mpa-order-check .finding .steps li').first().textContent()).toBe(PAYLOAD);
    expect(await page.locator('mpa-order-check a').count()).toBe(0);

    await page.unroute(`${origin}/graphql`);
    await page.route(`${origin}/graphql`, (route) => route.fulfill({ json: { errors: [{ message: PAYLOAD }] } }));
    await page.fill('#reseller', '1000001');
    expect((await settled(page)).summary).toContain(PAYLOAD);
    const tags: string[] = await page.evaluate(RENDERED_TAGS);
    expect(tags.filter((tag) => tag === 'img' || tag === 'script')).toEqual([]);
    expect(await page.evaluate('window.__kitXss')).toBeUndefined();
  });
});
