import { CspRegion } from '../partner-center/csp-region';
import { createLocalClock } from '../status-cache/memory-status-store';
import { DirectoryStore, StoredDirectory, startedBefore } from './directory-store';

const ALWAYS_CLAIMED = { claimed: true as const, settle: () => Promise.resolve() };

/** The lists of one replica. Alone it serves one replica; it is also Redis's fallback. */
export function createMemoryDirectoryStore(): DirectoryStore {
  const lists = new Map<CspRegion, StoredDirectory>();
  const now = createLocalClock();
  return {
    clock: () => Promise.resolve({ at: now() }),
    read: (region) => Promise.resolve(lists.get(region)),
    write: (region, directory) => {
      const held = lists.get(region);
      if (held && startedBefore(directory, held)) return Promise.resolve('superseded');
      lists.set(region, directory);
      return Promise.resolve('written');
    },
    // One process: the directory's own single-flight is all the coordination needed.
    claim: () => Promise.resolve(ALWAYS_CLAIMED),
    whenReady: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}
