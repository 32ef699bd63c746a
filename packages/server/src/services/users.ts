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
  /**
   * The sites an agent belongs to, as {@link authorizeUser} loaded them for this request. An
   * agent without them sees no site; an admin sees every site whatever they hold.
   */
  siteIds?: string[];
}

/** How often a token's `last_used_at` is written at most: reads stay reads. */
const LAST_USED_EVERY_MS = 60_000;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const USER_COLUMNS = ['users.id', 'users.email', 'users.name', 'users.role', 'users.department'] as const;

function isRole(role: string): role is Role {
  return (ROLES as readonly string[]).includes(role);
}

/** Creates a user; the password is kept as a scrypt hash. */
export async function createUser(
  db: Kysely<Database>,
  input: {
    email: string;
    role: string;
    /** Left out: the user sets one with a setup token (see `inviteUser`); until then nobody can sign in as them. */
    password?: string | undefined;
    name?: string | undefined;
    department?: string | undefined;
    /** The sites the user belongs to. @default [] */
    siteIds?: readonly string[] | undefined;
  },
): Promise<User> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw errors.invalid(`"${input.email}" is not an email address`, 'email');
  if (!isRole(input.role)) throw errors.invalid(`Role must be one of ${ROLES.join(', ')}`, 'role');
  if (input.password !== undefined && input.password.length < 10) throw errors.invalid('A password needs at least 10 characters', 'password');
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
  const siteIds = [...new Set(input.siteIds ?? [])];
  await assertSitesExist(db, siteIds);
  const password_hash = input.password === undefined ? '' : await hashPassword(input.password);
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('users').values({ ...user, password_hash, created_at: new Date().toISOString() }).execute();
      if (siteIds.length > 0) await trx.insertInto('user_sites').values(siteIds.map((site_id) => ({ user_id: user.id, site_id }))).execute();
    });
  } catch (error) {
    // Another request added the same email since the check above (hashing takes a while).
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
  return user;
}

/** Refuses site ids that name no site, naming the field. */
export async function assertSitesExist(db: Kysely<Database>, siteIds: readonly string[]): Promise<void> {
  if (siteIds.length === 0) return;
  const found = new Set((await db.selectFrom('sites').select('id').where('id', 'in', [...siteIds]).execute()).map((r) => r.id));
  const unknown = siteIds.find((id) => !found.has(id));
  if (unknown !== undefined) throw errors.invalid(`No site has id ${unknown}`, 'siteIds');
}

/** Every user who is not disabled, by name (to assign submissions to). */
export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  return db.selectFrom('users').select(USER_COLUMNS).where('disabled_at', 'is', null).orderBy('name').execute();
}

/** Creates an API token for a user. The token is returned once; only its hash is kept. */
export async function createApiToken(
  db: Kysely<Database>,
  input: { userEmail: string; name?: string | undefined; expiresAt?: string | undefined },
): Promise<{ token: string; user: User; id: string }> {
  const user = await findUserByEmail(db, input.userEmail);
  if (!user) throw errors.notFound(`User ${input.userEmail}`);
  if (input.expiresAt !== undefined && !(Date.parse(input.expiresAt) > Date.now())) {
    throw errors.invalid('"expiresAt" must be a time in the future', 'expiresAt');
  }
  const token = randomToken('sori_');
  const id = newId();
  await db
    .insertInto('api_tokens')
    .values({
      id,
      user_id: user.id,
      token_hash: sha256(token),
      name: input.name ?? 'api',
      created_at: new Date().toISOString(),
      last_used_at: null,
      expires_at: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
    })
    .execute();
  return { token, user, id };
}

/** Finds a user by email. */
export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<User | undefined> {
  return db.selectFrom('users').select(USER_COLUMNS).where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

/**
 * The user an API token belongs to, or `undefined` when the token is unknown, revoked, expired or
 * its user disabled. Marks the token used, at most once a minute.
 */
export async function findUserByToken(db: Kysely<Database>, token: string, now = new Date()): Promise<User | undefined> {
  const at = now.toISOString();
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([...USER_COLUMNS, 'api_tokens.id as tokenId', 'api_tokens.last_used_at'])
    .where('api_tokens.token_hash', '=', sha256(token))
    .where('users.disabled_at', 'is', null)
    .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', at)]))
    .executeTakeFirst();
  if (!row) return undefined;
  const { tokenId, last_used_at, ...user } = row;
  if (!last_used_at || Date.parse(last_used_at) <= now.getTime() - LAST_USED_EVERY_MS) {
    await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', tokenId).execute();
  }
  return user;
}
