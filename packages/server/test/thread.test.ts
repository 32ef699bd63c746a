import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, engines, item, reporterSecret, shopperHeaders, type TestContext } from './helpers.js';

describe.each(engines)("the shopper's thread on %s", (engine) => {
  let t: TestContext;
  let secret: string;
  let complaint: Record<string, unknown>;
  let id: string;
  beforeEach(async () => {
    t = await buildTestApp(engine);
    secret = reporterSecret();
    complaint = item();
    const res = await t.app.inject({ method: 'POST', url: '/v1/submissions', headers: shopperHeaders(t.site, secret), payload: { items: [complaint] } });
    id = res.json().results[0].receipt.id;
  });
  afterEach(() => t.close());

  const desk = (method: 'PATCH' | 'POST', url: string, payload: object) =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${t.token}` }, payload });
  const message = (text: string, clientId = randomUUID(), who = secret) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/reporter/messages',
      headers: shopperHeaders(t.site, who),
      payload: { items: [{ clientId, submissionClientId: complaint['clientId'], message: text, createdAt: new Date().toISOString() }] },
    });
  const rate = (score: number, who = secret) =>
    t.app.inject({ method: 'POST', url: `/v1/submissions/${id}/rating`, headers: shopperHeaders(t.site, who), payload: { score, wouldBuyAgain: score > 3 } });

  it("puts the shopper's answer in the thread and the item back in staff's court", async () => {
    await desk('POST', `/v1/desk/submissions/${id}/replies`, { message: 'Which colour did you order?' });
    const res = await message('The red one.');
    expect(res.json().results[0]).toMatchObject({ result: 'accepted', event: { type: 'message', author: 'reporter', message: 'The red one.' } });
    const detail = await t.app.inject({ method: 'GET', url: `/v1/desk/submissions/${id}`, headers: { authorization: `Bearer ${t.token}` } });
    expect(detail.json().submission).toMatchObject({ awaiting: 'staff', publicStatus: 'received' });
  });

  it('stores a message sent twice once', async () => {
    const clientId = randomUUID();
    await message('Still waiting', clientId);
    const again = await message('Still waiting', clientId);
    expect(again.json().results[0].result).toBe('duplicate');
    const rows = await t.store.db.selectFrom('events').select('id').where('type', '=', 'message').execute();
    expect(rows).toHaveLength(1);
  });

  it("refuses a message on someone else's item", async () => {
    const res = await message('Let me in', randomUUID(), reporterSecret());
    expect(res.json().results[0]).toMatchObject({ result: 'rejected', error: { code: 'not_found', field: 'submissionClientId' } });
  });

  it('takes a rating only after resolution and reopens the item on a low score', async () => {
    const early = await rate(5);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('not_resolved');
    await desk('PATCH', `/v1/desk/submissions/${id}`, { status: 'resolved' });
    const low = await rate(2);
    expect(low.statusCode).toBe(200);
    expect(low.json()).toMatchObject({ reopened: true, item: { status: 'reopened', rating: { score: 2, wouldBuyAgain: false } } });
  });

  it("does not let another reporter rate the item", async () => {
    await desk('PATCH', `/v1/desk/submissions/${id}`, { status: 'resolved' });
    const res = await rate(5, reporterSecret());
    expect(res.statusCode).toBe(404);
    const good = await rate(5);
    expect(good.json()).toMatchObject({ reopened: false, item: { status: 'resolved', publicStatus: 'resolved' } });
  });
});
