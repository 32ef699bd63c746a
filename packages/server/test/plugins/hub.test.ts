import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { openDatabase, type Store } from '../../src/db/database.js';
import pg from 'pg';
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
