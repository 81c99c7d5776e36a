import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fetch from 'node-fetch';
import { ConfigError, GatewayConfigInput, parseGatewayConfig } from '../../src/config/gateway-config';
import { sandboxToken } from '../../src/emulator/partner-center/emulated-world';
import { Emulator, startEmulator } from '../../src/emulator/partner-center/emulator-server';
import { Gateway, createGateway } from '../../src/compose/gateway';
import { createGatewayLogger } from '../../src/observability/gateway-logger';
import { describeSandbox } from '../../src/compose/sandbox-banner';
import { WEB_DIR_ENV } from '../support/compiled-gateway';
import { captureLogs } from '../support/log-capture';
import { startSandboxGateway } from '../support/sandbox-gateway';

const WEB_DIR = process.env[WEB_DIR_ENV]!;
const EMPTY_DIR = mkdtempSync(path.join(tmpdir(), 'mpa-no-web-'));

describe('Order-form kit: what is served where', () => {
  let emulator: Emulator;
  const running: Gateway[] = [];
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await Promise.all(running.map((gateway) => gateway.stop()));
    await emulator.close();
  });

  /** A gateway with a real Partner Center account (the emulator) and API-key callers: not sandbox mode. */
  async function production(
    http: GatewayConfigInput['http'] = {},
    webDir = WEB_DIR,
    logs = captureLogs(),
  ): Promise<{ gateway: Gateway; origin: string }> {
    const config: GatewayConfigInput = {
      port: 0,
      partnerCenter: { baseUrl: emulator.url },
      accounts: [
        { region: 'EUROPE', staticToken: sandboxToken('EUROPE') },
        { region: 'UNITED_STATES', staticToken: sandboxToken('UNITED_STATES') },
      ],
      clientAuth: { apiKeys: [{ name: 'checkout', sha256: createHash('sha256').update('key').digest('hex'), scopes: ['orders:check'] }] },
      http,
    };
    const gateway = await createGateway({
      config: parseGatewayConfig(config),
      logger: createGatewayLogger({ destination: logs.stream }),
      webDir,
    });
    running.push(gateway);
    return { gateway, origin: (await gateway.listen()).url };
  }
  const status = async (url: string) => (await fetch(url)).status;

  it("in sandbox mode serves the component and the page, and the banner gives the page's URL", async () => {
    const gateway = await startSandboxGateway();
    running.push(gateway);
    const { url } = await gateway.listen();
    expect(await status(`${url}/mpa-order-check.js`)).toBe(200);
    const page = await fetch(`${url}/order-form`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<strong>Sandbox mode:</strong>');
    expect(html).toContain('mpn-id="1000002"');
    expect(html).toContain('<option value="UNITED_STATES" selected>United States</option>');
    expect(html).toContain('<option value="pt-PT">Português (Portugal)</option>');
    expect(await status(`${url}/order-form/order-form.js`)).toBe(200);
    expect((await fetch(`${url}/order-form/order-form.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(gateway.orderFormPath).toBe('/order-form');
    expect(describeSandbox(gateway, url)).toContain(
      `Order:     ${url}/order-form   (reference order page: <mpa-order-check> gates its Submit button)`,
    );
  });

  it('outside sandbox mode serves the component only, unless the page is switched on', async () => {
    const off = await production();
    expect(await status(`${off.origin}/mpa-order-check.js`)).toBe(200);
    expect(await status(`${off.origin}/order-form`)).toBe(404);
    expect(off.gateway.orderFormPath).toBeUndefined();

    const on = await production({ orderFormPage: true, orderFormPath: '/shop/check' });
    expect(await status(`${on.origin}/order-form`)).toBe(404);
    const html = await (await fetch(`${on.origin}/shop/check`)).text();
    expect(html).toContain('<script src="/shop/check/order-form.js" defer></script>');
    // Its own regions, no test identifiers, and a field for the credential callers need.
    expect(html).toContain(
      '<select id="region" name="region"><option value="EUROPE">Europe</option><option value="UNITED_STATES" selected>United States</option></select>',
    );
    expect(html).not.toContain('Sandbox mode');
    expect(html).not.toContain('mpn-id=');
    expect(html).toContain('<input id="credential" type="password" autocomplete="off" data-kind="apiKey"');
  });

  it('without the compiled browser files it still starts, serves neither, and says what to run', async () => {
    const logs = captureLogs();
    const { origin } = await production({}, EMPTY_DIR, logs);
    expect(await status(`${origin}/mpa-order-check.js`)).toBe(404);
    const warning = logs.lines.map((line) => JSON.parse(line)).find((line) => line.level === 40);
    expect(warning.msg).toBe(
      `the browser files are not built (nothing in ${EMPTY_DIR}); run npm run build: /mpa-order-check.js and the reference order page are not served`,
    );
  });

  it('refuses to start when the page is asked for and the files are not built', async () => {
    const started = production({ orderFormPage: true }, EMPTY_DIR);
    await expect(started).rejects.toThrow(ConfigError);
    await expect(started).rejects.toThrow(
      `http.orderFormPage: the browser files are not built (nothing in ${EMPTY_DIR}); run npm run build`,
    );
  });

  it('serves every page and file of the kit and the explorer with headers that keep them out of frames and sniffing', async () => {
    const gateway = await startSandboxGateway();
    running.push(gateway);
    const { url } = await gateway.listen();
    const paths = [
      '/mpa-order-check.js',
      '/order-form',
      '/order-form/order-form.js',
      '/order-form/order-form.css',
      '/explorer',
      '/explorer/explorer.js',
    ];
    for (const file of paths) {
      const response = await fetch(`${url}${file}`);
      const headers = {
        file,
        status: response.status,
        nosniff: response.headers.get('x-content-type-options'),
        frames: response.headers.get('x-frame-options'),
        referrer: response.headers.get('referrer-policy'),
        frameAncestors: /frame-ancestors 'none'/.test(response.headers.get('content-security-policy') ?? ''),
      };
      expect(headers).toEqual({ file, status: 200, nosniff: 'nosniff', frames: 'DENY', referrer: 'same-origin', frameAncestors: true });
    }
    // The pages run no inline script: every script element is either a same-origin file or data.
    for (const page of ['/order-form', '/explorer']) {
      const html = await (await fetch(`${url}${page}`)).text();
      const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, body] of scripts) {
        if (/type="application\/json"/.test(attributes)) continue;
        expect({ page, attributes, body }).toEqual({ page, attributes: expect.stringMatching(/ src="\/[^"/][^"]*"/), body: '' });
      }
    }
  });
});
