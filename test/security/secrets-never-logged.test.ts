import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createGatewayLogger } from '../../src/observability/gateway-logger';
import { compiledGateway } from '../support/compiled-gateway';
import { captureLogs } from '../support/log-capture';
import { runToEnd } from '../support/processes';
import { ProductionLikeGateway, startProductionLikeGateway } from '../support/production-like-gateway';
import { RedisServer, startRedisServer } from '../support/redis-server';
import { mpnIdList, scratchFolder } from '../support/audit-runner';

/** The password the server wants, and the wrong one the gateway is given. */
const RIGHT_PASSWORD = 'right-redis-password-71c3';
const WRONG_PASSWORD = 'wrong-redis-password-5e9d';

/** A log destination that keeps every line and tells when one matches. */
function watchedLogs(): { stream: Writable; text(): string; seen(pattern: RegExp): Promise<void> } {
  const capture = captureLogs();
  const waiting: Array<{ pattern: RegExp; resolve: () => void }> = [];
  const stream = new Writable({
    write(chunk, encoding, done) {
      capture.stream.write(chunk, encoding, () => {
        for (const wait of [...waiting]) {
          if (wait.pattern.test(capture.text())) {
            waiting.splice(waiting.indexOf(wait), 1);
            wait.resolve();
          }
        }
        done();
      });
    },
  });
  return {
    stream,
    text: capture.text,
    seen: (pattern) => (pattern.test(capture.text()) ? Promise.resolve() : new Promise((resolve) => waiting.push({ pattern, resolve }))),
  };
}

const CHECK = { query: '{ reseller(mpnId: "1000001") { mpaStatus(region: UNITED_STATES) { __typename } } }' };

describe('Secrets never reach a log line', () => {
  jest.setTimeout(90_000);
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer({ password: RIGHT_PASSWORD });
  });
  afterAll(() => redis.kill());

  describe('when Redis refuses the password', () => {
    let edge: ProductionLikeGateway;
    const logs = watchedLogs();
    beforeAll(async () => {
      edge = await startProductionLikeGateway({
        logger: createGatewayLogger({ level: 'debug', destination: logs.stream }),
        config: { cache: { redisUrl: `redis://default:${WRONG_PASSWORD}@127.0.0.1:${redis.port}/0`, ttlSeconds: { positive: 60 } } },
      });
    });
    afterAll(() => edge.stop());

    it('logs the refusal without the password, the URL credentials or the AUTH arguments', async () => {
      const answered = await edge.post(CHECK);
      expect(answered.status).toBe(200);
      await logs.seen(/WRONGPASS/);
      await edge.post(CHECK);
      const text = logs.text();
      expect(text).toMatch(/WRONGPASS/);
      expect(text).not.toContain(WRONG_PASSWORD);
      expect(text).not.toContain(encodeURIComponent(WRONG_PASSWORD));
      expect(text).not.toContain(Buffer.from(WRONG_PASSWORD).toString('base64'));
    });
  });

  it('npm run audit logs the refusal without the password', async () => {
    const folder = scratchFolder();
    const input = path.join(folder, 'list.csv');
    writeFileSync(input, mpnIdList(['1000001', '1000002']));
    const script = path.join(await compiledGateway(), 'src', 'cli', 'audit.js');
    const { stdout, stderr } = await runToEnd(process.execPath, [script, '--input', input, '--regions', 'UNITED_STATES'], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'debug', MPA_REDIS_URL: `redis://:${WRONG_PASSWORD}@127.0.0.1:${redis.port}` },
    });
    expect(stderr).toMatch(/WRONGPASS/);
    expect(stdout + stderr).not.toContain(WRONG_PASSWORD);
  });
});

describe('Log redaction', () => {
  const line = (write: (logger: ReturnType<typeof createGatewayLogger>) => void): Record<string, any> => {
    const logs = captureLogs();
    write(createGatewayLogger({ level: 'info', destination: logs.stream }));
    return JSON.parse(logs.lines[0]);
  };

  it('blanks credentials under any key case, at any depth, in objects and lists', () => {
    const logged = line((logger) =>
      logger.info(
        {
          Authorization: 'Bearer top-level-a',
          request: {
            headers: { AUTHORIZATION: 'Bearer nested-b', Cookie: 'session=nested-c', 'X-Api-Key': 'nested-d', accept: 'text/html' },
          },
          deep: { a: { b: { c: { d: { RefreshToken: 'deep-e', client_secret: 'deep-f', Password: 'deep-g', privateKey: 'deep-h' } } } } },
          list: [{ access_token: 'list-i' }, { apiKeys: ['list-j'] }],
          tokenCacheDir: '/var/lib/mpa',
        },
        'hello',
      ),
    );
    const text = JSON.stringify(logged);
    for (const secret of ['top-level-a', 'nested-b', 'nested-c', 'nested-d', 'deep-e', 'deep-f', 'deep-g', 'deep-h', 'list-i', 'list-j']) {
      expect(text).not.toContain(secret);
    }
    expect(logged.Authorization).toBe('[redacted]');
    expect(logged.request.headers.AUTHORIZATION).toBe('[redacted]');
    expect(logged.deep.a.b.c.d.RefreshToken).toBe('[redacted]');
    // What is not a credential stays readable.
    expect(logged.request.headers.accept).toBe('text/html');
    expect(logged.tokenCacheDir).toBe('/var/lib/mpa');
    expect(logged.msg).toBe('hello');
  });

  it("blanks an error's command arguments and any URL credentials, in messages and nested errors", () => {
    const inner = Object.assign(new Error('connect to redis://user:url-pass-k@cache.internal:6379 failed'), {
      command: { name: 'auth', args: ['user', 'auth-arg-l'] },
    });
    const outer = Object.assign(new Error('outer', { cause: inner }), {
      previousErrors: [inner],
      target: 'rediss://:url-pass-m@cache.internal',
    });
    const logged = line((logger) =>
      logger.warn({ err: outer, other: { error: inner } }, 'Redis at redis://:msg-pass-n@cache.internal is unreachable'),
    );
    const text = JSON.stringify(logged);
    for (const secret of ['url-pass-k', 'auth-arg-l', 'url-pass-m', 'msg-pass-n']) expect(text).not.toContain(secret);
    expect(logged.msg).toBe('Redis at redis://[redacted]@cache.internal is unreachable');
    expect(logged.other.error.command.name).toBe('auth');
    expect(logged.err.type).toBe('Error');
  });
});
