import { ChildProcess, spawn } from 'node:child_process';
import { freePort } from '../support/processes';
import { mkdtempSync, readFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fetch from 'node-fetch';
import { compiledGateway } from '../support/compiled-gateway';

/** A process whose output the test reads as it comes. */
interface Running {
  readonly child: ChildProcess;
  output(): string;
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
  exited(): Promise<number | null>;
}

function run(script: string, args: string[], env: Record<string, string>): Running {
  const child = spawn(process.execPath, [script, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (out += chunk));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    exited: () => exit,
    waitFor: async (pattern) => {
      for (let waited = 0; waited < 30_000; waited += 50) {
        const match = pattern.exec(out);
        if (match) return match;
        if (child.exitCode !== null) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no ${pattern} in the output of ${path.basename(script)}:\n${out}`);
    },
  };
}

function stop(running: Running | undefined): Promise<unknown> {
  if (!running || running.child.exitCode !== null) return Promise.resolve();
  running.child.kill('SIGTERM');
  return running.exited();
}

/** A request to the emulated authority over HTTPS, trusting only its own certificate. */
function authorityRequest(url: string, ca: string, form?: Record<string, string>): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const body = form ? new URLSearchParams(form).toString() : undefined;
    const request = https.request(
      url,
      { method: form ? 'POST' : 'GET', ca, headers: form ? { 'content-type': 'application/x-www-form-urlencoded' } : {} },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type']), body: text }));
      },
    );
    request.once('error', reject);
    request.end(body);
  });
}

describe('Device-code sign-in against the emulator, as docs/partner-center.md walks through it', () => {
  jest.setTimeout(120_000);
  let emulator: Running | undefined;
  let login: Running | undefined;
  let gateway: Running | undefined;
  afterAll(async () => {
    await Promise.all([stop(gateway), stop(login), stop(emulator)]);
  });

  it('prints the configuration, shows the code on /devicelogin, approves it there, and the gateway then answers with that sign-in', async () => {
    const build = await compiledGateway();
    const folder = mkdtempSync(path.join(tmpdir(), 'mpa-device-login-'));

    // 1. EMULATOR_AUTHORITY=1 npm run emulator
    emulator = run(path.join(build, 'src/emulator/main.js'), [], {
      EMULATOR_AUTHORITY: '1',
      EMULATOR_PORT: '0',
      EMULATOR_OUTPUT_DIR: folder,
    });
    const [, emulatorUrl] = await emulator.waitFor(/Partner Center emulator listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const [, authorityUrl] = await emulator.waitFor(/Token authority \(HTTPS, self-signed\): (https:\/\/127\.0\.0\.1:\d+)/);
    const [, configFile] = await emulator.waitFor(/Gateway configuration for this emulator \(EUROPE and UNITED_STATES accounts\): (\S+)/);
    expect(configFile).toBe(path.join(folder, 'gateway-config.json'));
    expect(emulator.output()).toContain(`MPA_CONFIG_FILE=${configFile} npm run login -- --region EUROPE`);
    expect(emulator.output()).toContain(`open ${authorityUrl}/devicelogin`);
    const config = JSON.parse(readFileSync(configFile, 'utf8'));
    expect(config).toMatchObject({
      partnerCenter: { baseUrl: emulatorUrl },
      auth: {
        authorityHost: authorityUrl,
        caCertificateFile: path.join(folder, 'authority-ca.pem'),
        tokenCacheDir: path.join(folder, 'token-cache'),
      },
      clientAuth: { allowAnonymous: true },
    });
    expect(config.accounts.map((account: { region: string }) => account.region)).toEqual(['EUROPE', 'UNITED_STATES']);
    const ca = readFileSync(config.auth.caCertificateFile, 'utf8');

    const before = await authorityRequest(`${authorityUrl}/devicelogin`, ca);
    expect(before.status).toBe(200);
    expect(before.type).toBe('text/html; charset=utf-8');
    expect(before.body).toContain('No sign-in is waiting.');

    // 2. MPA_CONFIG_FILE=… npm run login -- --region EUROPE
    login = run(path.join(build, 'src/cli/login.js'), ['--region', 'EUROPE'], { MPA_CONFIG_FILE: configFile });
    const [, verificationUrl, userCode] = await login.waitFor(/Open (\S+) and enter the code (\w+)/);
    expect(verificationUrl).toBe(`${authorityUrl}/devicelogin`);

    // 3. The page shows the pending code and approves it by form post.
    const page = await authorityRequest(verificationUrl, ca);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<td><code>${userCode}</code></td>`);
    expect(page.body).toContain('admin@europe.provider.example');
    expect(page.body).toContain(`<input type="hidden" name="user_code" value="${userCode}">`);
    const wrong = await authorityRequest(verificationUrl, ca, { user_code: 'NOPE<b>', mfa: 'on' });
    expect(wrong.status).toBe(404);
    expect(wrong.body).toContain('No pending sign-in has the code <code>NOPE&lt;B&gt;</code>');
    const approved = await authorityRequest(verificationUrl, ca, { user_code: userCode, mfa: 'on' });
    expect(approved.status).toBe(200);
    expect(approved.body).toContain(`Code <code>${userCode}</code> approved: signed in as admin@europe.provider.example, with MFA.`);
    expect(approved.body).not.toContain(`<td><code>${userCode}</code></td>`);

    expect(await login.exited()).toBe(0);
    expect(login.output()).toContain('Signed in as admin@europe.provider.example.');

    // 4. MPA_CONFIG_FILE=… npm start: EUROPE answers with the signed-in account; UNITED_STATES has no sign-in.
    const port = await freePort();
    gateway = run(path.join(build, 'src/main.js'), [], {
      MPA_CONFIG_FILE: configFile,
      PORT: String(port),
      MPA_OPERATOR_PORT: '0',
      LOG_LEVEL: 'info',
    });
    await gateway.waitFor(/"msg":"gateway listening"/);
    expect(gateway.output()).toMatch(/"region":"EUROPE".*"msg":"Partner Center token ready"/);
    const ask = async (region: string) => {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `query ($region: CspRegion!) { reseller(mpnId: "1000003") { mpaStatus(region: $region) { __typename ... on MpaPartnerCenterUnavailable { reason } } } }`,
          variables: { region },
        }),
      });
      return (await response.json()).data.reseller.mpaStatus;
    };
    expect(await ask('EUROPE')).toEqual({ __typename: 'MpaSigned' });
    expect(await ask('UNITED_STATES')).toEqual({ __typename: 'MpaPartnerCenterUnavailable', reason: 'CREDENTIALS_REJECTED' });
  });
});
