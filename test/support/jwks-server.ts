import http from 'node:http';
import { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, KeyLike } from 'jose';

/** An identity provider's JWKS endpoint on 127.0.0.1, and a way to mint tokens. */
export interface JwksServer {
  readonly jwksUrl: string;
  readonly issuer: string;
  sign(
    claims: Record<string, unknown>,
    options?: { expiresIn?: string; issuer?: string; audience?: string; key?: 'known' | 'unknown' },
  ): Promise<string>;
  close(): Promise<void>;
}

export async function startJwksServer(audience: string): Promise<JwksServer> {
  const known = await generateKeyPair('RS256');
  const unknown = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(known.publicKey)), kid: 'known-key', alg: 'RS256', use: 'sig' };
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${base}/issuer`;
  return {
    jwksUrl: `${base}/jwks`,
    issuer,
    async sign(claims, options = {}) {
      const key: KeyLike = options.key === 'unknown' ? unknown.privateKey : known.privateKey;
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: options.key === 'unknown' ? 'unknown-key' : 'known-key' })
        .setIssuer(options.issuer ?? issuer)
        .setAudience(options.audience ?? audience)
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '5m')
        .sign(key);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
