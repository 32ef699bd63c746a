import type { AdminUser, UserInviteInput, UserUpdateInput } from '@sori/protocol';
import type { Kysely, Selectable } from 'kysely';
import type { Database, UserTable } from '../db/schema.js';
import { errors } from '../errors.js';
import { diff, recordChange, type Actor } from './audit.js';
import { hashPassword, randomToken, sha256, verifyPassword } from './secrets.js';
import { assertSitesExist, createUser, type User } from './users.js';

/**
 * Staff as admins manage them: invite (with a password or a one-time setup token), role,
 * department, site membership, alerts, disabling (which ends sessions and stops tokens at once),
 * and passwords. Each change is audited.
 */

/** How long an invited user's setup token works. */
export const SETUP_TTL_MS = 7 * 24 * 60 * 60_000;

async function siteIdsByUser(db: Kysely<Database>, userIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return map;
  const rows = await db.selectFrom('user_sites').select(['user_id', 'site_id']).where('user_id', 'in', userIds).orderBy('site_id').execute();
  for (const row of rows) map.get(row.user_id)?.push(row.site_id);
  return map;
}

function toAdminUser(row: Selectable<UserTable>, siteIds: string[]): AdminUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    department: row.department,
    siteIds,
    disabled: row.disabled_at !== null,
    alerts: Number(row.alerts) === 1,
    passwordSet: row.password_hash !== '',
    createdAt: row.created_at,
  };
}

/** Every user with what admins manage of them, by name. */
export async function listStaff(db: Kysely<Database>): Promise<AdminUser[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('name').execute();
  const sites = await siteIdsByUser(db, rows.map((r) => r.id));
  return rows.map((row) => toAdminUser(row, sites.get(row.id) ?? []));
}

/** One user as admins see them, by id or email; 404 naming what was looked for. */
export async function findStaff(db: Kysely<Database>, idOrEmail: string): Promise<AdminUser> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrEmail), eb('email', '=', idOrEmail.trim().toLowerCase())]))
    .executeTakeFirst();
  if (!row) throw errors.notFound(`User ${idOrEmail}`);
  return toAdminUser(row, (await siteIdsByUser(db, [row.id])).get(row.id) ?? []);
}

async function newSetupToken(db: Kysely<Database>, userId: string): Promise<string> {
  const token = randomToken('setup_');
  await db
    .updateTable('users')
    .set({ setup_token_hash: sha256(token), setup_expires_at: new Date(Date.now() + SETUP_TTL_MS).toISOString() })
    .where('id', '=', userId)
    .execute();
  return token;
}

/** Invites a user: with a password, or answering a setup token (shown once) they set theirs with. */
export async function inviteUser(db: Kysely<Database>, input: UserInviteInput, actor: Actor): Promise<{ user: AdminUser; setupToken?: string }> {
  const created = await createUser(db, input);
  if (input.alerts === false) await db.updateTable('users').set({ alerts: 0 }).where('id', '=', created.id).execute();
  const setupToken = input.password === undefined ? await newSetupToken(db, created.id) : undefined;
  const user = await findStaff(db, created.id);
  const { createdAt: _, passwordSet: __, ...shown } = user;
  await recordChange(db, actor, { subject: 'user', subjectId: user.id, action: 'created', changes: diff({}, shown) });
  return { user, ...(setupToken ? { setupToken } : {}) };
}

/** Changes a user. Disabling deletes their sessions: every open console of theirs is signed out at once. */
export async function updateStaff(db: Kysely<Database>, id: string, patch: UserUpdateInput, actor: Actor): Promise<AdminUser> {
  const before = await findStaff(db, id);
  if (actor !== 'cli' && actor.id === before.id && (patch.disabled === true || (patch.role && patch.role !== 'admin'))) {
    throw errors.invalid('You cannot disable yourself or take your own admin role: ask another admin', patch.disabled ? 'disabled' : 'role');
  }
  if (patch.siteIds) await assertSitesExist(db, patch.siteIds);
  await db.transaction().execute(async (trx) => {
    const set: Partial<Selectable<UserTable>> = {};
    if (patch.name !== undefined) set.name = patch.name.trim();
    if (patch.role !== undefined) set.role = patch.role;
    if (patch.department !== undefined) set.department = patch.department;
    if (patch.alerts !== undefined) set.alerts = patch.alerts ? 1 : 0;
    if (patch.disabled === true && !before.disabled) set.disabled_at = new Date().toISOString();
    if (patch.disabled === false) set.disabled_at = null;
    if (Object.keys(set).length > 0) await trx.updateTable('users').set(set).where('id', '=', before.id).execute();
    if (patch.disabled === true) await trx.deleteFrom('sessions').where('user_id', '=', before.id).execute();
    if (patch.siteIds) {
      await trx.deleteFrom('user_sites').where('user_id', '=', before.id).execute();
      if (patch.siteIds.length > 0) await trx.insertInto('user_sites').values(patch.siteIds.map((site_id) => ({ user_id: before.id, site_id }))).execute();
    }
  });
  const after = await findStaff(db, before.id);
  const action = patch.disabled === true && !before.disabled ? 'disabled' : patch.disabled === false && before.disabled ? 'enabled' : 'updated';
  await recordChange(db, actor, { subject: 'user', subjectId: before.id, action, changes: diff(before, after) });
  return after;
}

/** An admin resets another's password: sets `password`, or answers a new setup token. The user's sessions end. */
export async function resetPassword(db: Kysely<Database>, id: string, password: string | undefined, actor: Actor): Promise<{ setupToken?: string }> {
  const user = await findStaff(db, id);
  if (password !== undefined && password.length < 10) throw errors.invalid('A password needs at least 10 characters', 'password');
  const password_hash = password === undefined ? '' : await hashPassword(password);
  await db.updateTable('users').set({ password_hash, setup_token_hash: null, setup_expires_at: null }).where('id', '=', user.id).execute();
  await db.deleteFrom('sessions').where('user_id', '=', user.id).execute();
  const setupToken = password === undefined ? await newSetupToken(db, user.id) : undefined;
  await recordChange(db, actor, { subject: 'user', subjectId: user.id, action: 'password_reset' });
  return setupToken ? { setupToken } : {};
}

/** A user changes their own password: the current one is needed; their other sessions end. */
export async function changeOwnPassword(
  db: Kysely<Database>,
  user: User,
  input: { currentPassword: string; newPassword: string },
  keepSessionHash?: string,
): Promise<void> {
  const userId = user.id;
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow();
  if (!row.password_hash || !(await verifyPassword(input.currentPassword, row.password_hash))) {
    throw errors.invalid('The current password is wrong', 'currentPassword');
  }
  if (input.newPassword.length < 10) throw errors.invalid('A password needs at least 10 characters', 'newPassword');
  await db.updateTable('users').set({ password_hash: await hashPassword(input.newPassword) }).where('id', '=', userId).execute();
  let others = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSessionHash) others = others.where('token_hash', '!=', keepSessionHash);
  await others.execute();
  await recordChange(db, user, { subject: 'user', subjectId: userId, action: 'password_changed' });
}

/** An invited (or reset) user sets their password with their setup token, once. */
export async function setUpPassword(db: Kysely<Database>, token: string, password: string): Promise<void> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'setup_expires_at', 'disabled_at'])
    .where('setup_token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || !row.setup_expires_at || row.setup_expires_at < new Date().toISOString() || row.disabled_at !== null) {
    throw errors.invalid('This setup link is unknown, used or expired: ask an admin for a new one', 'token');
  }
  if (password.length < 10) throw errors.invalid('A password needs at least 10 characters', 'password');
  await db
    .updateTable('users')
    .set({ password_hash: await hashPassword(password), setup_token_hash: null, setup_expires_at: null })
    .where('id', '=', row.id)
    .execute();
}

/** Whether a user gets staff alerts, and changing it (their own setting). */
export async function alertsPreference(db: Kysely<Database>, userId: string, alerts?: boolean): Promise<{ alerts: boolean }> {
  if (alerts !== undefined) await db.updateTable('users').set({ alerts: alerts ? 1 : 0 }).where('id', '=', userId).execute();
  const row = await db.selectFrom('users').select('alerts').where('id', '=', userId).executeTakeFirstOrThrow();
  return { alerts: Number(row.alerts) === 1 };
}
