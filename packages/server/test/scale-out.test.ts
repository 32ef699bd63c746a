import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { openDatabase, type Store } from '../src/db/database.js';
import { buildTestApp, item, reporterSecret, shopperHeaders, STORE_ORIGIN, type TestContext } from './helpers.js';

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
    const ticket = await b.inject({ method: 'POST', url: '/v1/reporter/stream-tickets', headers: shopperHeaders(a.site, secret) });
    const res = await fetch(`${bUrl}/v1/reporter/updates?ticket=${ticket.json().ticket}`, { headers: { origin: STORE_ORIGIN } });
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

  async function submitOnA(secret: string): Promise<string> {
    const res = await a.app.inject({ method: 'POST', url: '/v1/submissions', headers: shopperHeaders(a.site, secret), payload: { items: [item()] } });
    return res.json().results[0].receipt.id;
  }

  const replyOnA = (id: string, message: string) =>
    a.app.inject({ method: 'POST', url: `/v1/desk/submissions/${id}/replies`, headers: { authorization: `Bearer ${a.token}` }, payload: { message } });

  it('delivers a reply written through instance A to a stream open on instance B', async () => {
    const secret = reporterSecret();
    const id = await submitOnA(secret);
    const stream = await openStreamOnB(secret);
    const reading = readUntil(stream, 'Answered from instance A');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await replyOnA(id, 'Answered from instance A');
    expect(await reading).toContain('"publicStatus":"answered"');
  });

  it('catches up by event id after its LISTEN connection drops', async () => {
    const secret = reporterSecret();
    const id = await submitOnA(secret);
    const stream = await openStreamOnB(secret);
    const reading = readUntil(stream, 'Sent while B was deaf');
    await new Promise((resolve) => setTimeout(resolve, 100));
    b.hub.simulateDisconnect();
    await replyOnA(id, 'Sent while B was deaf');
    expect(await reading).toContain('"type":"reply"');
  });
});
