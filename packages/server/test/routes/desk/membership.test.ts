import { PATHS, type DeskList, type InboxCounts, type StaffEventsResponse, type SubmissionBatchResult } from '@sori/protocol';
import { describe, expect, it } from 'vitest';
import { createSite } from '../../../src/services/sites.js';
import { desk, engines, readEvents, reporterSecret, submission, submit, useTestApp, type TestContext } from '../../helpers.js';

const OTHER_ORIGIN = 'https://other.example';

/** A submission on a second site the agent Mina does not belong to. */
async function otherSiteSubmission(t: TestContext): Promise<{ siteId: string; id: string }> {
  const site = await createSite(t.store.db, { name: 'Other shop', origins: [OTHER_ORIGIN] });
  const res = await t.app.inject({
    method: 'POST',
    url: PATHS.submissions,
    headers: { origin: OTHER_ORIGIN, 'x-sori-site': site.key, 'x-sori-reporter': reporterSecret() },
    payload: { submissions: [submission({ message: 'Other shop: wrong size shipped' })] },
  });
  const [result] = (res.json() as SubmissionBatchResult).results;
  if (result?.result !== 'accepted') throw new Error(res.body);
  return { siteId: site.id, id: result.receipt.id };
}

describe.each(engines)('site membership on %s', (engine) => {
  const t = useTestApp(engine);

  it("keeps another site's submission from an agent everywhere: detail, changes, list, counts, events, export, analytics, sites", async () => {
    const mine = await submit(t);
    const other = await otherSiteSubmission(t);

    expect((await desk(t, 'GET', `/v1/desk/submissions/${other.id}`)).statusCode).toBe(404);
    expect((await desk(t, 'PATCH', `/v1/desk/submissions/${other.id}`, { status: 'triaged' })).statusCode).toBe(404);
    expect((await desk(t, 'POST', `/v1/desk/submissions/${other.id}/replies`, { text: 'hello' })).statusCode).toBe(404);
    expect((await desk(t, 'PUT', `/v1/desk/submissions/${other.id}/presence`, { state: 'viewing' })).statusCode).toBe(404);
    expect((await desk(t, 'PUT', `/v1/desk/submissions/${mine}/presence`, { state: 'viewing' })).statusCode).toBe(204);
    const bulk = (await desk(t, 'POST', '/v1/desk/submissions/bulk', { ids: [mine, other.id], change: { status: 'triaged' } })).json();
    expect(bulk).toMatchObject({ changed: 1, failed: [{ id: other.id, code: 'not_found' }] });

    const list = (await desk(t, 'GET', '/v1/desk/submissions')).json() as DeskList;
    expect(list.submissions.map((s) => s.id)).toEqual([mine]);
    const counts = (await desk(t, 'GET', '/v1/desk/submissions/counts')).json() as InboxCounts;
    expect(counts.counts.all).toBe(1);
    const events = (await desk(t, 'GET', '/v1/desk/events?after=0')).json() as StaffEventsResponse;
    expect(events.events.map((e) => e.submission.id)).not.toContain(other.id);
    expect(events.events.length).toBeGreaterThan(0);
    const csv = (await desk(t, 'GET', '/v1/desk/export.csv')).body;
    expect(csv).toContain('cracked jar');
    expect(csv).not.toContain('Other shop');
    expect((await desk(t, 'GET', '/v1/desk/analytics')).json()).toMatchObject({ total: 1 });
    expect((await desk(t, 'GET', '/v1/desk/sites')).json().sites.map((s: { id: string }) => s.id)).toEqual([t.site.id]);

    // An admin sees both sites' submissions.
    const admin = await t.adminToken();
    expect((await desk(t, 'GET', `/v1/desk/submissions/${other.id}`, undefined, admin)).statusCode).toBe(200);
    expect(((await desk(t, 'GET', '/v1/desk/submissions', undefined, admin)).json() as DeskList).submissions).toHaveLength(2);

    // Once the agent belongs to the other site too, they see it.
    const agent = (await desk(t, 'GET', '/v1/desk/admin/users', undefined, admin)).json().users.find((u: { email: string }) => u.email === 'agent@shop.example');
    const patched = await desk(t, 'PATCH', `/v1/desk/admin/users/${agent.id}`, { siteIds: [t.site.id, other.siteId] }, admin);
    expect(patched.json()).toMatchObject({ siteIds: [t.site.id, other.siteId].sort() });
    expect((await desk(t, 'GET', `/v1/desk/submissions/${other.id}`)).statusCode).toBe(200);
  });

  it("streams an agent none of another site's events", { timeout: 60_000 }, async () => {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const stream = await fetch(`${base}/v1/desk/events`, { headers: { authorization: `Bearer ${t.token}`, accept: 'text/event-stream' } });
    const read = readEvents(stream, 1);
    const other = await otherSiteSubmission(t);
    const mine = await submit(t);
    // Events keep their order: had the other site's come through, it would be the first.
    const [frame] = await read;
    expect(JSON.parse(frame!.data!).submission.id).toBe(mine);
    expect(frame!.data).not.toContain(other.id);
  });

  it('stops a disabled user at once: their token and their console session, and enables them again', async () => {
    const admin = await t.adminToken();
    const signIn = await t.app.inject({ method: 'POST', url: '/v1/desk/session', payload: { email: 'agent@shop.example', password: 'correct horse battery' } });
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    const users = (await desk(t, 'GET', '/v1/desk/admin/users', undefined, admin)).json().users as Array<{ id: string; email: string }>;
    const agent = users.find((u) => u.email === 'agent@shop.example')!;

    const disabled = await desk(t, 'PATCH', `/v1/desk/admin/users/${agent.id}`, { disabled: true }, admin);
    expect(disabled.json()).toMatchObject({ disabled: true });
    expect((await desk(t, 'GET', '/v1/desk/submissions')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/v1/desk/session', headers: { cookie } })).statusCode).toBe(401);
    const again = await t.app.inject({ method: 'POST', url: '/v1/desk/session', payload: { email: 'agent@shop.example', password: 'correct horse battery' } });
    expect(again.statusCode).toBe(401);

    await desk(t, 'PATCH', `/v1/desk/admin/users/${agent.id}`, { disabled: false }, admin);
    expect((await desk(t, 'GET', '/v1/desk/submissions')).statusCode).toBe(200);
    const audit = (await desk(t, 'GET', `/v1/desk/admin/audit?subject=user&subjectId=${agent.id}`, undefined, admin)).json();
    expect(audit.entries.map((e: { action: string; actorName: string }) => [e.action, e.actorName])).toEqual([
      ['enabled', 'Boss'],
      ['disabled', 'Boss'],
    ]);
  });

  it("ends a disabled user's open staff stream, and a revoked token's, without waiting for their next request", { timeout: 60_000 }, async () => {
    const admin = await t.adminToken();
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const open = (token: string) => fetch(`${base}/v1/desk/events`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } });
    /** Reads a stream to its end; answers false if it was still open after `ms`. */
    const ends = async (res: Response, ms = 10_000): Promise<boolean> => {
      const reader = res.body!.getReader();
      let gaveUp = false;
      const timer = setTimeout(() => {
        gaveUp = true;
        void reader.cancel();
      }, ms);
      try {
        while (!(await reader.read()).done);
        return !gaveUp;
      } finally {
        clearTimeout(timer);
      }
    };
    const users = (await desk(t, 'GET', '/v1/desk/admin/users', undefined, admin)).json().users as Array<{ id: string; email: string }>;
    const agent = users.find((u) => u.email === 'agent@shop.example')!;

    const agentStream = await open(t.token);
    expect(agentStream.status).toBe(200);
    const agentEnded = ends(agentStream);
    await desk(t, 'PATCH', `/v1/desk/admin/users/${agent.id}`, { disabled: true }, admin);
    expect(await agentEnded).toBe(true);

    const made = (await desk(t, 'POST', '/v1/desk/tokens', { name: 'integration' }, admin)).json() as { id: string; token: string };
    const tokenStream = await open(made.token);
    expect(tokenStream.status).toBe(200);
    const tokenEnded = ends(tokenStream);
    expect((await desk(t, 'DELETE', `/v1/desk/tokens/${made.id}`, undefined, admin)).statusCode).toBe(204);
    expect(await tokenEnded).toBe(true);
    // The admin's own stream, whose credentials still hold, stays open.
    const adminStream = await open(admin);
    expect(await ends(adminStream, 1500)).toBe(false);
  });

  it('refuses an agent on the admin routes with 403', async () => {
    expect((await desk(t, 'GET', '/v1/desk/admin/users')).statusCode).toBe(403);
    expect((await desk(t, 'GET', '/v1/desk/admin/audit')).statusCode).toBe(403);
    expect((await desk(t, 'POST', '/v1/desk/admin/users', { email: 'x@shop.example', role: 'admin' })).statusCode).toBe(403);
  });
});

describe.each(engines)('tokens and passwords on %s', (engine) => {
  const t = useTestApp(engine);

  it('lists a token with its last use, and a revoked token stops at once', async () => {
    const made = (await desk(t, 'POST', '/v1/desk/tokens', { name: 'zapier' })).json() as { token: string; id: string };
    expect((await desk(t, 'GET', '/v1/desk/submissions', undefined, made.token)).statusCode).toBe(200);
    const listed = (await desk(t, 'GET', '/v1/desk/tokens')).json().tokens as Array<{ id: string; name: string; lastUsedAt?: string; active: boolean }>;
    expect(listed.find((tk) => tk.id === made.id)).toMatchObject({ name: 'zapier', active: true, lastUsedAt: expect.any(String) });
    expect((await desk(t, 'DELETE', `/v1/desk/tokens/${made.id}`)).statusCode).toBe(204);
    expect((await desk(t, 'GET', '/v1/desk/submissions', undefined, made.token)).statusCode).toBe(401);
  });

  it("keeps an agent from revoking another's token, and an expired token from working", async () => {
    const admin = await t.adminToken();
    const adminTokens = (await desk(t, 'GET', '/v1/desk/tokens', undefined, admin)).json().tokens as Array<{ id: string; userEmail: string }>;
    const bosses = adminTokens.find((tk) => tk.userEmail === 'boss@shop.example')!;
    expect((await desk(t, 'DELETE', `/v1/desk/tokens/${bosses.id}`)).statusCode).toBe(404);
    const past = await desk(t, 'POST', '/v1/desk/tokens', { name: 'old', expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.json()).toMatchObject({ error: { code: 'invalid', field: 'expiresAt' } });
    const soon = (await desk(t, 'POST', '/v1/desk/tokens', { name: 'soon', expiresAt: new Date(Date.now() + 60_000).toISOString() })).json() as { id: string; token: string };
    await t.store.db.updateTable('api_tokens').set({ expires_at: '2020-01-01T00:00:00.000Z' }).where('id', '=', soon.id).execute();
    expect((await desk(t, 'GET', '/v1/desk/submissions', undefined, soon.token)).statusCode).toBe(401);
  });

  it('invites a user without a password, who sets one with the setup token once, and changes it knowing the current one', async () => {
    const admin = await t.adminToken();
    const invited = await desk(t, 'POST', '/v1/desk/admin/users', { email: 'new@shop.example', role: 'agent', siteIds: [t.site.id] }, admin);
    expect(invited.statusCode).toBe(201);
    const { user, setupToken } = invited.json() as { user: { passwordSet: boolean; siteIds: string[] }; setupToken: string };
    expect(user).toMatchObject({ passwordSet: false, siteIds: [t.site.id] });
    const noPassword = await t.app.inject({ method: 'POST', url: '/v1/desk/session', payload: { email: 'new@shop.example', password: '' } });
    expect(noPassword.statusCode).toBe(401);
    const setup = (password: string) => t.app.inject({ method: 'POST', url: '/v1/desk/session/setup', payload: { token: setupToken, password } });
    expect((await setup('first password 1')).statusCode).toBe(204);
    expect((await setup('second password 2')).json()).toMatchObject({ error: { field: 'token' } });
    const signIn = await t.app.inject({ method: 'POST', url: '/v1/desk/session', payload: { email: 'new@shop.example', password: 'first password 1' } });
    expect(signIn.statusCode).toBe(200);
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    const csrf = (signIn.json() as { csrfToken: string }).csrfToken;
    const change = (currentPassword: string) =>
      t.app.inject({ method: 'PUT', url: '/v1/desk/session/password', headers: { cookie, 'x-csrf-token': csrf }, payload: { currentPassword, newPassword: 'changed password 3' } });
    expect((await change('wrong one')).json()).toMatchObject({ error: { code: 'invalid', field: 'currentPassword' } });
    expect((await change('first password 1')).statusCode).toBe(204);
    const after = await t.app.inject({ method: 'POST', url: '/v1/desk/session', payload: { email: 'new@shop.example', password: 'changed password 3' } });
    expect(after.statusCode).toBe(200);
  });

  it('names the field of a bad invitation', async () => {
    const admin = await t.adminToken();
    const res = await desk(t, 'POST', '/v1/desk/admin/users', { email: 'z@shop.example', role: 'agent', siteIds: ['nope'] }, admin);
    expect(res.json()).toMatchObject({ error: { code: 'invalid', field: 'siteIds' } });
  });
});
