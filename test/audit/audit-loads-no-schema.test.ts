import path from 'node:path';
import { compiledGateway } from '../support/compiled-gateway';
import { runToEnd } from '../support/processes';

/** What a compiled module list names of the GraphQL layer or the schema's packages. */
const SCHEMA_MODULE = /[\\/](node_modules[\\/](type-graphql|reflect-metadata)|src[\\/]graphql)[\\/]/;

describe('npm run audit, compiled, in its own process', () => {
  jest.setTimeout(180_000);
  let build = '';
  beforeAll(async () => {
    build = await compiledGateway();
  });

  it('loads no module of src/graphql, type-graphql or reflect-metadata', async () => {
    // The command (which loads every audit module it uses when it starts), then its answers'
    // path; each module it loaded is printed, one a line.
    const script = [
      `process.argv = [process.argv[0], ${JSON.stringify(path.join(build, 'src', 'cli', 'audit.js'))}, '--help'];`,
      `process.on('exit', () => { process.stdout.write(Object.keys(require.cache).join('\\n')); });`,
      `require(process.argv[1]);`,
      ...['audit-run', 'line-check', 'audit-windows'].map((name) => `require(${JSON.stringify(path.join(build, 'src', 'audit', name))});`),
    ].join('\n');
    const { stdout } = await runToEnd(process.execPath, ['-e', script], { env: { PATH: process.env.PATH ?? '' } });
    const loaded = stdout.split('\n').filter((line) => line !== '');
    expect(loaded).toContain(path.join(build, 'src', 'audit', 'line-check.js'));
    expect(loaded).toContain(path.join(build, 'src', 'operation', 'order-line.js'));
    expect(loaded.filter((file) => SCHEMA_MODULE.test(file))).toEqual([]);
  });
});
