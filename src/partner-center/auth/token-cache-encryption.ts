import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Something wrong with the token cache the operator must fix, said in one line. */
export class TokenCacheProblem extends Error {
  override readonly name = 'TokenCacheProblem';
}

/** The first bytes of an encrypted token cache file; the rest is base64 of nonce, tag and ciphertext. */
const PREFIX = 'mpa-token-cache:aes-256-gcm:';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** The environment variable that holds the key (README, Configuration). */
export const TOKEN_CACHE_KEY_ENV = 'MPA_TOKEN_CACHE_KEY';

export function isEncryptedTokenCache(text: string): boolean {
  return text.startsWith(PREFIX);
}

/**
 * The serialized cache encrypted with AES-256-GCM under a fresh random nonce; the file's name
 * (its region) is authenticated with it, so a file copied over another region's is refused.
 */
export function encryptTokenCache(serialized: string, name: string, key: Buffer): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(name, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(serialized, 'utf8'), cipher.final()]);
  return `${PREFIX}${Buffer.concat([nonce, cipher.getAuthTag(), ciphertext]).toString('base64')}`;
}

/** The serialized cache from an encrypted file's text; a missing or wrong key, or an altered file, is a TokenCacheProblem. */
export function decryptTokenCache(text: string, where: { file: string; name: string; key: Buffer | undefined }): string {
  if (!where.key)
    throw new TokenCacheProblem(
      `The token cache file ${where.file} is encrypted; set ${TOKEN_CACHE_KEY_ENV} to the key it was written with.`,
    );
  const sealed = Buffer.from(text.slice(PREFIX.length).trim(), 'base64');
  try {
    if (sealed.length < NONCE_BYTES + TAG_BYTES) throw new Error('too short');
    const decipher = createDecipheriv('aes-256-gcm', where.key, sealed.subarray(0, NONCE_BYTES));
    decipher.setAAD(Buffer.from(where.name, 'utf8'));
    decipher.setAuthTag(sealed.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new TokenCacheProblem(
      `The token cache file ${where.file} cannot be decrypted with ${TOKEN_CACHE_KEY_ENV} (another key, or the file was altered); sign in again with npm run login.`,
    );
  }
}

/** The 32-byte key from its text: 64 hex digits or base64 of 32 bytes; undefined when it is neither. */
export function parseTokenCacheKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]{42,44}={0,2}$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (bytes.length === 32) return bytes;
  }
  return undefined;
}
