import type { CannedReply, CannedReplyInput } from '@sori/protocol';
import type { Kysely, Selectable } from 'kysely';
import type { CannedReplyTable, Database } from '../db/schema.js';
import { errors } from '../errors.js';
import { newId } from './secrets.js';

function toCannedReply(row: Selectable<CannedReplyTable>): CannedReply {
  return {
    id: row.id,
    title: row.title,
    text: row.text,
    ...(row.kind ? { kind: row.kind } : {}),
    ...(row.locale ? { locale: row.locale } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Every canned reply, by title. */
export async function listCannedReplies(db: Kysely<Database>): Promise<CannedReply[]> {
  return (await db.selectFrom('canned_replies').selectAll().orderBy('title').execute()).map(toCannedReply);
}

/** Adds a canned reply. */
export async function createCannedReply(db: Kysely<Database>, input: CannedReplyInput, userId: string): Promise<CannedReply> {
  const now = new Date().toISOString();
  const row = { id: newId(), title: input.title, text: input.text, kind: input.kind ?? null, locale: input.locale ?? null, created_by: userId, created_at: now, updated_at: now };
  await db.insertInto('canned_replies').values(row).execute();
  return toCannedReply(row);
}

/** Changes a canned reply; a field left out stays, `kind` or `locale` set to `null` clears it. */
export async function updateCannedReply(db: Kysely<Database>, id: string, change: Partial<CannedReplyInput>): Promise<CannedReply> {
  const row = await db
    .updateTable('canned_replies')
    .set({
      ...(change.title !== undefined ? { title: change.title } : {}),
      ...(change.text !== undefined ? { text: change.text } : {}),
      ...('kind' in change ? { kind: change.kind ?? null } : {}),
      ...('locale' in change ? { locale: change.locale ?? null } : {}),
      updated_at: new Date().toISOString(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw errors.notFound(`Canned reply ${id}`);
  return toCannedReply(row);
}

/** Removes a canned reply. */
export async function deleteCannedReply(db: Kysely<Database>, id: string): Promise<void> {
  const result = await db.deleteFrom('canned_replies').where('id', '=', id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw errors.notFound(`Canned reply ${id}`);
}
