import { leakedSecrets } from './secret-search';

describe('leakedSecrets (what the secret tests search with)', () => {
  const SECRET = 'pass/word+Ke7&Xq=Lm9 Zt4';
  const secrets = { redisPassword: SECRET };

  it.each([
    ['as written', `connect to redis://default:${SECRET}@cache`],
    ['URL-encoded', `redis://default:${encodeURIComponent(SECRET)}@cache`],
    ['as a form value', `client_secret=${encodeURIComponent(SECRET).replace(/%20/g, '+')}&grant_type=x`],
    ['JSON-escaped', JSON.stringify({ message: `said "${SECRET}"` })],
    ...[0, 1, 2].map((offset): [string, string] => [
      `in base64 after ${offset} other bytes`,
      `Basic ${Buffer.from(`${'u'.repeat(offset)}:${SECRET}:tail`).toString('base64')}`,
    ]),
    ['in base64url inside a JSON payload', Buffer.from(JSON.stringify({ pw: SECRET })).toString('base64url')],
  ])('finds a secret %s, by name', (_label, text) => {
    expect(leakedSecrets(text, secrets)).toEqual(['redisPassword']);
  });

  it('finds a JWT, and nothing in text without a secret', () => {
    expect(leakedSecrets('Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln', {})).toEqual(['jwt']);
    expect(leakedSecrets('redis://[redacted]@cache: WRONGPASS', secrets)).toEqual([]);
  });
});
