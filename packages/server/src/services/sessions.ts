import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { errors } from '../errors.js';
import { randomToken, sha256, UNKNOWN_USER_HASH, verifyPassword } from './secrets.js';
import type { User } from './users.js';

/** How long a console session lasts. */
export const SESSION_TTL_MS = 12 * 60 * 60_000;

/** A new console session: the cookie value (shown once) and its CSRF token. */
export interface NewSession {
  token: string;
  csrfToken: string;
  user: User;
  expiresAt: string;
}

/**
 * Signs a user in with email and password. A wrong email and a wrong password get the same error
 * after the same scrypt work, so neither the answer nor its timing tells which emails exist.
 */
export async function signIn(db: Kysely<Database>, email: string, password: string): Promise<NewSession> {
  const found = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'department', 'password_hash', 'disabled_at'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  // An invited user who has not set a password yet has none to match (the same work is done).
  const matches = await verifyPassword(password, found?.password_hash || UNKNOWN_USER_HASH);
  if (!found || !found.password_hash || !matches) throw errors.unauthorized('Wrong email or password');
  if (found.disabled_at !== null) throw errors.unauthorized('This user is disabled: ask an admin');
  const token = randomToken();
  const csrfToken = randomToken();
  const now = Date.now();
  const expiresAt = new Date(now + SESSION_TTL_MS).toISOString();
  await db.deleteFrom('sessions').where('expires_at', '<', new Date(now).toISOString()).execute();
  await db
    .insertInto('sessions')
    .values({ token_hash: sha256(token), user_id: found.id, csrf_token: csrfToken, created_at: new Date(now).toISOString(), expires_at: expiresAt })
    .execute();
  const { password_hash: _, disabled_at: __, ...user } = found;
  return { token, csrfToken, user, expiresAt };
}

/** The user and CSRF token of a live session, or `undefined`. */
export async function findSession(db: Kysely<Database>, token: string): Promise<{ user: User; csrfToken: string } | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.role', 'users.department', 'sessions.csrf_token', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', sha256(token))
    // A disabled user's sessions are deleted; this keeps one that raced the disabling out too.
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row || row.expires_at < new Date().toISOString()) return undefined;
  const { csrf_token, expires_at: _, ...user } = row;
  return { user, csrfToken: csrf_token };
}

/** Ends a session. */
export async function signOut(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', sha256(token)).execute();
}
