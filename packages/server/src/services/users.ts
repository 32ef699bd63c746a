import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { errors } from '../errors.js';
import { hashPassword, newId, randomToken, sha256 } from './secrets.js';

/** Staff roles: admins manage sites and people; agents work the queue. */
export const ROLES = ['admin', 'agent'] as const;
export type Role = (typeof ROLES)[number];

/** A signed-in staff member. */
export interface Staff {
  id: string;
  email: string;
  name: string;
  role: Role;
  department: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Creates a staff user; the password is kept as a scrypt hash. */
export async function createUser(
  db: Kysely<Database>,
  input: { email: string; role: string; password: string; name?: string; department?: string },
): Promise<Staff> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw errors.invalid(`"${input.email}" is not an email address`, 'email');
  if (!ROLES.includes(input.role as Role)) throw errors.invalid(`Role must be one of ${ROLES.join(', ')}`, 'role');
  if (input.password.length < 10) throw errors.invalid('A password needs at least 10 characters', 'password');
  const existing = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (existing) throw errors.conflict(`A user with email ${email} already exists`, 'email');
  const staff: Staff = {
    id: newId(),
    email,
    name: input.name?.trim() || email.split('@')[0] || email,
    role: input.role as Role,
    department: input.department ?? null,
  };
  await db
    .insertInto('users')
    .values({ ...staff, password_hash: await hashPassword(input.password), created_at: new Date().toISOString() })
    .execute();
  return staff;
}

/** Creates an API token for a user. The token is returned once; only its hash is kept. */
export async function createApiToken(
  db: Kysely<Database>,
  input: { userEmail: string; name?: string },
): Promise<{ token: string; user: Staff }> {
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
export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<Staff | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'department'])
    .where('email', '=', email.trim().toLowerCase())
    .$narrowType<{ role: Role }>()
    .executeTakeFirst();
}

/** The staff member an API token belongs to, or `undefined`. */
export async function findStaffByToken(db: Kysely<Database>, token: string): Promise<Staff | undefined> {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.role', 'users.department'])
    .where('api_tokens.token_hash', '=', sha256(token))
    .$narrowType<{ role: Role }>()
    .executeTakeFirst();
}
