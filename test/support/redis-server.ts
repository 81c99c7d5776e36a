import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { freePort } from './processes';

/** A real redis-server on 127.0.0.1 for one test file (found or installed by the global setup). */
export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** Kills the server at once, as a crash would. */
  kill(): Promise<void>;
  /** Freezes the server (SIGSTOP): connections stay open, nothing is answered. */
  freeze(): void;
  /** Lets a frozen server go on (SIGCONT). */
  thaw(): void;
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    // A server with a password answers NOAUTH: it is up all the same.
    socket.once('data', (data) => done(/^(\+PONG|-NOAUTH)/.test(data.toString())));
  });
}

export interface RedisServerOptions {
  /** Default none. The password the server requires (`--requirepass`). */
  readonly password?: string;
  /** Default a free port. A port to listen on, e.g. a killed server's, to stand for it coming back. */
  readonly port?: number;
}

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const port = options.port ?? (await freePort());
  // The global setup puts the program's absolute path here; PATH is the fallback.
  const program = process.env.MPA_TEST_REDIS_SERVER || 'redis-server';
  const password = options.password === undefined ? [] : ['--requirepass', options.password];
  const child: ChildProcess = spawn(
    program,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...password],
    {
      stdio: 'ignore',
    },
  );
  const failed = new Promise<never>((_, reject) =>
    child.once('error', (error) => reject(new Error(`cannot start ${program}: ${error.message}`))),
  );
  const ready = (async () => {
    for (let i = 0; i < 100; i += 1) {
      if (await answersPing(port)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('redis-server did not answer PING');
  })();
  try {
    await Promise.race([ready, failed]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    freeze: () => child.kill('SIGSTOP'),
    thaw: () => child.kill('SIGCONT'),
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || (child.signalCode !== null && child.signalCode !== 'SIGSTOP' && child.signalCode !== 'SIGCONT'))
          return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
