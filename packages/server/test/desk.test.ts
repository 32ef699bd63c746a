import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUser, createApiToken } from '../src/services/users.js';
import { buildTestApp, engines, item, reporterSecret, shopperHeaders, type TestContext } from './helpers.js';

describe.each(engines)('desk API on %s', (engine) => {
  let t: TestContext;
  let secret: string;
  let id: string;
  beforeEach(async () => {
    t = await buildTestApp(engine);
    secret = reporterSecret();
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/submissions',
      headers: shopperHeaders(t.site, secret),
      payload: { items: [item({ message: 'Order 1042 never arrived', orderRef: 'A-1042' }), item({ kind: 'praise', message: 'Lovely packaging' })] },
    });
    id = res.json().results[0].receipt.id;
  });
  afterEach(() => t.close());

  const desk = (method: 'GET' | 'PATCH' | 'POST', url: string, payload?: object, token = t.token) =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

  it('refuses staff routes without a valid API token', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/v1/desk/submissions' });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('unauthorized');
    const wrong = await desk('GET', '/v1/desk/submissions', undefined, 'sori_forged');
    expect(wrong.statusCode).toBe(401);
  });

  it('lists newest first, searches by text and filters by status', async () => {
    const all = (await desk('GET', '/v1/desk/submissions')).json();
    expect(all.submissions.map((s: { message: string }) => s.message)).toHaveLength(2);
    const found = (await desk('GET', '/v1/desk/submissions?q=NEVER%20arrived')).json();
    expect(found.submissions).toHaveLength(1);
    expect(found.submissions[0]).toMatchObject({ id, orderRef: 'A-1042', status: 'received', awaiting: 'staff' });
    const byOrder = (await desk('GET', '/v1/desk/submissions?q=a-1042')).json();
    expect(byOrder.submissions).toHaveLength(1);
    const resolved = (await desk('GET', '/v1/desk/submissions?status=resolved')).json();
    expect(resolved.submissions).toHaveLength(0);
    const page = (await desk('GET', '/v1/desk/submissions?limit=1')).json();
    expect(page.submissions).toHaveLength(1);
    const next = (await desk('GET', `/v1/desk/submissions?limit=1&cursor=${page.nextCursor}`)).json();
    expect(next.submissions[0].id).not.toBe(page.submissions[0].id);
    expect(next.nextCursor).toBeUndefined();
  });

  it('finds items whose first response is overdue', async () => {
    await t.store.db.updateTable('submissions').set({ expected_response_by: new Date(Date.now() - 60_000).toISOString() }).where('id', '=', id).execute();
    const breached = (await desk('GET', '/v1/desk/submissions?sla=breached')).json();
    expect(breached.submissions.map((s: { id: string }) => s.id)).toEqual([id]);
    await desk('POST', `/v1/desk/submissions/${id}/replies`, { message: 'On it' });
    expect((await desk('GET', '/v1/desk/submissions?sla=breached')).json().submissions).toHaveLength(0);
  });

  it('filters by kind, department, assignee and product', async () => {
    const agent = await t.store.db.selectFrom('users').select('id').executeTakeFirstOrThrow();
    await desk('PATCH', `/v1/desk/submissions/${id}`, { department: 'logistics', assigneeId: agent.id, product: 'Onggi blender' });
    const ids = async (query: string) => (await desk('GET', `/v1/desk/submissions?${query}`)).json().submissions.map((s: { id: string }) => s.id);
    expect(await ids('kind=praise')).not.toContain(id);
    expect(await ids('kind=complaint')).toEqual([id]);
    expect(await ids('department=logistics')).toEqual([id]);
    expect(await ids(`assignee=${agent.id}`)).toEqual([id]);
    expect(await ids('product=Onggi%20blender')).toEqual([id]);
    expect(await ids('department=rnd')).toEqual([]);
  });

  it('names a bad filter value', async () => {
    const res = await desk('GET', '/v1/desk/submissions?status=lost');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'invalid', field: 'status' });
  });

  it('changes status along the lifecycle and records it in the timeline', async () => {
    const res = await desk('PATCH', `/v1/desk/submissions/${id}`, { status: 'in_progress' });
    expect(res.statusCode).toBe(200);
    expect(res.json().submission).toMatchObject({ status: 'in_progress', publicStatus: 'in_review' });
    const detail = (await desk('GET', `/v1/desk/submissions/${id}`)).json();
    expect(detail.timeline.map((e: { type: string }) => e.type)).toEqual(['received', 'status']);
    expect(detail.timeline[1]).toMatchObject({ actorName: 'Mina', data: { from: 'received', to: 'in_progress' } });
  });

  it('refuses a transition the lifecycle does not allow and says which are allowed', async () => {
    await desk('PATCH', `/v1/desk/submissions/${id}`, { status: 'resolved' });
    const res = await desk('PATCH', `/v1/desk/submissions/${id}`, { status: 'in_progress' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'invalid_transition', field: 'status' });
    expect(res.json().error.message).toContain('reopened, closed');
  });

  it('needs a reason to close', async () => {
    const res = await desk('PATCH', `/v1/desk/submissions/${id}`, { status: 'closed' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('reason');
    const ok = await desk('PATCH', `/v1/desk/submissions/${id}`, { status: 'closed', reason: 'Duplicate of SR-1' });
    expect(ok.json().submission).toMatchObject({ status: 'closed', publicStatus: 'closed', closedReason: 'Duplicate of SR-1' });
  });

  it('shows a public reply to the shopper as answered and keeps internal notes from them', async () => {
    const reply = await desk('POST', `/v1/desk/submissions/${id}/replies`, { message: 'We are sending a new one today.' });
    expect(reply.statusCode).toBe(201);
    expect(reply.json().submission).toMatchObject({ publicStatus: 'answered', awaiting: 'reporter' });
    expect(reply.json().submission.firstResponseAt).toBeDefined();
    await desk('POST', `/v1/desk/submissions/${id}/notes`, { message: 'Courier lost it again' });
    const mine = await t.app.inject({ method: 'GET', url: '/v1/reporter/items', headers: shopperHeaders(t.site, secret) });
    const complaint = mine.json().items.find((i: { id: string }) => i.id === id);
    expect(complaint.publicStatus).toBe('answered');
    expect(complaint.timeline.map((e: { type: string }) => e.type)).toEqual(['received', 'reply']);
    expect(complaint.timeline[1]).toMatchObject({ author: 'staff', authorName: 'Mina', message: 'We are sending a new one today.' });
    expect(JSON.stringify(mine.json())).not.toContain('Courier lost it again');
  });

  it('classifies, routes and assigns with staff-only timeline events', async () => {
    const agent = await t.store.db.selectFrom('users').select('id').executeTakeFirstOrThrow();
    const res = await desk('PATCH', `/v1/desk/submissions/${id}`, { kind: 'inquiry', product: 'Onggi blender', department: 'logistics', assigneeId: agent.id });
    expect(res.statusCode).toBe(200);
    expect(res.json().submission).toMatchObject({ kind: 'inquiry', product: 'Onggi blender', department: 'logistics', assigneeId: agent.id });
    const detail = (await desk('GET', `/v1/desk/submissions/${id}`)).json();
    expect(detail.timeline.slice(1).map((e: { type: string; public: boolean }) => [e.type, e.public])).toEqual([
      ['classification', false],
      ['routing', false],
      ['assignment', false],
    ]);
    const bad = await desk('PATCH', `/v1/desk/submissions/${id}`, { department: 'astrology' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('customer_service');
    const mine = await t.app.inject({ method: 'GET', url: '/v1/reporter/items', headers: shopperHeaders(t.site, secret) });
    expect(mine.json().items.find((i: { id: string }) => i.id === id).timeline).toHaveLength(1);
  });

  it('answers 404 for an unknown submission', async () => {
    const res = await desk('GET', '/v1/desk/submissions/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('keeps API tokens and passwords hashed at rest', async () => {
    await createUser(t.store.db, { email: 'boss@shop.example', role: 'admin', password: 'a long enough password' });
    const { token } = await createApiToken(t.store.db, { userEmail: 'boss@shop.example' });
    const tokens = await t.store.db.selectFrom('api_tokens').select('token_hash').execute();
    expect(tokens.map((r) => r.token_hash)).not.toContain(token);
    const users = await t.store.db.selectFrom('users').select('password_hash').execute();
    expect(users.every((u) => u.password_hash.startsWith('scrypt$') && !u.password_hash.includes('a long enough password'))).toBe(true);
    expect((await desk('GET', '/v1/desk/submissions', undefined, token)).statusCode).toBe(200);
  });
});
