import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ICachePlugin } from '@azure/msal-node';

/** Where an account's msal token cache (refresh token included) is kept between restarts. */
export interface TokenCacheStore {
  /** The serialized cache, or undefined when nothing was stored yet. */
  read(): Promise<string | undefined>;
  write(serialized: string): Promise<void>;
  /** Where it lives, for operator messages (never the content). */
  readonly location: string;
}

/**
 * A token cache in a file readable by its owner only (0600, in a 0700 folder), replaced
 * atomically so a crash never leaves half a cache.
 */
export function createFileTokenCacheStore(file: string): TokenCacheStore {
  return {
    location: file,
    async read() {
      try {
        return await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async write(serialized) {
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, serialized, { mode: 0o600 });
      await chmod(temporary, 0o600);
      await rename(temporary, file);
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
