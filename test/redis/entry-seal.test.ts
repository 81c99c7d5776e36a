import { ConfigError, loadGatewayConfig } from '../../src/config/gateway-config';
import { createEntrySeal } from '../../src/redis/entry-seal';

const SECRET = 'a-shared-secret-of-at-least-32-characters';

describe('Signed Redis entries (cache.redisSigningKey)', () => {
  it('opens what it sealed under the same key', () => {
    const seal = createEntrySeal({ secret: SECRET });
    expect(seal.open('k', seal.seal('k', '{"a":1}'))).toBe('{"a":1}');
  });

  it('refuses, and counts, a text moved to another key, altered, unsigned or signed with another secret', () => {
    let rejected = 0;
    const seal = createEntrySeal({ secret: SECRET, onRejected: () => (rejected += 1) });
    const sealed = seal.seal('mpa:v3:status:a', '{"signed":false}');
    const other = createEntrySeal({ secret: `${SECRET}-other` }).seal('mpa:v3:status:a', '{"signed":true}');
    expect(seal.open('mpa:v3:status:b', sealed)).toBeUndefined();
    expect(seal.open('mpa:v3:status:a', sealed.replace('false', 'true'))).toBeUndefined();
    expect(seal.open('mpa:v3:status:a', '{"signed":true}')).toBeUndefined();
    expect(seal.open('mpa:v3:status:a', other)).toBeUndefined();
    expect(rejected).toBe(4);
  });

  it('refuses, and counts, a text sealed in another context under the same key', () => {
    let rejected = 0;
    const verdicts = createEntrySeal({ secret: SECRET, context: 'partner-of-record' });
    const answers = createEntrySeal({ secret: SECRET, context: 'agreement', onRejected: () => (rejected += 1) });
    const sealed = verdicts.seal('k', '{"signed":true}');
    expect(verdicts.open('k', sealed)).toBe('{"signed":true}');
    expect(answers.open('k', sealed)).toBeUndefined();
    expect(createEntrySeal({ secret: SECRET }).open('k', sealed)).toBeUndefined();
    expect(rejected).toBe(1);
  });

  it('stores texts as they are without a secret', () => {
    const seal = createEntrySeal();
    expect(seal.seal('k', 'text')).toBe('text');
    expect(seal.open('k', 'text')).toBe('text');
  });

  it('refuses a short secret at start, naming the key and never showing the value', () => {
    const load = () => loadGatewayConfig({ MPA_REDIS_SIGNING_KEY: 'short-secret-value' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/cache\.redisSigningKey .*MPA_REDIS_SIGNING_KEY.*at least 32 characters/);
    expect(load).not.toThrow(/short-secret-value/);
  });
});
