import { randomBytes } from 'node:crypto';
import { constants, mkdirSync, statSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { ICachePlugin } from '@azure/msal-node';
import { TokenCacheProblem, decryptTokenCache, encryptTokenCache, isEncryptedTokenCache } from './token-cache-encryption';

export { TokenCacheProblem } from './token-cache-encryption';

/** Where an account's msal token cache (refresh token included) is kept between restarts. */
export interface TokenCacheStore {
  /** The serialized cache, or undefined when nothing was stored yet. */
  read(): Promise<string | undefined>;
  write(serialized: string): Promise<void>;
  /** Where it lives, for operator messages (never the content). */
  readonly location: string;
}

export interface FileTokenCacheStoreOptions {
  /** Default none (the file holds the cache as msal writes it). 32 bytes: the file is AES-256-GCM encrypted. */
  readonly encryptionKey?: Buffer;
}

/**
 * The cache's folder, made owner-only (0700) when missing; an existing folder other users
 * can enter or read, or owned by someone else, is refused in one line.
 */
function checkFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const stats = statSync(folder);
  const ownerOnly = `make it owner-only (chmod 700 ${folder}) or choose another folder.`;
  if (!stats.isDirectory())
    throw new TokenCacheProblem(`The token cache folder ${folder} (auth.tokenCacheDir) is not a folder; choose another path.`);
  if ((stats.mode & 0o077) !== 0) {
    throw new TokenCacheProblem(
      `The token cache folder ${folder} (auth.tokenCacheDir) is open to other users (mode ${(stats.mode & 0o777).toString(8)}); ${ownerOnly}`,
    );
  }
  if (typeof process.getuid === 'function' && stats.uid !== process.getuid()) {
    throw new TokenCacheProblem(
      `The token cache folder ${folder} (auth.tokenCacheDir) belongs to another user (uid ${stats.uid}); choose a folder of this user's.`,
    );
  }
}

const READ_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW;
// O_EXCL: a name that exists (a planted file or link) is never opened; O_NOFOLLOW for good measure.
const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/** A random temporary name beside the file, so nobody can prepare it in advance. */
const temporaryName = (file: string) => `${file}.${randomBytes(12).toString('hex')}.tmp`;

/**
 * A token cache in a file readable by its owner only (0600, in a 0700 folder that is checked
 * at construction), replaced atomically through a temporary file with an unpredictable name
 * opened exclusively, so a crash never leaves half a cache and no planted link is followed;
 * a link at the cache's own path is replaced on write and refused on read. With an
 * `encryptionKey` the file is encrypted (AES-256-GCM, bound to the file's name).
 */
export function createFileTokenCacheStore(file: string, options: FileTokenCacheStoreOptions = {}): TokenCacheStore {
  checkFolder(path.dirname(file));
  const name = path.basename(file);
  return {
    location: file,
    async read() {
      let text: string;
      try {
        const handle = await open(file, READ_FLAGS);
        try {
          text = await handle.readFile('utf8');
        } finally {
          await handle.close();
        }
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return undefined;
        if (code === 'ELOOP')
          throw new TokenCacheProblem(
            `The token cache file ${file} is a symbolic link; remove it (the gateway writes its own file there).`,
          );
        throw error;
      }
      if (!isEncryptedTokenCache(text)) return text;
      return decryptTokenCache(text, { file, name, key: options.encryptionKey });
    },
    async write(serialized) {
      checkFolder(path.dirname(file));
      const content = options.encryptionKey ? encryptTokenCache(serialized, name, options.encryptionKey) : serialized;
      const temporary = temporaryName(file);
      const handle = await open(temporary, CREATE_FLAGS, 0o600);
      try {
        try {
          await handle.writeFile(content, 'utf8');
          await handle.sync();
        } finally {
          await handle.close();
        }
        // rename replaces whatever is at the path (a link included) without following it.
        await rename(temporary, file);
      } catch (error) {
        await unlink(temporary).catch(() => undefined);
        throw error;
      }
    },
  };
}

/** msal-node's cache plugin over a store: load before each access, save after a change. */
export function createCachePlugin(store: TokenCacheStore): ICachePlugin {
  return {
    async beforeCacheAccess(context) {
      const serialized = await store.read();
      if (serialized) context.tokenCache.deserialize(serialized);
    },
    async afterCacheAccess(context) {
      if (context.cacheHasChanged) await store.write(context.tokenCache.serialize());
    },
  };
}
