import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GRAPHQL_PATH } from './graphql-path';

/**
 * The order-form kit: the `<mpa-order-check>` component (one script a team embeds) and a
 * reference order page built with it. Framework-neutral: each route is a path, a content
 * type, a body and the Content-Security-Policy to send, for whatever HTTP server mounts them.
 */
export interface OrderFormKitRoute {
  readonly path: string;
  readonly contentType: string;
  readonly body: Buffer;
  readonly contentSecurityPolicy: string;
}

/** The compiled browser files (`npm run build` writes them; see scripts/build-web.ts). */
export interface WebFiles {
  readonly component: Buffer;
  readonly pageScript: Buffer;
  readonly pageStyles: Buffer;
}

/** Default folder of the compiled browser files: `web/` beside the compiled gateway, i.e. `dist/web/`. */
export const DEFAULT_WEB_DIR = path.resolve(__dirname, '..', '..', 'web');

/** The compiled browser files in `dir`; undefined when they are not there (the browser side was not built). */
export function readWebFiles(dir: string = DEFAULT_WEB_DIR): WebFiles | undefined {
  try {
    return {
      component: readFileSync(path.join(dir, 'mpa-order-check.js')),
      pageScript: readFileSync(path.join(dir, 'order-form.js')),
      pageStyles: readFileSync(path.join(dir, 'order-form.css')),
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export interface OrderFormPageOptions {
  /** Default `'/order-form'`. The page's path; its script and stylesheet are served below it. */
  readonly path?: string;
  /** Required. The regions to offer, in order, with their names. */
  readonly regions: ReadonlyArray<{ readonly region: string; readonly name: string }>;
  /** Required. The locales to offer, with their names. */
  readonly locales: ReadonlyArray<{ readonly tag: string; readonly name: string }>;
  /** Default `false`. Sandbox mode: says so, prefills a test identifier and lists the others. */
  readonly sandbox?: boolean;
  /** Default none. The credential callers need, asked for in a field (outside sandbox mode). */
  readonly credential?: 'apiKey' | 'bearer';
}

export interface OrderFormKitOptions {
  /** Required. The compiled browser files (`readWebFiles`). */
  readonly files: WebFiles;
  /** Default `'/mpa-order-check.js'`. Where the component is served. */
  readonly componentPath?: string;
  /** Default none (no page). The reference order page. */
  readonly page?: OrderFormPageOptions;
}

/** Scripts and styles from this origin only, requests to this origin only; no inline code of any kind. */
export const ORDER_FORM_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** A script needs no policy of its own; the page that loads it sets one. */
const SCRIPT_POLICY = "default-src 'none'; frame-ancestors 'none'";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** What a developer can type in sandbox mode, and what each shows. */
const SANDBOX_IDENTIFIERS: ReadonlyArray<{ id: string; shows: string }> = [
  { id: '1000001', shows: 'has accepted the agreement for United States: Submit is enabled' },
  { id: '1000002', shows: 'has not accepted it: Submit stays disabled and the steps are shown' },
  { id: '1000003', shows: 'belongs to Europe: asked from United States, both regions are shown' },
  { id: '1000503', shows: 'Partner Center is unavailable: a "try again" action is offered' },
  { id: '1000004', shows: 'an MPN ID Partner Center does not recognise' },
];

const CART: ReadonlyArray<{ id: string; label: string; quantity: number }> = [
  { id: 'm365-business-standard', label: 'Microsoft 365 Business Standard', quantity: 10 },
  { id: 'azure-plan', label: 'Azure plan', quantity: 1 },
  { id: 'd365-sales', label: 'Dynamics 365 Sales Enterprise', quantity: 5 },
];

function pageHtml(options: OrderFormPageOptions, pagePath: string, componentPath: string): string {
  const sandbox = options.sandbox ?? false;
  const region = options.regions.find((entry) => entry.region === 'UNITED_STATES')?.region ?? options.regions[0]?.region ?? '';
  const locale = options.locales[0]?.tag ?? 'en-US';
  const reseller = sandbox ? '1000002' : '';
  const option = (value: string, name: string, selected: boolean) =>
    `<option value="${escapeHtml(value)}"${selected ? ' selected' : ''}>${escapeHtml(name)}</option>`;
  const credential = options.credential
    ? `<div><label for="credential">${options.credential === 'bearer' ? 'Bearer token' : 'API key'}</label>
<input id="credential" type="password" autocomplete="off" data-kind="${options.credential}" aria-describedby="credential-hint">
<p class="hint" id="credential-hint">Sent to the gateway with each check (${options.credential === 'bearer' ? 'Authorization: Bearer' : 'X-Api-Key'}); kept in this page only.</p></div>`
    : '';
  const rows = CART.map(
    (line) => `<tr><td id="line-${line.id}">${escapeHtml(line.label)}</td><td class="quantity">${line.quantity}</td>
<td><input data-line-id="${line.id}" data-label="${escapeHtml(line.label)}" autocomplete="off" placeholder="same as the order" aria-labelledby="line-${line.id} other-reseller-heading"></td></tr>`,
  ).join('\n');
  const tryList = sandbox
    ? `<details>
<summary>Test identifiers (sandbox)</summary>
<ul class="try">
${SANDBOX_IDENTIFIERS.map((entry) => `<li><button type="button" data-fill="${entry.id}">${entry.id}</button> ${escapeHtml(entry.shows)}</li>`).join('\n')}
</ul>
<p>Asked from Europe, 1000003 is signed. The emulator can change its mind: <code>PUT /_emulator/resellers/1000002/agreement</code> with <code>{"region": "UNITED_STATES", "signed": true}</code>, then "check again".</p>
</details>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Order form: MPA compliance gateway reference page</title>
<link rel="stylesheet" href="${pagePath}/order-form.css">
<script src="${componentPath}" defer></script>
<script src="${pagePath}/order-form.js" defer></script>
</head>
<body>
<main>
<h1>New Microsoft order</h1>
<p class="intro">The reference order page of the MPA compliance gateway. Submit stays disabled until <code>&lt;mpa-order-check&gt;</code> says Microsoft accepts orders from the reseller for the region.</p>
${sandbox ? '<p class="sandbox"><strong>Sandbox mode:</strong> every answer comes from the built-in Partner Center emulator and its test identifiers, not from Microsoft.</p>' : ''}
<form id="order-form" novalidate>
<fieldset>
<legend>Order</legend>
<div class="fields">
<div><label for="reseller">Reseller's MPN ID or tenant ID</label>
<input id="reseller" name="reseller" autocomplete="off" spellcheck="false" value="${reseller}" aria-describedby="reseller-hint">
<p class="hint" id="reseller-hint">Digits for an MPN ID (PGA/PLA), a GUID for a tenant ID.</p></div>
<div><label for="region">CSP region the order is placed from</label>
<select id="region" name="region">${options.regions.map((entry) => option(entry.region, entry.name, entry.region === region)).join('')}</select></div>
<div><label for="locale">Language of the check</label>
<select id="locale" name="locale">${options.locales.map((entry) => option(entry.tag, entry.name, entry.tag === locale)).join('')}</select></div>
${credential}
</div>
</fieldset>
<fieldset>
<legend>Cart</legend>
<table>
<thead><tr><th scope="col">Product</th><th scope="col" class="quantity">Quantity</th><th scope="col" id="other-reseller-heading">Bill to another reseller (optional)</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</fieldset>
<mpa-order-check gateway="${escapeHtml(GRAPHQL_PATH)}" region="${escapeHtml(region)}" locale="${escapeHtml(locale)}"${reseller ? ` mpn-id="${reseller}"` : ''} submit-button="submit-order"></mpa-order-check>
<div class="submit-row">
<button type="submit" id="submit-order" disabled>Submit order</button>
<p id="order-outcome" role="status"></p>
</div>
</form>
${tryList}
<h2>Last <code>eligibilitychange</code> event</h2>
<pre id="event-log">(none yet)</pre>
</main>
</body>
</html>
`;
}

/** The component's route, and the reference page's when asked for. */
export function createOrderFormKitRoutes(options: OrderFormKitOptions): readonly OrderFormKitRoute[] {
  const componentPath = options.componentPath ?? '/mpa-order-check.js';
  const javascript = 'text/javascript; charset=utf-8';
  const routes: OrderFormKitRoute[] = [
    { path: componentPath, contentType: javascript, body: options.files.component, contentSecurityPolicy: SCRIPT_POLICY },
  ];
  if (options.page) {
    const pagePath = options.page.path ?? '/order-form';
    routes.push(
      {
        path: pagePath,
        contentType: 'text/html; charset=utf-8',
        body: Buffer.from(pageHtml(options.page, pagePath, componentPath)),
        contentSecurityPolicy: ORDER_FORM_CONTENT_SECURITY_POLICY,
      },
      { path: `${pagePath}/order-form.js`, contentType: javascript, body: options.files.pageScript, contentSecurityPolicy: SCRIPT_POLICY },
      {
        path: `${pagePath}/order-form.css`,
        contentType: 'text/css; charset=utf-8',
        body: options.files.pageStyles,
        contentSecurityPolicy: SCRIPT_POLICY,
      },
    );
  }
  return routes;
}
