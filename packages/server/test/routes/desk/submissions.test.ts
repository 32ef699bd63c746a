import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { desk, engines, reporterSecret, send, shopperHeaders, submission, useTestApp } from '../../helpers.js';

describe.each(engines)('/v1/desk/submissions on %s', (engine) => {
  const t = useTestApp(engine);
  let secret: string;
  let id: string;
  beforeEach(async () => {
    secret = reporterSecret();
    const res = await send(t, secret, [submission({ message: 'Order 1042 never arrived', orderRef: 'A-1042' }), submission({ kind: 'praise', message: 'Lovely packaging' })]);
    id = res.json().results[0].receipt.id;
  });

  const mine = async () => (await t.app.inject({ method: 'GET', url: '/v1/reporter/submissions', headers: shopperHeaders(t.site, secret) })).json();

  it('lists newest first, searches by text and filters by status', async () => {
    const all = (await desk(t, 'GET', '/v1/desk/submissions')).json();
    expect(all.submissions.map((s: { message: string }) => s.message)).toHaveLength(2);
    const found = (await desk(t, 'GET', '/v1/desk/submissions?q=NEVER%20arrived')).json();
    expect(found.submissions).toHaveLength(1);
    expect(found.submissions[0]).toMatchObject({ id, orderRef: 'A-1042', status: 'received', awaiting: 'staff' });
    const byOrder = (await desk(t, 'GET', '/v1/desk/submissions?q=a-1042')).json();
    expect(byOrder.submissions).toHaveLength(1);
    const resolved = (await desk(t, 'GET', '/v1/desk/submissions?status=resolved')).json();
    expect(resolved.submissions).toHaveLength(0);
    const page = (await desk(t, 'GET', '/v1/desk/submissions?limit=1')).json();
    expect(page.submissions).toHaveLength(1);
    const next = (await desk(t, 'GET', `/v1/desk/submissions?limit=1&cursor=${page.nextCursor}`)).json();
    expect(next.submissions[0].id).not.toBe(page.submissions[0].id);
    expect(next.nextCursor).toBeUndefined();
  });

  it('finds submissions whose first response is overdue', async () => {
    await t.store.db.updateTable('submissions').set({ expected_response_by: new Date(Date.now() - 60_000).toISOString() }).where('id', '=', id).execute();
    const breached = (await desk(t, 'GET', '/v1/desk/submissions?sla=breached')).json();
    expect(breached.submissions.map((s: { id: string }) => s.id)).toEqual([id]);
    await desk(t, 'POST', `/v1/desk/submissions/${id}/replies`, { text: 'On it' });
    expect((await desk(t, 'GET', '/v1/desk/submissions?sla=breached')).json().submissions).toHaveLength(0);
  });

  it('filters by kind, department, assignee and product', async () => {
    const agent = await t.store.db.selectFrom('users').select('id').executeTakeFirstOrThrow();
    await desk(t, 'PATCH', `/v1/desk/submissions/${id}`, { department: 'logistics', assigneeId: agent.id, product: 'Onggi blender' });
    const ids = async (query: string) => (await desk(t, 'GET', `/v1/desk/submissions?${query}`)).json().submissions.map((s: { id: string }) => s.id);
    expect(await ids('kind=praise')).not.toContain(id);
    expect(await ids('kind=complaint')).toEqual([id]);
    expect(await ids('department=logistics')).toEqual([id]);
    expect(await ids(`assignee=${agent.id}`)).toEqual([id]);
    expect(await ids('product=Onggi%20blender')).toEqual([id]);
    expect(await ids('department=rnd')).toEqual([]);
  });

  it('names a bad filter value', async () => {
    const res = await desk(t, 'GET', '/v1/desk/submissions?status=lost');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'invalid', field: 'status' });
  });

  it('changes status along the lifecycle and records it in the timeline', async () => {
    const res = await desk(t, 'PATCH', `/v1/desk/submissions/${id}`, { status: 'in_progress' });
    expect(res.statusCode).toBe(200);
    expect(res.json().submission).toMatchObject({ status: 'in_progress', publicStatus: 'in_review' });
    const detail = (await desk(t, 'GET', `/v1/desk/submissions/${id}`)).json();
    expect(detail.timeline.map((e: { type: string }) => e.type)).toEqual(['received', 'status']);
    expect(detail.timeline[1]).toMatchObject({ actorName: 'Mina', data: { from: 'received', to: 'in_progress' } });
  });

  it('refuses a transition the lifecycle does not allow and says which are allowed', async () => {
    await desk(t, 'PATCH', `/v1/desk/submissions/${id}`, { status: 'resolved' });
    const res = await desk(t, 'PATCH', `/v1/desk/submissions/${id}`, { status: 'in_progress' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'invalid_transition', field: 'status' });
    expect(res.json().error.message).toContain('reopened, closed');
  });

  it('needs a reason to close', async () => {
    const res = await desk(t, 'PATCH', `/v1/desk/submissions/${id}`, { status: 'closed' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('reason');
    const ok = await desk(t, 'PATCH', `/v1/desk/submissions/${id}`, { status: 'closed', reason: 'Duplicate of SR-1' });
    expect(ok.json().submission).toMatchObject({ status: 'closed', publicStatus: 'closed', closedReason: 'Duplicate of SR-1' });
  });

  it('shows a public reply to the shopper as answered and keeps internal notes from them', async () => {
    const reply = await desk(t, 'POST', `/v1/desk/submissions/${id}/replies`, { text: 'We are sending a new one today.' });
    expect(reply.statusCode).toBe(201);
    expect(reply.json().submission).toMatchObject({ publicStatus: 'answered', awaiting: 'reporter' });
    expect(reply.json().submission.firstResponseAt).toBeDefined();
    const note = await desk(t, 'POST', `/v1/desk/submissions/${id}/notes`, { text: 'Courier lost it again' });
    expect(note.json().event).toMatchObject({ type: 'note', public: false, text: 'Courier lost it again' });
    const complaint = (await mine()).submissions.find((s: { id: string }) => s.id === id);
    expect(complaint.publicStatus).toBe('answered');
    expect(complaint.timeline.map((e: { type: string }) => e.type)).toEqual(['received', 'reply']);
    expect(complaint.timeline[1]).toMatchObject({ author: 'staff', authorName: 'Mina', text: 'We are sending a new one today.' });
    expect(JSON.stringify(await mine())).not.toContain('Courier lost it again');
  });

  it('classifies, routes and assigns with staff-only timeline events', async () => {
    const agent = await t.store.db.selectFrom('users').select('id').executeTakeFirstOrThrow();
    const res = await desk(t, 'PATCH', `/v1/desk/submissions/${id}`, { kind: 'inquiry', product: 'Onggi blender', department: 'logistics', assigneeId: agent.id });
    expect(res.statusCode).toBe(200);
    expect(res.json().submission).toMatchObject({ kind: 'inquiry', product: 'Onggi blender', department: 'logistics', assigneeId: agent.id });
    const detail = (await desk(t, 'GET', `/v1/desk/submissions/${id}`)).json();
    expect(detail.timeline.slice(1).map((e: { type: string; public: boolean }) => [e.type, e.public])).toEqual([
      ['classification', false],
      ['routing', false],
      ['assignment', false],
    ]);
    const bad = await desk(t, 'PATCH', `/v1/desk/submissions/${id}`, { department: 'astrology' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('customer_service');
    expect((await mine()).submissions.find((s: { id: string }) => s.id === id).timeline).toHaveLength(1);
  });

  it('asks a department for an improvement, staff-only, with its text', async () => {
    const res = await desk(t, 'POST', `/v1/desk/submissions/${id}/improvements`, { department: 'rnd', text: 'Test a thicker insert' });
    expect(res.statusCode).toBe(201);
    expect(res.json().event).toMatchObject({ type: 'improvement', public: false, text: 'Test a thicker insert', data: { department: 'rnd' } });
  });

  it('answers 404 for an unknown submission', async () => {
    const res = await desk(t, 'GET', '/v1/desk/submissions/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it("erases a shopper's words and contact on request, admins only, keeping an audited timeline", async () => {
    const written = submission({ message: 'My address is 12 Secret St', contact: { email: 'me@example.com', consent: true } });
    const erasable = (await send(t, secret, [written])).json().results[0].receipt.id;
    await t.app.inject({
      method: 'POST',
      url: '/v1/reporter/messages',
      headers: shopperHeaders(t.site, secret),
      payload: { messages: [{ clientId: randomUUID(), submissionClientId: written['clientId'], text: 'Flat 3, 12 Secret St', createdAt: new Date().toISOString() }] },
    });
    const byAgent = await desk(t, 'POST', `/v1/desk/submissions/${erasable}/erasure`, { reason: 'asked by email' });
    expect(byAgent.statusCode).toBe(403);
    const adminToken = await t.adminToken();
    const res = await desk(t, 'POST', `/v1/desk/submissions/${erasable}/erasure`, { reason: 'asked by email' }, adminToken);
    expect(res.statusCode).toBe(200);
    expect(res.json().submission.contact).toBeUndefined();
    const detail = await desk(t, 'GET', `/v1/desk/submissions/${erasable}`, undefined, adminToken);
    expect(JSON.stringify(detail.json())).not.toContain('Secret St');
    expect(detail.json().timeline.at(-1)).toMatchObject({ type: 'erasure', text: 'asked by email', actorName: 'Boss', public: false });
  });
});
