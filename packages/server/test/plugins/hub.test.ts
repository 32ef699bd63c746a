import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { openDatabase, type Store } from '../../src/db/database.js';
import { CHANNEL, STAFF_TOPIC } from '../../src/plugins/hub.js';
import { ReporterDirectory } from '../../src/services/reporters.js';
import { storeSubmissions } from '../../src/services/submissions.js';
import { buildTestApp, desk, eventually, openEventStream, reporterSecret, submission, submit, type TestContext } from '../helpers.js';

const postgres = Boolean(process.env['SORI_TEST_DATABASE_URL']);
if (!postgres) console.warn('scale-out tests skipped: SORI_TEST_DATABASE_URL is not set');

describe.runIf(postgres)('two instances on one PostgreSQL', () => {
  let a: TestContext;
  let bStore: Store;
  let b: FastifyInstance;
  let bUrl: string;
  beforeEach(async () => {
    a = await buildTestApp('postgres');
    bStore = openDatabase(a.store.url);
    b = await buildApp({ store: bStore, rateLimitPerMinute: false });
    bUrl = await b.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    await b.close();
    await bStore.close();
    await a.close();
  });

  async function openStreamOnB(secret: string): Promise<ReadableStreamDefaultReader<string>> {
    const res = await openEventStream(bUrl, b, a.site, secret);
    return res.body!.pipeThrough(new TextDecoderStream()).getReader();
  }

  async function readUntil(reader: ReadableStreamDefaultReader<string>, text: string): Promise<string> {
    let seen = '';
    while (!seen.includes(text)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended before "${text}"`);
      seen += value;
    }
    await reader.cancel();
    return seen;
  }

  /** Opens a stream on B, writes a reply on A (after `meanwhile`), and answers what B's stream said. */
  async function replyOnAReachesB(text: string, meanwhile = () => {}): Promise<string> {
    const secret = reporterSecret();
    const id = await submit(a, secret);
    const reading = readUntil(await openStreamOnB(secret), text);
    await new Promise((resolve) => setTimeout(resolve, 100));
    meanwhile();
    await desk(a, 'POST', `/v1/desk/submissions/${id}/replies`, { text });
    return reading;
  }

  it('delivers a reply written through instance A to a stream open on instance B', async () => {
    expect(await replyOnAReachesB('Answered from instance A')).toContain('"publicStatus":"answered"');
  });

  it('misses none of 100 replies when PostgreSQL terminates its LISTEN session midway', async () => {
    const secret = reporterSecret();
    const id = await submit(a, secret);
    const res = await openEventStream(bUrl, b, a.site, secret);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    const texts: string[] = [];
    const ids: number[] = [];
    const reading = (async () => {
      let buffer = '';
      while (texts.length < 100) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended after ${texts.length} replies`);
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          const eventId = /^id: (.*)$/m.exec(frame)?.[1];
          if (!data || !eventId) continue;
          const event = JSON.parse(data) as { type: string; text?: string };
          if (event.type !== 'reply' || event.text === undefined) continue;
          texts.push(event.text);
          ids.push(Number(eventId));
        }
      }
      await reader.cancel();
    })();
    reading.catch(() => undefined); // awaited below; a failure before then must not go unhandled
    const pidBefore = b.hub.listenerProcessId;
    expect(pidBefore).toBeTypeOf('number');
    const admin = new pg.Client({ connectionString: process.env['SORI_TEST_DATABASE_URL'] });
    await admin.connect();
    try {
      for (let n = 1; n <= 100; n++) {
        if (n === 30) await admin.query('select pg_terminate_backend($1)', [pidBefore]);
        const reply = await desk(a, 'POST', `/v1/desk/submissions/${id}/replies`, { text: `Reply ${n}` });
        expect(reply.statusCode).toBe(201);
      }
    } finally {
      await admin.end();
    }
    await reading;
    expect(texts).toEqual(Array.from({ length: 100 }, (_, i) => `Reply ${i + 1}`));
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
    // The listener came back as a new session (the streams above caught up through it or their cursor).
    await eventually(() => (b.hub.listenerProcessId !== undefined && b.hub.listenerProcessId !== pidBefore ? true : undefined), 15_000);
  }, 60_000);

  it('catches up by event id after its LISTEN connection drops', async () => {
    expect(await replyOnAReachesB('Sent while B was deaf', () => b.hub.simulateDisconnect())).toContain('"type":"reply"');
  });
});

describe.runIf(postgres)('publishing on PostgreSQL', () => {
  let t: TestContext;
  let listener: pg.Client;
  beforeEach(async () => {
    t = await buildTestApp('postgres');
    listener = new pg.Client({ connectionString: t.store.url });
    await listener.connect();
    await listener.query(`LISTEN ${CHANNEL}`);
  });
  afterEach(async () => {
    await listener.end();
    await t.close();
  });

  it("tells every reporter of a commit, and the staff, with one NOTIFY", async () => {
    const payloads: string[] = [];
    listener.on('notification', (message) => payloads.push(message.payload ?? ''));
    const directory = new ReporterDirectory(t.store.db);
    const reporters = await Promise.all([1, 2, 3].map(() => directory.idOf(t.site.id, reporterSecret())));
    // One commit holding three reporters' submissions, as a group commit of intake does.
    await t.app.transaction(async (unit) => {
      for (const id of reporters) await storeSubmissions(unit, t.site, id, [submission()]);
    });
    const first = await eventually(() => payloads[0]);
    expect(first.split(',').sort()).toEqual([...reporters, STAFF_TOPIC].sort());
  });
});
