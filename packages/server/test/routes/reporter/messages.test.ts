import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { desk, engines, reporterSecret, send, shopperHeaders, submission, useTestApp } from '../../helpers.js';

describe.each(engines)('POST /v1/reporter/messages on %s', (engine) => {
  const t = useTestApp(engine);
  let secret: string;
  let complaint: Record<string, unknown>;
  let id: string;
  beforeEach(async () => {
    secret = reporterSecret();
    complaint = submission();
    id = (await send(t, secret, [complaint])).json().results[0].receipt.id;
  });

  const message = (text: string, clientId = randomUUID(), who = secret) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/reporter/messages',
      headers: shopperHeaders(t.site, who),
      payload: { messages: [{ clientId, submissionClientId: complaint['clientId'], text, createdAt: new Date().toISOString() }] },
    });

  it("puts the shopper's answer in the thread and the submission back in staff's court", async () => {
    await desk(t, 'POST', `/v1/desk/submissions/${id}/replies`, { text: 'Which colour did you order?' });
    const res = await message('The red one.');
    expect(res.json().results[0]).toMatchObject({ result: 'accepted', event: { type: 'message', author: 'reporter', text: 'The red one.' } });
    const detail = await desk(t, 'GET', `/v1/desk/submissions/${id}`);
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

  it("refuses a message on someone else's submission", async () => {
    const res = await message('Let me in', randomUUID(), reporterSecret());
    expect(res.json().results[0]).toMatchObject({ result: 'rejected', error: { code: 'not_found', field: 'submissionClientId' } });
  });
});
