import { randomBytes } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFileTokenCacheStore } from '../../../src/partner-center/auth/token-cache-store';

const SERIALIZED = JSON.stringify({ RefreshToken: { one: { secret: 'refresh-token-value-9d1e' } } });

const scratch = () => mkdtempSync(path.join(tmpdir(), 'mpa-token-cache-'));
const modeOf = (file: string) => statSync(file).mode & 0o777;

describe('The token cache file', () => {
  it('creates its folder owner-only (0700) and the file owner-only (0600)', async () => {
    const folder = path.join(scratch(), 'nested', 'token-cache');
    const store = createFileTokenCacheStore(path.join(folder, 'EUROPE.json'));
    await store.write(SERIALIZED);
    expect(modeOf(folder)).toBe(0o700);
    expect(modeOf(path.join(folder, 'EUROPE.json'))).toBe(0o600);
    expect(await store.read()).toBe(SERIALIZED);
  });

  it('refuses a folder other users can open, in one line naming it and its mode', () => {
    const folder = path.join(scratch(), 'token-cache');
    mkdirSync(folder);
    chmodSync(folder, 0o755);
    expect(() => createFileTokenCacheStore(path.join(folder, 'EUROPE.json'))).toThrow(
      `The token cache folder ${folder} (auth.tokenCacheDir) is open to other users (mode 755); make it owner-only (chmod 700 ${folder}) or choose another folder.`,
    );
  });

  it('never writes through a link planted where the temporary file used to be', async () => {
    const folder = scratch();
    chmodSync(folder, 0o700);
    const file = path.join(folder, 'EUROPE.json');
    const victim = path.join(scratch(), 'victim.txt');
    writeFileSync(victim, 'untouched');
    // The name the previous version chose for its temporary file, from the process id alone.
    symlinkSync(victim, `${file}.${process.pid}.tmp`);
    await createFileTokenCacheStore(file).write(SERIALIZED);
    expect(readFileSync(victim, 'utf8')).toBe('untouched');
    expect(readFileSync(file, 'utf8')).toBe(SERIALIZED);
    // Nothing left behind but the cache and the planted link.
    expect(readdirSync(folder).sort()).toEqual(['EUROPE.json', `EUROPE.json.${process.pid}.tmp`]);
  });

  it('replaces a link at the cache path with a file of its own, and refuses to read through one', async () => {
    const folder = scratch();
    chmodSync(folder, 0o700);
    const file = path.join(folder, 'EUROPE.json');
    const victim = path.join(scratch(), 'victim.json');
    writeFileSync(victim, '{"planted":true}');
    symlinkSync(victim, file);
    const store = createFileTokenCacheStore(file);
    await expect(store.read()).rejects.toThrow(
      `The token cache file ${file} is a symbolic link; remove it (the gateway writes its own file there).`,
    );
    await store.write(SERIALIZED);
    expect(lstatSync(file).isSymbolicLink()).toBe(false);
    expect(readFileSync(victim, 'utf8')).toBe('{"planted":true}');
    expect(await store.read()).toBe(SERIALIZED);
  });
});

describe('The token cache encrypted at rest (MPA_TOKEN_CACHE_KEY)', () => {
  const key = randomBytes(32);

  it('keeps no readable token on disk and reads back what it wrote', async () => {
    const folder = scratch();
    const file = path.join(folder, 'EUROPE.json');
    const store = createFileTokenCacheStore(file, { encryptionKey: key });
    await store.write(SERIALIZED);
    const onDisk = readFileSync(file, 'utf8');
    expect(onDisk).not.toContain('refresh-token-value-9d1e');
    expect(onDisk).toMatch(/^mpa-token-cache:aes-256-gcm:/);
    expect(await store.read()).toBe(SERIALIZED);
  });

  it('refuses a file encrypted with another key, or altered, and one read without the key', async () => {
    const folder = scratch();
    const file = path.join(folder, 'EUROPE.json');
    await createFileTokenCacheStore(file, { encryptionKey: key }).write(SERIALIZED);
    const problem = `The token cache file ${file} cannot be decrypted with MPA_TOKEN_CACHE_KEY (another key, or the file was altered); sign in again with npm run login.`;
    await expect(createFileTokenCacheStore(file, { encryptionKey: randomBytes(32) }).read()).rejects.toThrow(problem);
    await expect(createFileTokenCacheStore(file).read()).rejects.toThrow(
      `The token cache file ${file} is encrypted; set MPA_TOKEN_CACHE_KEY to the key it was written with.`,
    );
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, `${text.slice(0, -4)}${text.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`);
    await expect(createFileTokenCacheStore(file, { encryptionKey: key }).read()).rejects.toThrow(problem);
  });

  it('binds each file to its region: a file copied over another region does not decrypt', async () => {
    const folder = scratch();
    await createFileTokenCacheStore(path.join(folder, 'EUROPE.json'), { encryptionKey: key }).write(SERIALIZED);
    writeFileSync(path.join(folder, 'JAPAN.json'), readFileSync(path.join(folder, 'EUROPE.json')));
    await expect(createFileTokenCacheStore(path.join(folder, 'JAPAN.json'), { encryptionKey: key }).read()).rejects.toThrow(
      /cannot be decrypted/,
    );
  });
});
