import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadGatewayConfig } from '../../src/config/gateway-config';
import { compiledGateway } from '../support/compiled-gateway';
import { runToEnd } from '../support/processes';

/**
 * A user name or password written into a URL the gateway calls would go out with every call (as
 * Basic credentials), and into every message that repeats the URL. Only Redis takes them: its
 * password is how the gateway signs in. Every other URL key refuses them at start, naming the key
 * and where it was set, and repeating neither the URL nor what was in it.
 */

const USER = 'svc-user-Tq3m';
const PASSWORD = 'url-pass-Wk8Zr5Lb2';
const HOST = 'creds-host.example';
const withCredentials = (scheme: string, rest: string) => `${scheme}://${USER}:${PASSWORD}@${HOST}${rest}`;

/** Each URL key, its variable, a URL with credentials, what else it needs to be checked, and why it takes none. */
const URL_KEYS: Array<[string, string, string, NodeJS.ProcessEnv, string]> = [
  [
    'partnerCenter.baseUrl',
    'MPA_PARTNER_CENTER_BASE_URL',
    withCredentials('https', ''),
    {},
    "Partner Center calls carry the region account's token",
  ],
  ['auth.authorityHost', 'MPA_AUTHORITY_HOST', withCredentials('https', ''), {}, "the account's client secret or certificate"],
  [
    'clientAuth.jwt.jwksUrl',
    'MPA_CLIENT_JWT_JWKS_URL',
    withCredentials('https', '/keys'),
    { MPA_CLIENT_JWT_ISSUER: 'https://issuer.example/', MPA_CLIENT_JWT_AUDIENCE: 'api://mpa' },
    'public keys',
  ],
  ['tracing.endpoint', 'MPA_TRACING_ENDPOINT', withCredentials('https', '/v1/traces'), {}, 'OTEL_EXPORTER_OTLP_TRACES_HEADERS'],
];

function refusal(env: NodeJS.ProcessEnv): string {
  try {
    loadGatewayConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

const expectNothingRepeated = (message: string) => {
  for (const part of [PASSWORD, encodeURIComponent(PASSWORD), USER, HOST]) expect(message).not.toContain(part);
};

describe('Credentials in a configured URL', () => {
  it.each(URL_KEYS)('%s with a user name and password (from %s) is refused, naming the key only', (key, variable, url, needs, why) => {
    const message = refusal({ ...needs, [variable]: url });
    const line = message.split('\n').find((text) => text.includes(key));
    expect(line).toBe(
      `Invalid configuration: ${key} (from the environment variable ${variable}; its value is not repeated here) must not hold a user name or password: ${line?.split('password: ')[1]}`,
    );
    expect(line).toContain(why);
    expectNothingRepeated(message);
  });

  it.each(URL_KEYS)('%s with only a user name, or only a password, in the file is refused too', (key, _variable, url, needs) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mpa-url-credentials-'));
    const file = path.join(dir, 'config.json');
    const [first, ...rest] = key.split('.');
    const nested = (value: string) =>
      [first, ...rest].reduceRight<unknown>((inner, name) => ({ [name]: inner }), value) as Record<string, unknown>;
    for (const written of [url.replace(`:${PASSWORD}@`, '@'), url.replace(`${USER}:`, ':')]) {
      const config = nested(written);
      if (key === 'clientAuth.jwt.jwksUrl')
        Object.assign((config.clientAuth as { jwt: object }).jwt, { issuer: 'https://i.example/', audience: 'a' });
      writeFileSync(file, JSON.stringify(config));
      const message = refusal({ ...needs, MPA_CONFIG_FILE: file });
      expect(message).toContain(`${key} (from the file ${file}; its value is not repeated here) must not hold a user name or password`);
      expectNothingRepeated(message);
    }
  });

  it('still takes URLs without credentials, and a Redis URL with a password', () => {
    const config = loadGatewayConfig({
      MPA_PARTNER_CENTER_BASE_URL: `https://${HOST}`,
      MPA_AUTHORITY_HOST: `https://login.${HOST}`,
      MPA_TRACING_ENDPOINT: `https://${HOST}:4318/v1/traces`,
      MPA_REDIS_URL: `redis://default:${PASSWORD}@127.0.0.1:6379/0`,
    });
    expect(config.partnerCenter.baseUrl).toBe(`https://${HOST}`);
    expect(config.cache.redisUrl).toBe(`redis://default:${PASSWORD}@127.0.0.1:6379/0`);
  });

  it('stops npm start in one line, before anything is called', async () => {
    const script = path.join(await compiledGateway(), 'src', 'main.js');
    const { code, stdout, stderr } = await runToEnd(process.execPath, [script], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', MPA_PARTNER_CENTER_BASE_URL: withCredentials('https', '') },
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^Invalid configuration: partnerCenter\.baseUrl \(from the environment variable MPA_PARTNER_CENTER_BASE_URL; its value is not repeated here\) must not hold a user name or password: [^\n]+\n$/,
    );
    expectNothingRepeated(stdout + stderr);
  });
});
