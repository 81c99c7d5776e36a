import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';

/**
 * Which life of the Redis data set a question was asked in. Redis can lose everything it holds
 * (FLUSHALL, a restart without persistence, a failover to an empty replica), and with it the
 * marks that say how new each stored answer or list is: an answer to a question asked before
 * the loss would then be written over nothing and replace a newer one that was lost (a
 * recheck's). So the time a question is asked is read together with the data set's generation,
 * a random id kept in Redis and made anew when it is missing, and a write is dropped in Redis
 * when the generation it was asked in is no longer there.
 */
export interface SharedTime {
  /** Microseconds on Redis's clock (`TIME`). */
  readonly at: number;
  /** The data set's generation when the time was read. */
  readonly generation: string;
}

/** The key holding the generation, one per key prefix (with its format version). */
export const generationKey = (prefix: string): string => `${prefix}generation`;

// KEYS[1] the generation; ARGV[1] a new generation, kept when none is there. Returns seconds, microseconds, generation.
const TIME_AND_GENERATION = `
local generation = redis.call('get', KEYS[1])
if not generation then
  generation = ARGV[1]
  redis.call('set', KEYS[1], generation)
end
local t = redis.call('time')
return {t[1], t[2], generation}`;

/** Redis's time and the data set's generation, read in one step. */
export async function readSharedTime(client: Redis, prefix: string): Promise<SharedTime> {
  const [seconds, micros, generation] = (await client.eval(TIME_AND_GENERATION, 1, generationKey(prefix), randomUUID())) as [
    string | number,
    string | number,
    string,
  ];
  return { at: Number(seconds) * 1_000_000 + Number(micros), generation };
}

/**
 * A Lua guard for write scripts: returns `lost` from the script when the generation key
 * (`KEYS[keyIndex]`) no longer holds the generation the question was asked in (`ARGV[argIndex]`).
 */
export const unlessSameGeneration = (keyIndex: number, argIndex: number, lost: string): string =>
  `if redis.call('get', KEYS[${keyIndex}]) ~= ARGV[${argIndex}] then return ${lost} end`;
