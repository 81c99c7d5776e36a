import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { graphql } from 'graphql';
import { buildGatewaySchema } from '../src/graphql/gateway-schema';

/**
 * `schema.graphql` is the subgraph SDL exactly as `_service { sdl }` serves it.
 * Without arguments this writes it; with `--check` it fails when the file differs.
 */
async function main(): Promise<void> {
  const file = path.resolve(__dirname, '..', '..', 'schema.graphql');
  const result = await graphql({ schema: await buildGatewaySchema(), source: '{ _service { sdl } }' });
  const sdl = `${(result.data as { _service: { sdl: string } })._service.sdl.trim()}\n`;
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(file, 'utf8');
    } catch {
      // a missing file is drift too
    }
    if (committed !== sdl) {
      process.stderr.write('schema.graphql differs from the schema the code builds. Run `npm run schema:emit` and commit it.\n');
      process.exit(1);
    }
    process.stdout.write('schema.graphql matches the code.\n');
    return;
  }
  writeFileSync(file, sdl);
  process.stdout.write(`wrote ${file}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
