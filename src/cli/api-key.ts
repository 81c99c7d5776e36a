import { createHash, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { CLIENT_SCOPES, isClientScope } from '../client-access/client-scope';
import { MIN_API_KEY_LENGTH } from '../http/client-auth';

const USAGE = `Usage: npm run api-key -- --name <name> [--scope <scope>]... [--from-stdin]

Makes an API key for a caller of the gateway: 32 random bytes (43 characters), printed once,
and the clientAuth.apiKeys entry that holds only its SHA-256. With --from-stdin, hashes a key
you already have instead, refusing one shorter than ${MIN_API_KEY_LENGTH} characters.
Scopes: ${CLIENT_SCOPES.join(', ')}. Without --scope the key may do everything; a browser's key
needs orders:check alone.
`;

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => (text += chunk));
    process.stdin.once('end', () => resolve(text.replace(/\r?\n$/, '')));
    process.stdin.once('error', reject);
  });
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      scope: { type: 'string', multiple: true },
      'from-stdin': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!values.name) {
    process.stderr.write(`--name is required: it names the caller in logs and rate limits.\n\n${USAGE}`);
    return 2;
  }
  const scopes = values.scope ?? [];
  const unknown = scopes.filter((scope) => !isClientScope(scope));
  if (unknown.length > 0) {
    process.stderr.write(
      `Unknown scope ${unknown.map((scope) => JSON.stringify(scope)).join(', ')}; scopes are ${CLIENT_SCOPES.join(', ')}.\n`,
    );
    return 2;
  }
  const given = values['from-stdin'] ? await readStdin() : undefined;
  if (given !== undefined && given.length < MIN_API_KEY_LENGTH) {
    process.stderr.write(
      `The key on stdin has ${given.length} characters; the gateway refuses keys shorter than ${MIN_API_KEY_LENGTH}. Leave out --from-stdin to get a random one.\n`,
    );
    return 2;
  }
  const key = given ?? randomBytes(32).toString('base64url');
  const entry = { name: values.name, sha256: createHash('sha256').update(key).digest('hex'), ...(scopes.length > 0 ? { scopes } : {}) };
  if (given === undefined)
    process.stdout.write(`API key (shown once; give it to the caller, keep it out of the configuration):\n${key}\n\n`);
  process.stdout.write(`Add to clientAuth.apiKeys:\n${JSON.stringify(entry)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  },
);
