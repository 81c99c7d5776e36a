import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compiledGateway } from '../support/compiled-gateway';

interface Exit {
  readonly code: number | null;
  readonly stderr: string;
}

/** Runs the compiled gateway (`npm start` without the build) with only `env` set, until it exits. */
async function start(env: Record<string, string>): Promise<Exit> {
  const build = await compiledGateway();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(build, 'src', 'main.js')], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // A gateway that starts when it should not is stopped so the test can fail.
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

function occupiedPort(): Promise<net.Server> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

describe('Start-up errors (npm start)', () => {
  jest.setTimeout(90_000);

  it('names the key, the variable and the value of a bad number, in one line', async () => {
    expect(await start({ PORT: 'abc' })).toEqual({
      code: 1,
      stderr: 'Invalid configuration: port is "abc" (from the environment variable PORT), but it must be a number.\n',
    });
  });

  it('refuses, in one line, a configuration that enforces no check', async () => {
    expect(await start({ MPA_CHECK_AGREEMENT: 'off', MPA_CHECK_RELATIONSHIP: 'reportOnly', MPA_CHECK_PARTNER_OF_RECORD: 'off' })).toEqual({
      code: 1,
      stderr:
        'Invalid configuration: checks.agreement is "off" (from the environment variable MPA_CHECK_AGREEMENT), but it must be "enforce" while no other check is: with nothing enforced every order is allowed. Enforce at least one check, or set checks.allowNothingEnforced to true to run without any.\n',
    });
  });

  it('says in one line, without a stack, that the port is taken and where the port came from', async () => {
    const busy = await occupiedPort();
    const { port } = busy.address() as net.AddressInfo;
    try {
      expect(await start({ PORT: String(port) })).toEqual({
        code: 1,
        stderr: `Cannot start: port ${port} on 127.0.0.1 is already in use (port, from the environment variable PORT); stop what uses it or choose another port.\n`,
      });
    } finally {
      busy.close();
    }
  });

  it('says which setting chose a busy emulator port in sandbox mode', async () => {
    const busy = await occupiedPort();
    const { port } = busy.address() as net.AddressInfo;
    try {
      expect(await start({ EMULATOR_PORT: String(port), PORT: '0' })).toEqual({
        code: 1,
        stderr: `Cannot start: port ${port} on 127.0.0.1 is already in use (emulatorPort, from the environment variable EMULATOR_PORT); stop what uses it or choose another port.\n`,
      });
    } finally {
      busy.close();
    }
  });

  it('refuses an unreadable Redis URL in one line naming MPA_REDIS_URL, without repeating its password', async () => {
    const exit = await start({ MPA_REDIS_URL: 'redis://user:pw@[bad' });
    expect(exit).toEqual({
      code: 1,
      stderr:
        'Invalid configuration: cache.redisUrl (from the environment variable MPA_REDIS_URL; its value is not repeated here) must be a redis:// or rediss:// URL such as redis://user:password@host:6379/0.\n',
    });
    expect(exit.stderr).not.toContain('pw');
  });

  it('names the variable that set an unreadable CA file', async () => {
    expect(await start({ MPA_AUTH_CA_FILE: '/nonexistent/authority-ca.pem' })).toEqual({
      code: 1,
      stderr:
        'Invalid configuration: auth.caCertificateFile is "/nonexistent/authority-ca.pem" (from the environment variable MPA_AUTH_CA_FILE), but it names a file that cannot be read (ENOENT).\n',
    });
  });

  it('names the file that set an unreadable CA file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mpa-startup-'));
    const file = path.join(dir, 'gateway.json');
    writeFileSync(file, JSON.stringify({ partnerCenter: { caCertificateFile: dir } }));
    expect(await start({ MPA_CONFIG_FILE: file })).toEqual({
      code: 1,
      stderr: `Invalid configuration: partnerCenter.caCertificateFile is "${dir}" (from the file ${file}), but it names a file that cannot be read (EISDIR).\n`,
    });
  });

  it('names a bad Partner Center URL, or a secret under a key it does not know, without repeating the credentials', async () => {
    const url = await start({ MPA_PARTNER_CENTER_BASE_URL: 'ftp://svc:pc-pass-8d1f@api.partnercenter.example/' });
    expect(url).toEqual({
      code: 1,
      stderr:
        'Invalid configuration: partnerCenter.baseUrl is "ftp://…@api.partnercenter.example/" (from the environment variable MPA_PARTNER_CENTER_BASE_URL), but it must be an http:// or https:// URL.\n',
    });
    const dir = mkdtempSync(path.join(tmpdir(), 'mpa-startup-'));
    const file = path.join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ partnerCenter: { clientSecret: 'misplaced-secret-77a0' } }));
    const misplaced = await start({ MPA_CONFIG_FILE: file });
    expect(misplaced.code).toBe(1);
    expect(misplaced.stderr).toContain('partnerCenter.clientSecret');
    expect(misplaced.stderr).not.toContain('misplaced-secret-77a0');
    expect(misplaced.stderr.trim().split('\n')).toHaveLength(1);
  });
});
