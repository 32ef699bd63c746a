import type { StreamTicket } from '@sori/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { randomToken, sha256 } from './secrets.js';
import { toSite, type Site } from './sites.js';

/** A ticket opens streams for this long; `EventSource` reconnects reuse it until then. */
const TICKET_TTL_MS = 5 * 60_000;

/**
 * A short-lived ticket for a reporter's event stream: `EventSource` cannot set headers, so the
 * ticket stands in the URL where the long-lived reporter secret never may. Only its hash is kept.
 */
export async function issueStreamTicket(db: Kysely<Database>, reporterId: string, now = Date.now()): Promise<StreamTicket> {
  const ticket = randomToken('st_');
  const expiresAt = new Date(now + TICKET_TTL_MS).toISOString();
  await db.deleteFrom('stream_tickets').where('expires_at', '<', new Date(now).toISOString()).execute();
  await db.insertInto('stream_tickets').values({ ticket_hash: sha256(ticket), reporter_id: reporterId, expires_at: expiresAt }).execute();
  return { ticket, expiresAt };
}

/** The reporter and site a live ticket stands for, or `undefined` for an unknown or expired one. */
export async function redeemStreamTicket(db: Kysely<Database>, ticket: string): Promise<{ reporterId: string; site: Site } | undefined> {
  const found = await db
    .selectFrom('stream_tickets')
    .innerJoin('reporters', 'reporters.id', 'stream_tickets.reporter_id')
    .innerJoin('sites', 'sites.id', 'reporters.site_id')
    .selectAll('sites')
    .select(['stream_tickets.reporter_id', 'stream_tickets.expires_at'])
    .where('stream_tickets.ticket_hash', '=', sha256(ticket))
    .executeTakeFirst();
  if (!found || found.expires_at < new Date().toISOString()) return undefined;
  const { reporter_id, expires_at: _, ...site } = found;
  return { reporterId: reporter_id, site: toSite(site) };
}
