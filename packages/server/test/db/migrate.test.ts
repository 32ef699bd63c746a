import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import type { Store } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { ReporterDirectory } from '../../src/services/reporters.js';
import { newId } from '../../src/services/secrets.js';
import { createSite } from '../../src/services/sites.js';
import { engines, eventually, freshStore, RECEIVER_ALLOWED, reporterSecret, startHookReceiver, STORE_ORIGIN } from '../helpers.js';

/** What a database looked like under release 0001: a submission with a thread, and an outbox of three notifications. */
async function fillVersion1(store: Store, hookUrl: string) {
  const site = await createSite(store.db, { name: 'Old shop', origins: [STORE_ORIGIN] });
  const reporterId = await new ReporterDirectory(store.db).idOf(site.id, reporterSecret());
  const now = new Date().toISOString();
  const submissionId = newId();
  await store.db
    .insertInto('submissions')
    .values({
      id: submissionId, site_id: site.id, reporter_id: reporterId, client_id: newId(), body_hash: 'h', tracking_number: 'SR-OLD0-0001',
      kind: 'complaint', message: 'Cracked jar', contact: null, contact_preference: 'widget', product: null, order_ref: null, page_url: null,
      locale: null, context: null, spam_reason: null, status: 'received', awaiting: 'reporter', department: null, assignee_id: null,
      created_at: now, received_at: now, updated_at: now, expected_response_by: now, first_response_at: now, resolved_at: null,
      closed_reason: null, rating: null,
    })
    .execute();
  const webhookId = newId();
  await store.db.insertInto('webhooks').values({ id: webhookId, site_id: site.id, department: null, url: hookUrl, secret: 'whsec_old', events: '["submission.created"]', created_at: now }).execute();
  // Version 1's own columns, written as version 1 wrote them.
  await sql`insert into events (submission_id, reporter_id, site_id, type, at, author, actor_id, actor_name, public, status, awaiting, message, message_client_id, data)
    values (${submissionId}, ${reporterId}, ${site.id}, 'received', ${now}, 'system', null, null, 1, 'received', 'staff', null, null, null),
           (${submissionId}, ${reporterId}, ${site.id}, 'reply', ${now}, 'staff', null, 'Mina', 1, 'received', 'reporter', 'A new jar ships today', null, null)`.execute(store.db);
  await sql`insert into outbox (channel, target, payload, state, attempts, next_attempt_at, last_error, created_at, sent_at)
    values ('email', 'jiwoo@example.com', '{"subject":"A reply about your message SR-OLD0-0001","text":"t"}', 'sent', 1, ${now}, null, ${now}, ${now}),
           ('email', 'gone@example.com', '{"subject":"s","text":"t"}', 'failed', 10, ${now}, 'mailbox unavailable', ${now}, null),
           ('webhook', ${webhookId}, ${JSON.stringify({ event: 'submission.created', data: { id: submissionId } })}, 'pending', 2, ${now}, 'webhook answered 503', ${now}, null)`.execute(store.db);
  return { submissionId };
}

describe.each(engines)('migrating a 0001 database on %s', (engine) => {
  let store: Store;
  let hooks: Awaited<ReturnType<typeof startHookReceiver>>;
  beforeEach(async () => {
    store = await freshStore(engine, { to: '0001-initial' });
    hooks = await startHookReceiver();
  });
  afterEach(async () => {
    await store.close();
    await hooks.close();
  });

  it('keeps every row and finds them in the new shape', async () => {
    const { submissionId } = await fillVersion1(store, hooks.url);
    expect(await migrate(store)).toEqual(['0002-notifications', '0003-canned-replies', '0004-notification-submission', '0005-owner-settings', '0006-improvements-follow-up', '0007-stream-ticket-expiry', '0008-analysis-index']);
    expect(await migrate(store)).toEqual([]);
    // Each notification now knows its submission (so an erasure reaches it), found in what it carried.
    const about = await store.db.selectFrom('notifications').select(['target', 'submission_id']).orderBy('id').execute();
    expect(about.map((n) => n.submission_id)).toEqual([submissionId, null, submissionId]);

    const events = await store.db.selectFrom('events').select(['type', 'text']).where('submission_id', '=', submissionId).orderBy('id').execute();
    expect(events).toEqual([
      { type: 'received', text: null },
      { type: 'reply', text: 'A new jar ships today' },
    ]);
    const notifications = await store.db.selectFrom('notifications').select(['id', 'channel', 'target', 'state', 'attempts', 'last_error']).orderBy('id').execute();
    expect(notifications.map(({ id: _, ...n }) => n)).toEqual([
      { channel: 'email', target: 'jiwoo@example.com', state: 'sent', attempts: 1, last_error: null },
      { channel: 'email', target: 'gone@example.com', state: 'failed', attempts: 10, last_error: 'mailbox unavailable' },
      { channel: 'webhook', target: expect.any(String), state: 'pending', attempts: 2, last_error: 'webhook answered 503' },
    ]);
    expect(await store.db.selectFrom('deliveries').selectAll().execute()).toEqual([]);
    await expect(sql`select count(*) from outbox`.execute(store.db)).rejects.toThrow();

    // Ids keep growing past the old rows: the key's sequence came along with the table.
    const newest = await store.db
      .insertInto('notifications')
      .values({ channel: 'email', target: 'new@example.com', payload: '{}', state: 'sent', attempts: 1, next_attempt_at: '', last_error: null, created_at: '', sent_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(Number(newest.id)).toBeGreaterThan(Math.max(...notifications.map((n) => Number(n.id))));
  });

  it('lets the worker carry on with what was pending, counting the old attempts', async () => {
    await fillVersion1(store, hooks.url);
    await migrate(store);
    const app = await buildApp({ store, rateLimitPerMinute: false, notifierPollMs: 50, ...RECEIVER_ALLOWED });
    try {
      await app.ready();
      await eventually(() => hooks.calls[0]);
      const delivery = await eventually(() => store.db.selectFrom('deliveries').selectAll().executeTakeFirst());
      expect(delivery).toMatchObject({ attempt: 3, outcome: 'sent', error: null });
    } finally {
      await app.close();
    }
  });
});

describe.each(engines)('migrating a 0005 database to 0006 on %s', (engine) => {
  it('tells resolutions within their target from late ones by their due time (or wall-clock time), and dates the ratings', async () => {
    const store = await freshStore(engine, { to: '0005-owner-settings' });
    try {
      const site = await createSite(store.db, { name: 'Old shop', origins: [STORE_ORIGIN], settings: {} });
      const reporterId = await new ReporterDirectory(store.db).idOf(site.id, reporterSecret());
      const row = (tracking: string, resolvedAfterHours: number | null, rating: string | null) => ({
        id: newId(), site_id: site.id, reporter_id: reporterId, client_id: newId(), body_hash: 'h', tracking_number: tracking,
        kind: 'complaint' as const, message: 'Cracked jar', contact: null, contact_preference: 'widget' as const, product: null, order_ref: null,
        page_url: null, locale: null, context: null, spam_reason: null, status: resolvedAfterHours === null ? ('received' as const) : ('resolved' as const),
        awaiting: 'staff' as const, department: null, assignee_id: null, created_at: '2026-01-01T00:00:00.000Z', received_at: '2026-01-01T00:00:00.000Z',
        updated_at: '2026-01-05T00:00:00.000Z', expected_response_by: '2026-01-01T01:00:00.000Z', first_response_at: null,
        resolved_at: resolvedAfterHours === null ? null : new Date(Date.parse('2026-01-01T00:00:00.000Z') + resolvedAfterHours * 3_600_000).toISOString(),
        closed_reason: null, rating,
      });
      // Without a resolution due time, a complaint's default target (3 days) in wall-clock time.
      await store.db
        .insertInto('submissions')
        .values([row('SR-OLD0-0001', 5, '{"score":5,"wouldBuyAgain":true}'), row('SR-OLD0-0002', 80, null), row('SR-OLD0-0003', null, null), { ...row('SR-OLD0-0004', 5, null), resolution_due_by: '2026-01-01T04:00:00.000Z' }])
        .execute();
      expect(await migrate(store)).toEqual(['0006-improvements-follow-up', '0007-stream-ticket-expiry', '0008-analysis-index']);
      const rows = await store.db.selectFrom('submissions').select(['tracking_number', 'resolution_met', 'rated_at']).orderBy('tracking_number').execute();
      expect(rows).toEqual([
        { tracking_number: 'SR-OLD0-0001', resolution_met: 1, rated_at: '2026-01-05T00:00:00.000Z' },
        { tracking_number: 'SR-OLD0-0002', resolution_met: 0, rated_at: null },
        { tracking_number: 'SR-OLD0-0003', resolution_met: null, rated_at: null },
        // With one (business hours), against it.
        { tracking_number: 'SR-OLD0-0004', resolution_met: 0, rated_at: null },
      ]);
    } finally {
      await store.close();
    }
  });
});

describe.runIf(engines.includes('postgres'))('migrating beside another schema on postgres', () => {
  it("migrates a new schema while another schema of the database already holds Sori's tables", async () => {
    const first = await freshStore('postgres');
    try {
      const second = await freshStore('postgres');
      try {
        expect(await second.db.selectFrom('notifications').selectAll().execute()).toEqual([]);
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
    }
  });
});

describe.each(engines)('stream tickets on %s', (engine) => {
  it('are found by their expiry through an index, so the cleanup before each new ticket reads only the expired ones', async () => {
    const store = await freshStore(engine);
    try {
      if (engine === 'sqlite') {
        const plan = await sql<{ detail: string }>`explain query plan delete from stream_tickets where expires_at < ${new Date().toISOString()}`.execute(store.db);
        expect(plan.rows.map((r) => r.detail).join(' ')).toMatch(/stream_tickets_expiry/);
      } else {
        const found = await sql<{ indexdef: string }>`select indexdef from pg_indexes where schemaname = current_schema() and indexname = 'stream_tickets_expiry'`.execute(store.db);
        expect(found.rows[0]?.indexdef).toMatch(/\(expires_at\)/);
      }
    } finally {
      await store.close();
    }
  });
});
