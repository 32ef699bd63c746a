import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;

/** SHA-256 in hex: how reporter secrets, API tokens and stream tickets are kept at rest. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A random token: `prefix` + 32 bytes in base64url. */
export function randomToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export { newId, trackingNumber } from './ids.js';

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 };

/** Hashes a staff password with scrypt and a random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/**
 * A hash of a password nobody knows (made once with {@link hashPassword} from random bytes that
 * were then thrown away): what a sign-in for an unknown email is checked against, so that it
 * costs the same scrypt work as a wrong password and its timing does not tell which emails exist.
 */
export const UNKNOWN_USER_HASH = 'scrypt$16384$8$1$fuf6tCMhJVLdgQZUsygokw$TKyPAz0o6l6FWhzPTxb7FhY0tOq0ZDUxp0J1wcaAFCM';

/** Checks a password against {@link hashPassword}'s output in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(actual, expected);
}
