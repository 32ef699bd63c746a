import type { ApiToken } from '@sori/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { errors } from '../errors.js';
import { recordChange, type Actor } from './audit.js';

/** API tokens as listed: never the token, only what it is, whose, and when it was last used. */

/** Tokens of one user, or of everyone (`userId` left out), newest first. */
export async function listApiTokens(db: Kysely<Database>, userId?: string, now = new Date()): Promise<ApiToken[]> {
  let q = db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'api_tokens.user_id',
      'api_tokens.created_at',
      'api_tokens.last_used_at',
      'api_tokens.expires_at',
      'users.name as user_name',
      'users.email as user_email',
      'users.disabled_at',
    ]);
  if (userId !== undefined) q = q.where('api_tokens.user_id', '=', userId);
  const rows = await q.orderBy('api_tokens.created_at', 'desc').orderBy('api_tokens.id').execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    userId: row.user_id,
    userName: row.user_name,
    userEmail: row.user_email,
    createdAt: row.created_at,
    ...(row.last_used_at ? { lastUsedAt: row.last_used_at } : {}),
    ...(row.expires_at ? { expiresAt: row.expires_at } : {}),
    active: row.disabled_at === null && (row.expires_at === null || row.expires_at > now.toISOString()),
  }));
}

/**
 * Revokes a token at once (the row is deleted: the next request with it is 401). `ownerId` limits
 * it to that user's tokens (an agent revoking their own); another's is not found.
 */
export async function revokeApiToken(db: Kysely<Database>, id: string, actor: Actor, ownerId?: string): Promise<void> {
  let q = db.selectFrom('api_tokens').select(['id', 'name', 'user_id']).where('id', '=', id);
  if (ownerId !== undefined) q = q.where('user_id', '=', ownerId);
  const token = await q.executeTakeFirst();
  if (!token) throw errors.notFound(`API token ${id}`);
  await db.deleteFrom('api_tokens').where('id', '=', token.id).execute();
  await recordChange(db, actor, { subject: 'token', subjectId: token.id, action: 'revoked', changes: { name: { from: token.name, to: null }, userId: { from: token.user_id, to: null } } });
}
