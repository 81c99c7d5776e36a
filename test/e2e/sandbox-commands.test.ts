import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import fetch from 'node-fetch';
import { compiledGateway } from '../support/compiled-gateway';
import { useListeningSandbox } from '../support/sandbox-gateway';
import { freePort, runToEnd } from '../support/processes';

/** Resolves with everything printed once `pattern` shows on stdout. */
function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} in:\n${out}`)), 30_000);
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      if (pattern.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before ${pattern}:\n${out}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

describe('Sandbox commands', () => {
  jest.setTimeout(90_000);

  it('npm start puts the sandbox emulator on EMULATOR_PORT', async () => {
    const build = await compiledGateway();
    const [port, emulatorPort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, [path.join(build, 'src', 'main.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        LOG_LEVEL: 'warn',
        PORT: String(port),
        EMULATOR_PORT: String(emulatorPort),
        MPA_OPERATOR_PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    try {
      const banner = await waitForOutput(child, /Regions:/);
      expect(banner).toContain(`Emulator:  http://127.0.0.1:${emulatorPort} `);
      // The compiled gateway finds the browser files beside it and prints the order page's address.
      expect(banner).toContain(`Order:     http://127.0.0.1:${port}/order-form `);
      expect((await fetch(`http://127.0.0.1:${port}/mpa-order-check.js`)).status).toBe(200);
      const response = await fetch(`http://127.0.0.1:${emulatorPort}/_emulator`);
      expect(response.status).toBe(200);
      expect((await response.json()).accounts.length).toBeGreaterThan(0);
    } finally {
      await stop(child);
    }
  });

  describe('npm run example', () => {
    const sandbox = useListeningSandbox();

    const runExample = async (target: string) =>
      runToEnd(process.execPath, [path.join(await compiledGateway(), 'examples', 'order-form-example.js'), target], {
        env: { PATH: process.env.PATH ?? '' },
      });

    it('prints what the exhaustive switch makes of each cart line', async () => {
      const { code, stdout, stderr } = await runExample(sandbox.url());
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const lines = stdout
        .trimEnd()
        .split('\n')
        .map((line) => line.split(/\s+/).slice(0, 3).join(' '));
      expect(lines).toEqual([
        'office-365 submit ok',
        'azure-plan blocked action',
        'dynamics blocked action',
        'dynamics-eu submit ok',
        'teams submit ok',
        'typo blocked action',
        'korea blocked error',
        'busy blocked wait',
        'future blocked error',
      ]);
      expect(stdout).toMatch(/^dynamics +blocked +action +.*\(EUROPE\)$/m);
      expect(stdout).toMatch(/^busy +blocked +wait +.*\(1s\)$/m);
      expect(stdout).toMatch(/^typo +blocked +action +.*\[MPN_ID_NOT_NUMERIC\]$/m);
    });

    it('says in one line when no gateway answers', async () => {
      const { code, stderr } = await runExample(`http://127.0.0.1:${await freePort()}/graphql`);
      expect(code).toBe(1);
      expect(stderr).toMatch(
        /^Cannot reach the gateway at http:\/\/127\.0\.0\.1:\d+\/graphql \(connect ECONNREFUSED [\d.:]+\); start it with npm start\.\n$/,
      );
    });
  });
});
