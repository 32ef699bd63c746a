import { request, type ClientRequest } from 'node:http';
import { PATHS, type Receipt, type StreamTicket, type SubmissionBatchResult } from '@sori/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Store } from '../../src/db/database.js';
import { createSite, type Site } from '../../src/services/sites.js';
import { engines, STORE_ORIGIN, submission } from '../helpers.js';
import {
  batchHeaders,
  postJson,
  receiptOf,
  seededRandom,
  seededSecret,
  seededUuid,
  sendOnce,
  sendUntilAnswered,
  type Batch,
} from './at-least-once.js';
import { assertBuilt, scratchDatabase, startServer, stopServer, type ScratchDatabase, type ServerProcess } from './server-process.js';

/** Replay a failing run with SORI_RESILIENCE_SEED=<the seed in its message>. */
const SEED = Number(process.env['SORI_RESILIENCE_SEED'] ?? 1515);
const CLIENTS = 20;
const BATCHES_EACH = 15;
const PER_BATCH = 10;
/** The server is killed once this share of all batches was acknowledged: mid-load on any machine. */
const KILL_AFTER = 0.4;

function outboxes(random: () => number): Batch[][] {
  return Array.from({ length: CLIENTS }, (_, c) => {
    const secret = seededSecret(random);
    return Array.from({ length: BATCHES_EACH }, (_, b) => ({
      secret,
      submissions: Array.from({ length: PER_BATCH }, (_, i) => {
        const clientId = seededUuid(random);
        return { ...submission({ clientId, message: `Client ${c}, batch ${b}, item ${i}: the parcel came open.` }), clientId };
      }),
    }));
  });
}

/** Each client its own loopback address, as shoppers have: the per-address rate limit counts each apart. */
const addressOf = (client: number) => `127.0.0.${10 + client}`;

async function storedRows(store: Store, site: Site) {
  const rows = await store.db.selectFrom('submissions').select(['id', 'client_id', 'tracking_number']).where('site_id', '=', site.id).execute();
  return { rows, byClientId: new Map(rows.map((row) => [row.client_id, row])) };
}

describe.each(engines)('the built server (dist/server.js) on %s', (engine) => {
  let db: ScratchDatabase;
  let store: Store;
  let site: Site;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    assertBuilt();
    db = await scratchDatabase(engine);
    // The server migrates the database as it starts; the site is then made by the server's own code.
    server = await startServer(db.url);
    store = openDatabase(db.url);
    site = await createSite(store.db, { name: 'Crash shop', origins: [STORE_ORIGIN] });
  }, 180_000);

  afterAll(async () => {
    await stopServer(server);
    await store?.close();
    await db?.drop();
  }, 60_000);

  it(`keeps every acknowledged submission when SIGKILLed mid-load, and stores everything once after the resends (seed ${SEED})`, { timeout: 180_000 }, async () => {
    const clients = outboxes(seededRandom(SEED));
    const total = CLIENTS * BATCHES_EACH;
    const acknowledged = new Map<string, Receipt>();
    let answeredBatches = 0;
    let unansweredBeforeKill = 0;
    let unansweredAtKill = 0;
    let killed = false;
    const running = server!;

    // 20 clients, each sending its batches one after the other, until the server is killed.
    await Promise.all(
      clients.map(async (batches, c) => {
        for (const batch of batches) {
          if (killed) return;
          const results = await sendOnce(running.base, site.key, batch, { localAddress: addressOf(c), timeoutMs: 60_000 });
          if (!results) {
            if (killed) unansweredAtKill++;
            else unansweredBeforeKill++;
            continue;
          }
          for (const result of results) acknowledged.set(result.clientId, receiptOf(result));
          if (++answeredBatches >= total * KILL_AFTER && !killed) {
            killed = true;
            running.child.kill('SIGKILL');
          }
        }
      }),
    );
    expect(await running.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const where = `(seed ${SEED}, ${acknowledged.size} acknowledged, ${unansweredAtKill} requests cut by the kill)`;
    expect(unansweredBeforeKill, `requests went unanswered before the kill ${where}:\n${running.output()}`).toBe(0);
    // Requests were in flight when it died, or the kill proved nothing.
    expect(unansweredAtKill, where).toBeGreaterThan(0);

    // What was acknowledged survived the kill, before anything is sent again.
    const afterKill = await storedRows(store, site);
    expect(afterKill.byClientId.size, where).toBe(afterKill.rows.length);
    for (const [clientId, receipt] of acknowledged) {
      const row = afterKill.byClientId.get(clientId);
      expect(row, `acknowledged ${clientId} was lost by the kill ${where}`).toBeDefined();
      expect({ id: row!.id, trackingNumber: row!.tracking_number }).toEqual({ id: receipt.id, trackingNumber: receipt.trackingNumber });
    }

    // Restarted on the same database, every client sends its whole outbox again until answered.
    server = await startServer(db.url);
    const restarted = server;
    const jitter = seededRandom(SEED + 1);
    const answers = new Map<string, { result: string; receipt: Receipt }>();
    await Promise.all(
      clients.map(async (batches, c) => {
        for (const batch of batches) {
          const { results } = await sendUntilAnswered(batch, { base: () => restarted.base, siteKey: site.key, random: jitter, localAddress: addressOf(c) });
          for (const result of results) answers.set(result.clientId, { result: result.result, receipt: receiptOf(result) });
        }
      }),
    );

    const sent = clients.flat().flatMap((batch) => batch.submissions.map((item) => item.clientId));
    const final = await storedRows(store, site);
    expect(final.rows, where).toHaveLength(sent.length);
    expect(final.byClientId.size, where).toBe(sent.length);
    for (const clientId of sent) {
      const row = final.byClientId.get(clientId);
      const answer = answers.get(clientId);
      expect(row, `${clientId} is not stored ${where}`).toBeDefined();
      expect(answer?.receipt, `${clientId} ${where}`).toMatchObject({ id: row!.id, trackingNumber: row!.tracking_number });
      // What was acknowledged before the kill is answered as the duplicate it is, with the same receipt.
      if (acknowledged.has(clientId)) expect(answer?.result, `${clientId} ${where}`).toBe('duplicate');
    }
    const received = await store.db.selectFrom('events').select('submission_id').where('type', '=', 'received').where('site_id', '=', site.id).execute();
    expect(new Set(received.map((event) => event.submission_id)).size, where).toBe(sent.length);
    expect(received, where).toHaveLength(sent.length);
  });

  it('on SIGTERM answers every request in flight, ends the event streams, and exits 0 within 10 s', { timeout: 180_000 }, async () => {
    await stopServer(server);
    server = await startServer(db.url);
    const running = server;
    const random = seededRandom(SEED + 7);
    const secrets = Array.from({ length: 3 }, () => seededSecret(random));
    for (const secret of secrets) {
      const results = await sendOnce(running.base, site.key, { secret, submissions: [{ ...submission(), clientId: seededUuid(random) }] });
      expect(results?.[0]?.result).toBe('accepted');
    }

    // Open event streams, each told at once how soon to reconnect.
    const streams = await Promise.all(secrets.map((secret) => openStream(running.base, site.key, secret)));
    for (const stream of streams) expect(stream.opening).toMatch(/^retry: \d+/m);

    // Requests the server has taken (it said 100 Continue) whose bodies come only after the SIGTERM.
    const pending = await Promise.all(
      Array.from({ length: 5 }, () => {
        const item = { ...submission(), clientId: seededUuid(random) };
        return startSlowPost(running.base, site.key, secrets[0]!, { submissions: [item] }).then((post) => ({ ...post, clientId: item.clientId }));
      }),
    );

    const signalled = Date.now();
    running.child.kill('SIGTERM');
    // The streams end: the shutdown has begun, and they do not hold it up.
    await within(15_000, Promise.all(streams.map((stream) => stream.ended)), `the event streams did not end after SIGTERM\n${running.output()}`);
    for (const post of pending) post.finish();
    const answered = await within(15_000, Promise.all(pending.map((post) => post.answer)), `requests in flight got no answer\n${running.output()}`);
    const exit = await within(15_000, running.exited, `the server did not exit after SIGTERM\n${running.output()}`);
    const took = Date.now() - signalled;

    for (const [i, answer] of answered.entries()) {
      expect(answer.status, `request ${i} in flight: ${answer.body}\n${running.output()}`).toBe(200);
      expect((JSON.parse(answer.body) as SubmissionBatchResult).results[0]).toMatchObject({ clientId: pending[i]!.clientId, result: 'accepted' });
    }
    expect(exit, running.output()).toEqual({ code: 0, signal: null });
    expect(took, 'the shutdown took too long').toBeLessThan(10_000);
    const stored = await store.db.selectFrom('submissions').select('client_id').where('client_id', 'in', pending.map((post) => post.clientId)).execute();
    expect(stored).toHaveLength(pending.length);
  });
});

/** `promise`, or a failure saying `what` when it takes longer than `ms` (a hang must not wait for the test's timeout). */
function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(what)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** A reporter's open event stream: what it sent first, and a promise kept when the server ends it. */
async function openStream(base: string, siteKey: string, secret: string): Promise<{ opening: string; ended: Promise<void> }> {
  const ticketAnswer = await postJson(`${base}${PATHS.streamTickets}`, {}, batchHeaders(siteKey, secret));
  expect(ticketAnswer.status, ticketAnswer.body).toBe(200);
  const { ticket } = JSON.parse(ticketAnswer.body) as StreamTicket;
  return new Promise((resolve, reject) => {
    const req = request(`${base}${PATHS.events}?ticket=${encodeURIComponent(ticket)}`, {
      agent: false,
      headers: { origin: STORE_ORIGIN, accept: 'text/event-stream' },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      if (res.statusCode !== 200) return reject(new Error(`the stream answered ${res.statusCode}`));
      let opening = '';
      let opened = false;
      const ended = new Promise<void>((done) => res.on('close', () => done()));
      res.on('data', (chunk: Buffer) => {
        opening += chunk.toString();
        if (!opened && opening.includes('\n\n')) {
          opened = true;
          resolve({ opening, ended });
        }
      });
    });
    req.end();
  });
}

/**
 * Starts `POST /v1/submissions` with `Expect: 100-continue` and waits for the server's `100
 * Continue`: from then on the request is in the server's hands. `finish` sends the body.
 */
function startSlowPost(
  base: string,
  siteKey: string,
  secret: string,
  body: unknown,
): Promise<{ finish(): void; answer: Promise<{ status: number; body: string }> }> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req: ClientRequest = request(`${base}${PATHS.submissions}`, {
      method: 'POST',
      agent: false,
      headers: { ...batchHeaders(siteKey, secret), 'content-type': 'application/json', 'content-length': String(payload.length), expect: '100-continue' },
    });
    const answer = new Promise<{ status: number; body: string }>((done, fail) => {
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => done({ status: res.statusCode ?? 0, body: text }));
        res.on('error', fail);
      });
      req.on('error', fail);
    });
    answer.catch(() => undefined);
    req.on('error', reject);
    req.on('continue', () => resolve({ finish: () => req.end(payload), answer }));
    req.flushHeaders();
  });
}
