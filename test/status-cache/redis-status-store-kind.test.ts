import pino from 'pino';
import { createMemoryStatusStore } from '../../src/status-cache/memory-status-store';
import { StatusAnswerKind, createRedisStatusStore } from '../../src/status-cache/redis-status-store';

describe('Redis status store options', () => {
  it('refuses a kind of answer it does not know, naming it, before it connects', () => {
    const create = () =>
      createRedisStatusStore({
        url: 'redis://127.0.0.1:9',
        kind: 'por' as StatusAnswerKind,
        fallback: createMemoryStatusStore(),
        logger: pino({ level: 'silent' }),
      });
    expect(create).toThrow(new TypeError('kind must be one of agreement, partner-of-record, got por'));
  });
});
