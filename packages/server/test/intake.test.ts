import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, engines, item, reporterSecret, shopperHeaders, type TestContext } from './helpers.js';

describe.each(engines)('intake on %s', (engine) => {
  let t: TestContext;
  beforeEach(async () => {
    t = await buildTestApp(engine);
  });
  afterEach(() => t.close());

  const send = (secret: string, items: unknown[], headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/submissions',
      headers: { ...shopperHeaders(t.site, secret), ...headers },
      payload: { items },
    });

  it('accepts a complaint with a tracking number and an expected response time', async () => {
    const complaint = item();
    const res = await send(reporterSecret(), [complaint]);
    expect(res.statusCode).toBe(200);
    const [result] = res.json().results;
    expect(result).toMatchObject({ clientId: complaint['clientId'], result: 'accepted' });
    expect(result.receipt.trackingNumber).toMatch(/^SR-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(result.receipt).toMatchObject({ status: 'received', publicStatus: 'received', expectedResponseMinutes: 60 });
    const stored = await t.store.db.selectFrom('submissions').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.message).toBe(complaint['message']);
  });

  it('stores an item sent twice once and answers the first receipt again', async () => {
    const secret = reporterSecret();
    const complaint = item();
    const first = (await send(secret, [complaint])).json().results[0];
    const second = (await send(secret, [complaint])).json().results[0];
    expect(second.result).toBe('duplicate');
    expect(second.receipt).toEqual(first.receipt);
    const count = await t.store.db.selectFrom('submissions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    expect(Number(count?.n)).toBe(1);
  });

  it('stores each of many concurrent batches exactly once', async () => {
    const batches = Array.from({ length: 30 }, () => [item(), item()]);
    const responses = await Promise.all(batches.map((b) => send(reporterSecret(), b)));
    expect(responses.every((r) => r.statusCode === 200)).toBe(true);
    const accepted = responses.flatMap((r) => r.json().results).filter((r: { result: string }) => r.result === 'accepted');
    expect(accepted).toHaveLength(60);
    const again = await Promise.all(batches.slice(0, 5).map((b) => send(reporterSecret(), b)));
    expect(again.flatMap((r) => r.json().results).every((r: { result: string }) => r.result !== 'accepted')).toBe(true);
    const count = await t.store.db.selectFrom('submissions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    expect(Number(count?.n)).toBe(60);
  });

  it('rejects the same client id with another body as a conflict and keeps the stored one', async () => {
    const secret = reporterSecret();
    const complaint = item();
    await send(secret, [complaint]);
    const res = await send(secret, [{ ...complaint, message: 'Something else entirely' }]);
    expect(res.json().results[0]).toMatchObject({ result: 'rejected', error: { code: 'conflict', field: 'clientId' } });
    const stored = await t.store.db.selectFrom('submissions').select('message').execute();
    expect(stored.map((s) => s.message)).toEqual([complaint['message']]);
  });

  it('rejects a bad item by name and still stores the rest of the batch', async () => {
    const good = item();
    const res = await send(reporterSecret(), [item({ kind: 'rant' }), good, item({ message: '' }), item({ extra: 1 })]);
    const results = res.json().results;
    expect(results[0]).toMatchObject({ result: 'rejected', error: { code: 'invalid', field: 'kind' } });
    expect(results[0].error.message).toContain('inquiry, complaint, praise, suggestion');
    expect(results[1]).toMatchObject({ result: 'accepted', clientId: good['clientId'] });
    expect(results[2]).toMatchObject({ result: 'rejected', error: { field: 'message' } });
    expect(results[3]).toMatchObject({ result: 'rejected', error: { message: 'Unknown field "extra"' } });
  });

  it('refuses a contact preference the shopper left no way for', async () => {
    const res = await send(reporterSecret(), [
      item({ contact: { preference: 'phone', phone: '+82 10 1234 5678' } }),
      item({ contact: { preference: 'email' } }),
      item({ contact: { preference: 'phone', phone: '+82 10 1234 5678', consent: true } }),
    ]);
    const results = res.json().results;
    expect(results[0]).toMatchObject({ result: 'rejected', error: { field: 'contact.consent' } });
    expect(results[1]).toMatchObject({ result: 'rejected', error: { field: 'contact.email' } });
    expect(results[2].result).toBe('accepted');
  });

  it('enforces the size limits: 5,000 characters, 50 items, 256 KB', async () => {
    const long = await send(reporterSecret(), [item({ message: 'x'.repeat(5001) })]);
    expect(long.json().results[0]).toMatchObject({ result: 'rejected', error: { field: 'message' } });
    const many = await send(reporterSecret(), Array.from({ length: 51 }, () => item()));
    expect(many.statusCode).toBe(400);
    expect(many.json().error).toMatchObject({ code: 'invalid', field: 'items' });
    // 50 messages of 3,000 two-byte characters: about 300 KB.
    const huge = await send(reporterSecret(), Array.from({ length: 50 }, () => item({ message: 'é'.repeat(3000) })));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('payload_too_large');
  });

  it('checks email and page URL formats', async () => {
    const res = await send(reporterSecret(), [item({ contact: { email: 'not-an-email' } }), item({ pageUrl: 'javascript:alert(1)x y' })]);
    expect(res.json().results[0]).toMatchObject({ result: 'rejected', error: { field: 'contact.email' } });
    expect(res.json().results[1]).toMatchObject({ result: 'rejected', error: { field: 'pageUrl' } });
  });

  it('takes the site key and reporter secret from the body when a beacon cannot set headers', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/submissions',
      headers: { origin: 'https://shop.example', 'content-type': 'text/plain' },
      payload: JSON.stringify({ site: t.site.key, reporter: reporterSecret(), items: [item()] }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().results[0].result).toBe('accepted');
  });

  it('flags a form filled faster than a person could', async () => {
    await send(reporterSecret(), [item({ fillMs: 200 })]);
    const row = await t.store.db.selectFrom('submissions').select('spam_reason').executeTakeFirstOrThrow();
    expect(row.spam_reason).toBe('form filled in 200 ms');
  });

  it('keeps only a hash of the reporter secret', async () => {
    const secret = reporterSecret();
    await send(secret, [item()]);
    const rows = await t.store.db.selectFrom('reporters').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(secret);
  });

  it('serves the polling form of the update stream, for this reporter only', async () => {
    const mine = reporterSecret();
    await send(mine, [item()]);
    await send(reporterSecret(), [item()]);
    const res = await t.app.inject({ method: 'GET', url: '/v1/reporter/events?after=0', headers: shopperHeaders(t.site, mine) });
    const { events, cursor } = res.json();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'received', publicStatus: 'received' });
    const after = await t.app.inject({ method: 'GET', url: `/v1/reporter/events?after=${cursor}`, headers: shopperHeaders(t.site, mine) });
    expect(after.json().events).toEqual([]);
  });

  it('flags a filled honeypot for staff and keeps the item', async () => {
    const res = await send(reporterSecret(), [item({ trap: 'http://spam.example' })]);
    expect(res.json().results[0].result).toBe('accepted');
    const row = await t.store.db.selectFrom('submissions').select('spam_reason').executeTakeFirstOrThrow();
    expect(row.spam_reason).toBe('honeypot field filled');
  });

  it('refuses an unknown site key, a foreign origin and a missing reporter secret with clear errors', async () => {
    const unknown = await send(reporterSecret(), [item()], { 'x-sori-site': 'pk_doesnotexist' });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.code).toBe('unknown_site');
    const foreign = await send(reporterSecret(), [item()], { origin: 'https://evil.example' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error).toMatchObject({ code: 'origin_not_allowed' });
    expect(foreign.json().error.message).toContain('https://evil.example');
    const anonymous = await send('not-a-secret', [item()]);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.message).toContain('x-sori-reporter');
    expect(await t.store.db.selectFrom('submissions').selectAll().execute()).toHaveLength(0);
  });

  it('answers an empty batch with a 400 that names the field', async () => {
    const res = await send(reporterSecret(), []);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'invalid', field: 'items' });
  });

  it('answers a CORS preflight only for allowed origins', async () => {
    const preflight = (origin: string) =>
      t.app.inject({
        method: 'OPTIONS',
        url: '/v1/submissions',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-sori-site,x-sori-reporter' },
      });
    const allowed = await preflight('https://shop.example');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(String(allowed.headers['access-control-allow-headers'])).toContain('x-sori-reporter');
    const denied = await preflight('https://evil.example');
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
  });

  it("shows a reporter only their own items", async () => {
    const mine = reporterSecret();
    await send(mine, [item({ message: 'mine' })]);
    await send(reporterSecret(), [item({ message: 'theirs' })]);
    const res = await t.app.inject({ method: 'GET', url: '/v1/reporter/items', headers: shopperHeaders(t.site, mine) });
    expect(res.statusCode).toBe(200);
    const { items, cursor } = res.json();
    expect(items.map((i: { message: string }) => i.message)).toEqual(['mine']);
    expect(items[0].timeline[0]).toMatchObject({ type: 'received', publicStatus: 'received' });
    expect(cursor).toBeGreaterThan(0);
  });
});
