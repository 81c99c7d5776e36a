import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SandboxConflictError } from '../../src/compose/sandbox';
import { compiledGateway } from '../support/compiled-gateway';
import { startGateway } from '../support/sandbox-gateway';

interface Exit {
  readonly code: number | null;
  readonly stderr: string;
}

/** Runs the compiled gateway (`npm start` without the build) with only `env` set, until it exits. */
async function start(env: Record<string, string>): Promise<Exit> {
  const build = await compiledGateway();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(build, 'src', 'main.js')], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', PORT: '0', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // A gateway that starts when it should not is stopped so the test can fail (its code is then null).
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

function configFile(content: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'mpa-sandbox-choice-')), 'gateway.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

const API_KEYS = [{ name: 'checkout', sha256: 'a'.repeat(64) }];
const US_ACCOUNT = { region: 'UNITED_STATES', staticToken: 'token-for-tests' };

describe('Choosing sandbox mode (npm start)', () => {
  jest.setTimeout(90_000);

  it('does not fall into sandbox mode when client authentication is configured without accounts', async () => {
    const file = configFile({ clientAuth: { apiKeys: API_KEYS } });
    expect(await start({ MPA_CONFIG_FILE: file })).toEqual({
      code: 1,
      stderr:
        'Invalid configuration: accounts is empty, so there is no Partner Center account to ask, and clientAuth.apiKeys is set for production; configure accounts, or remove it to try the built-in emulator.\n',
    });
  });

  it('refuses MPA_SANDBOX=true beside real accounts, naming both keys and where they were set', async () => {
    const file = configFile({ accounts: [US_ACCOUNT] });
    expect(await start({ MPA_CONFIG_FILE: file, MPA_SANDBOX: 'true' })).toEqual({
      code: 1,
      stderr:
        `Invalid configuration: sandbox (from the environment variable MPA_SANDBOX) is true, but accounts (from the file ${file}) is set for production; ` +
        'turn sandbox off to use them, or remove them to try the built-in emulator.\n',
    });
  });

  it('refuses sandbox mode beside client authentication set from the environment', async () => {
    const exit = await start({
      MPA_SANDBOX: 'true',
      MPA_CLIENT_JWT_ISSUER: 'https://issuer.example',
      MPA_CLIENT_JWT_AUDIENCE: 'mpa-gateway',
      MPA_CLIENT_JWT_JWKS_URL: 'https://issuer.example/jwks',
    });
    expect(exit.code).toBe(1);
    expect(exit.stderr).toMatch(
      /^Invalid configuration: sandbox \(from the environment variable MPA_SANDBOX\) is true, but clientAuth\.jwt \(from the environment variable MPA_CLIENT_JWT_\w+\) is set for production; .*\n$/,
    );
  });

  it('refuses an implied sandbox on a non-loopback host, naming HOST and the override', async () => {
    expect(await start({ HOST: '0.0.0.0' })).toEqual({
      code: 1,
      stderr:
        'Invalid configuration: host (from the environment variable HOST) is "0.0.0.0", but sandbox mode (no client authentication, answers from the emulator) only listens on loopback (127.0.0.1, ::1); ' +
        'use a loopback host, or set allowSandboxBeyondLoopback (from the defaults) to true to expose it on purpose.\n',
    });
  });
});

describe('Choosing sandbox mode (in process)', () => {
  it('is implied with nothing configured, on loopback', async () => {
    const gateway = await startGateway();
    try {
      expect(gateway.emulator).toBeDefined();
    } finally {
      await gateway.stop();
    }
  });

  it('refuses an explicit sandbox on 0.0.0.0 unless allowSandboxBeyondLoopback is true', async () => {
    await expect(startGateway({ sandbox: true, host: '0.0.0.0' })).rejects.toThrow(SandboxConflictError);
    const gateway = await startGateway({ sandbox: true, host: '0.0.0.0', allowSandboxBeyondLoopback: true });
    try {
      expect(gateway.emulator).toBeDefined();
    } finally {
      await gateway.stop();
    }
  });

  it('refuses sandbox beside a Partner Center URL and API keys, naming both', async () => {
    await expect(
      startGateway({
        sandbox: true,
        partnerCenter: { baseUrl: 'https://api.partnercenter.microsoft.com' },
        clientAuth: { apiKeys: API_KEYS },
      }),
    ).rejects.toThrow(
      'Invalid configuration: sandbox is true, but partnerCenter.baseUrl and clientAuth.apiKeys are set for production; turn sandbox off to use them, or remove them to try the built-in emulator.',
    );
  });
});
