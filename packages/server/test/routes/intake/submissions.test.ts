import { describe, expect, it } from 'vitest';
import { engines, reporterSecret, send, submission, useTestApp } from '../../helpers.js';

describe.each(engines)('POST /v1/submissions on %s', (engine) => {
  const t = useTestApp(engine);

  it('accepts a complaint with a tracking number and an expected response time', async () => {
    const complaint = submission();
    const res = await send(t, reporterSecret(), [complaint]);
    expect(res.statusCode).toBe(200);
    const [result] = res.json().results;
    expect(result).toMatchObject({ clientId: complaint['clientId'], result: 'accepted' });
    expect(result.receipt.trackingNumber).toMatch(/^SR-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(result.receipt).toMatchObject({ status: 'received', publicStatus: 'received', expectedResponseMinutes: 60 });
    const stored = await t.store.db.selectFrom('submissions').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.message).toBe(complaint['message']);
  });

  it('rejects a page URL that is not http or https, naming the field', async () => {
    const scripted = ['javascript:alert(document.cookie)', 'vbscript:msgbox(1)', 'data:text/html,<script>alert(1)</script>', 'JAVASCRIPT:alert(1)'];
    const res = await send(t, reporterSecret(), [...scripted.map((pageUrl) => submission({ pageUrl })), submission({ pageUrl: 'https://shop.example/cart?step=2' })]);
    const results = res.json().results;
    for (const result of results.slice(0, scripted.length)) expect(result).toMatchObject({ result: 'rejected', error: { code: 'invalid', field: 'pageUrl' } });
    expect(results.at(-1).result).toBe('accepted');
    const stored = await t.store.db.selectFrom('submissions').selectAll().execute();
    expect(stored.map((row) => row.page_url)).toEqual(['https://shop.example/cart?step=2']);
  });

  it('stores a submission sent twice once and answers the first receipt again', async () => {
    const secret = reporterSecret();
    const complaint = submission();
    const first = (await send(t, secret, [complaint])).json().results[0];
    const second = (await send(t, secret, [complaint])).json().results[0];
    expect(second.result).toBe('duplicate');
    expect(second.receipt).toEqual(first.receipt);
    const count = await t.store.db.selectFrom('submissions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    expect(Number(count?.n)).toBe(1);
  });

  it('answers the same submission sent under another reporter (a tab that started at the same time) as the duplicate it is', async () => {
    const complaint = submission();
    const first = (await send(t, reporterSecret(), [complaint])).json().results[0];
    const again = (await send(t, reporterSecret(), [complaint])).json().results[0];
    expect(again).toMatchObject({ result: 'duplicate', receipt: first.receipt });
    // The same client id with other words is still a conflict, whoever sends it.
    const changed = (await send(t, reporterSecret(), [{ ...complaint, message: 'Something else' }])).json().results[0];
    expect(changed.error.code).toBe('conflict');
  });

  it('stores each of many concurrent batches exactly once', async () => {
    const batches = Array.from({ length: 30 }, () => [submission(), submission()]);
    const responses = await Promise.all(batches.map((b) => send(t, reporterSecret(), b)));
    expect(responses.every((r) => r.statusCode === 200)).toBe(true);
    const accepted = responses.flatMap((r) => r.json().results).filter((r: { result: string }) => r.result === 'accepted');
    expect(accepted).toHaveLength(60);
    const again = await Promise.all(batches.slice(0, 5).map((b) => send(t, reporterSecret(), b)));
    expect(again.flatMap((r) => r.json().results).every((r: { result: string }) => r.result !== 'accepted')).toBe(true);
    const count = await t.store.db.selectFrom('submissions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    expect(Number(count?.n)).toBe(60);
  });

  it('rejects the same client id with another body as a conflict and keeps the stored one', async () => {
    const secret = reporterSecret();
    const complaint = submission();
    await send(t, secret, [complaint]);
    const res = await send(t, secret, [{ ...complaint, message: 'Something else entirely' }]);
    expect(res.json().results[0]).toMatchObject({ result: 'rejected', error: { code: 'conflict', field: 'clientId' } });
    const stored = await t.store.db.selectFrom('submissions').select('message').execute();
    expect(stored.map((s) => s.message)).toEqual([complaint['message']]);
  });

  it('rejects a bad submission by name and still stores the rest of the batch', async () => {
    const good = submission();
    const res = await send(t, reporterSecret(), [submission({ kind: 'rant' }), good, submission({ message: '' }), submission({ extra: 1 })]);
    const results = res.json().results;
    expect(results[0]).toMatchObject({ result: 'rejected', error: { code: 'invalid', field: 'kind' } });
    expect(results[0].error.message).toContain('inquiry, complaint, praise, suggestion');
    expect(results[1]).toMatchObject({ result: 'accepted', clientId: good['clientId'] });
    expect(results[2]).toMatchObject({ result: 'rejected', error: { field: 'message' } });
    expect(results[3]).toMatchObject({ result: 'rejected', error: { message: 'Unknown field "extra"' } });
  });

  it('refuses a contact preference the shopper left no way for', async () => {
    const res = await send(t, reporterSecret(), [
      submission({ contact: { preference: 'phone', phone: '+82 10 1234 5678' } }),
      submission({ contact: { preference: 'email' } }),
      submission({ contact: { preference: 'phone', phone: '+82 10 1234 5678', consent: true } }),
    ]);
    const results = res.json().results;
    expect(results[0]).toMatchObject({ result: 'rejected', error: { field: 'contact.consent' } });
    expect(results[1]).toMatchObject({ result: 'rejected', error: { field: 'contact.email' } });
    expect(results[2].result).toBe('accepted');
  });

  it('enforces the size limits: 5,000 characters, 50 submissions, 256 KB', async () => {
    const long = await send(t, reporterSecret(), [submission({ message: 'x'.repeat(5001) })]);
    expect(long.json().results[0]).toMatchObject({ result: 'rejected', error: { field: 'message' } });
    const many = await send(t, reporterSecret(), Array.from({ length: 51 }, () => submission()));
    expect(many.statusCode).toBe(400);
    expect(many.json().error).toMatchObject({ code: 'invalid', field: 'submissions' });
    // 50 messages of 3,000 two-byte characters: about 300 KB.
    const huge = await send(t, reporterSecret(), Array.from({ length: 50 }, () => submission({ message: 'é'.repeat(3000) })));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('payload_too_large');
  });

  it('checks email and page URL formats', async () => {
    const res = await send(t, reporterSecret(), [submission({ contact: { email: 'not-an-email' } }), submission({ pageUrl: 'javascript:alert(1)x y' })]);
    expect(res.json().results[0]).toMatchObject({ result: 'rejected', error: { field: 'contact.email' } });
    expect(res.json().results[1]).toMatchObject({ result: 'rejected', error: { field: 'pageUrl' } });
  });

  it('flags a form filled faster than a person could', async () => {
    await send(t, reporterSecret(), [submission({ fillMs: 200 })]);
    const row = await t.store.db.selectFrom('submissions').select('spam_reason').executeTakeFirstOrThrow();
    expect(row.spam_reason).toBe('form filled in 200 ms');
  });

  it('flags a filled honeypot for staff and keeps the submission', async () => {
    const res = await send(t, reporterSecret(), [submission({ trap: 'http://spam.example' })]);
    expect(res.json().results[0].result).toBe('accepted');
    const row = await t.store.db.selectFrom('submissions').select('spam_reason').executeTakeFirstOrThrow();
    expect(row.spam_reason).toBe('honeypot field filled');
  });

  it('answers an empty batch with a 400 that names the field', async () => {
    const res = await send(t, reporterSecret(), []);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'invalid', field: 'submissions' });
  });

  it('refuses the old body shape with a 400 that names the field it needs', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/submissions',
      headers: { origin: 'https://shop.example', 'x-sori-site': t.site.key, 'x-sori-reporter': reporterSecret() },
      payload: { items: [submission()] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'invalid', field: 'submissions' });
  });
});
