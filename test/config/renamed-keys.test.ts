import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseGatewayConfigWithWarnings } from '../../src/config/gateway-config';
import { compiledGateway } from '../support/compiled-gateway';
import { freePort } from '../support/processes';

/** A renamed configuration key keeps working for one release, with a start-up warning naming its replacement. */
describe('Renamed configuration keys', () => {
  jest.setTimeout(60_000);

  it('reads resilience.circuitFailureThreshold as resilience.circuitMinimumCalls, and says so', () => {
    const { config, warnings } = parseGatewayConfigWithWarnings({ resilience: { circuitFailureThreshold: 7 } });
    expect(config.resilience.circuitMinimumCalls).toBe(7);
    expect(warnings).toEqual([expect.stringContaining('resilience.circuitFailureThreshold is renamed resilience.circuitMinimumCalls')]);
  });

  it('lets the new key win when both are given, and says the old one is ignored', () => {
    const { config, warnings } = parseGatewayConfigWithWarnings({ resilience: { circuitFailureThreshold: 7, circuitMinimumCalls: 12 } });
    expect(config.resilience.circuitMinimumCalls).toBe(12);
    expect(warnings).toEqual([expect.stringContaining('resilience.circuitFailureThreshold is ignored')]);
  });

  it('starts the gateway (npm start) from a file that uses the old key, logging the warning', async () => {
    const build = await compiledGateway();
    const dir = mkdtempSync(path.join(tmpdir(), 'mpa-renamed-'));
    const file = path.join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ resilience: { circuitFailureThreshold: 5 } }));
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(build, 'src', 'main.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        MPA_CONFIG_FILE: file,
        PORT: String(port),
        LOG_LEVEL: 'info',
        MPA_TOKEN_CACHE_DIR: path.join(dir, 'tokens'),
      },
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    try {
      // Waits for the gateway's "listening" log line: the old key did not stop start-up.
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('gateway listening')) resolve();
        });
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.once('close', (code) => reject(new Error(`the gateway exited (${String(code)}) before listening:\n${output}`)));
      });
      const warning = output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { level: number | string; msg: string })
        .find((line) => line.msg.includes('circuitFailureThreshold'));
      expect(warning?.msg).toContain('renamed resilience.circuitMinimumCalls');
      expect([40, 'warn']).toContain(warning?.level);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
