import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { compiledGateway } from './compiled-gateway';
import { freePort } from './processes';

/** The compiled gateway started as `npm start` would (with `env` added), once it listens. */
export interface GatewayMainProcess {
  readonly child: ChildProcess;
  /** Its GraphQL endpoint. */
  readonly url: string;
  /** Everything it wrote so far, stdout and stderr together. */
  output(): string;
}

/** Starts `dist/src/main.js` on a free port (operator port 0, log level info), resolving once it logs that it listens. */
export async function startGatewayProcess(env: NodeJS.ProcessEnv): Promise<GatewayMainProcess> {
  const script = path.join(await compiledGateway(), 'src', 'main.js');
  const port = await freePort();
  const child = spawn(process.execPath, [script], {
    env: { PATH: process.env.PATH ?? '', PORT: String(port), MPA_OPERATOR_PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('gateway listening')) resolve({ child, url: `http://127.0.0.1:${port}/graphql`, output: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the gateway exited (${String(code)}):\n${output}`)));
  });
}
