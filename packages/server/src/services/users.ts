import { ROLES, type Role } from '@sori/protocol';
import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { errors } from '../errors.js';
import { hashPassword, newId, randomToken, sha256 } from './secrets.js';

export { ROLES, type Role };

/** A user (a staff person) with a role. */
export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  department: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const USER_COLUMNS = ['users.id', 'users.email', 'users.name', 'users.role', 'users.department'] as const;

function isRole(role: string): role is Role {
  return (ROLES as readonly string[]).includes(role);
}

/** Creates a user; the password is kept as a scrypt hash. */
export async function createUser(
  db: Kysely<Database>,
  input: { email: string; role: string; password: string; name?: string | undefined; department?: string | undefined },
): Promise<User> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw errors.invalid(`"${input.email}" is not an email address`, 'email');
  if (!isRole(input.role)) throw errors.invalid(`Role must be one of ${ROLES.join(', ')}`, 'role');
  if (input.password.length < 10) throw errors.invalid('A password needs at least 10 characters', 'password');
  const existing = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  const taken = () => errors.conflict(`A user with email ${email} already exists`, 'email');
  if (existing) throw taken();
  const user: User = {
    id: newId(),
    email,
    name: input.name?.trim() || email.split('@')[0] || email,
    role: input.role,
    department: input.department ?? null,
  };
  const password_hash = await hashPassword(input.password);
  try {
    await db.insertInto('users').values({ ...user, password_hash, created_at: new Date().toISOString() }).execute();
  } catch (error) {
    // Another request added the same email since the check above (hashing takes a while).
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
  return user;
}

/** Every user, by name (to assign submissions to). */
export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  return db.selectFrom('users').select(USER_COLUMNS).orderBy('name').execute();
}

/** Creates an API token for a user. The token is returned once; only its hash is kept. */
export async function createApiToken(
  db: Kysely<Database>,
  input: { userEmail: string; name?: string | undefined },
): Promise<{ token: string; user: User }> {
  const user = await findUserByEmail(db, input.userEmail);
  if (!user) throw errors.notFound(`User ${input.userEmail}`);
  const token = randomToken('sori_');
  await db
    .insertInto('api_tokens')
    .values({
      id: newId(),
      user_id: user.id,
      token_hash: sha256(token),
      name: input.name ?? 'api',
      created_at: new Date().toISOString(),
      last_used_at: null,
    })
    .execute();
  return { token, user };
}

/** Finds a user by email. */
export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<User | undefined> {
  return db.selectFrom('users').select(USER_COLUMNS).where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

/** The user an API token belongs to, or `undefined`. */
export async function findUserByToken(db: Kysely<Database>, token: string): Promise<User | undefined> {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(USER_COLUMNS)
    .where('api_tokens.token_hash', '=', sha256(token))
    .executeTakeFirst();
}
