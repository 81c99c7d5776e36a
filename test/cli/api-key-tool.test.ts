import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { MIN_API_KEY_LENGTH } from '../../src/http/client-auth';
import { compiledGateway } from '../support/compiled-gateway';

/** Runs `npm run api-key` (without the build) with `args` and `stdin`, until it exits. */
async function apiKey(args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const build = await compiledGateway();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(build, 'src', 'cli', 'api-key.js'), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

describe('npm run api-key', () => {
  jest.setTimeout(90_000);

  it('makes a 256-bit key and the entry holding only its digest and scopes', async () => {
    const { code, stdout } = await apiKey(['--name', 'order-form', '--scope', 'orders:check']);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    const key = lines[1];
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.parse(lines[4])).toEqual({
      name: 'order-form',
      sha256: createHash('sha256').update(key).digest('hex'),
      scopes: ['orders:check'],
    });
  });

  it(`refuses to hash a key shorter than ${MIN_API_KEY_LENGTH} characters`, async () => {
    const { code, stdout, stderr } = await apiKey(['--name', 'legacy', '--from-stdin'], 'short-key-1234\n');
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toBe(
      `The key on stdin has 14 characters; the gateway refuses keys shorter than ${MIN_API_KEY_LENGTH}. Leave out --from-stdin to get a random one.\n`,
    );
  });

  it('refuses an unknown scope', async () => {
    const { code, stderr } = await apiKey(['--name', 'x', '--scope', 'admin']);
    expect(code).toBe(2);
    expect(stderr).toContain('Unknown scope "admin"');
  });
});
