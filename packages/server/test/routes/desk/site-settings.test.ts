import { PATHS, type AdminSite, type DeskDetail, type SiteConfig } from '@sori/protocol';
import { describe, expect, it } from 'vitest';
import { createUser } from '../../../src/services/users.js';
import { desk, engines, STORE_ORIGIN, submit, useTestApp } from '../../helpers.js';

/** Closed every day but one minute a week (Sunday 00:00–00:01 UTC): whatever "now" is, a target lands on a Sunday. */
const ALMOST_NEVER = { timeZone: 'UTC', weekly: { sun: [{ from: '00:00', to: '00:01' }] }, holidays: [] };

describe.each(engines)('site settings on %s', (engine) => {
  const t = useTestApp(engine);
  const site = (token: string) => desk(t, 'GET', `/v1/desk/admin/sites/${t.site.id}`, undefined, token);
  const patch = async (body: object) => desk(t, 'PATCH', `/v1/desk/admin/sites/${t.site.id}`, body, await t.adminToken());

  it('adds and removes origins as origins, and empties the list only when told to', async () => {
    const added = await patch({ addOrigins: ['https://second.example/path'] });
    expect((added.json() as AdminSite).origins).toEqual([STORE_ORIGIN, 'https://second.example']);
    expect((await patch({ addOrigins: ['not an origin'] })).json()).toMatchObject({ error: { code: 'invalid', field: 'addOrigins' } });
    expect((await patch({ removeOrigins: ['https://elsewhere.example'] })).json()).toMatchObject({ error: { field: 'removeOrigins' } });
    const last = await patch({ removeOrigins: [STORE_ORIGIN, 'https://second.example'] });
    expect(last.json()).toMatchObject({ error: { code: 'invalid', field: 'removeOrigins', message: expect.stringContaining('confirmNoOrigins') } });
    const emptied = await patch({ removeOrigins: [STORE_ORIGIN, 'https://second.example'], confirmNoOrigins: true });
    expect((emptied.json() as AdminSite).origins).toEqual([]);
  });

  it('names the field of a setting it refuses', async () => {
    const cases: Array<[object, string]> = [
      [{ settings: { businessHours: { timeZone: 'Mars/Olympus', weekly: {}, holidays: [] } } }, 'settings.businessHours.timeZone'],
      [{ settings: { businessHours: { timeZone: 'UTC', weekly: { mon: [{ from: '18:00', to: '09:00' }] }, holidays: [] } } }, 'settings.businessHours.weekly.mon'],
      [{ settings: { routing: { byKind: { complaint: 'nowhere' } } } }, 'settings.routing.byKind.complaint'],
      [{ settings: { businessHours: { timeZone: 'UTC', weekly: { tue: [{ from: '13:00', to: '18:00' }, { from: '09:00', to: '13:30' }] }, holidays: [] } } }, 'settings.businessHours.weekly.tue'],
      [{ settings: { theme: { accent: 'url(javascript:alert(1))' } } }, 'settings.theme.accent'],
    ];
    for (const [body, field] of cases) {
      const res = await patch(body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error, field).toMatchObject({ code: 'invalid', field });
    }
    const schema = await patch({ settings: { slaMinutes: { complaint: 0 } } });
    expect(schema.json().error).toMatchObject({ code: 'invalid', field: expect.stringContaining('slaMinutes') });
    const days = await patch({ settings: { followUpDays: 91 } });
    expect(days.json().error).toMatchObject({ code: 'invalid', field: expect.stringContaining('followUpDays') });
    // Falsy is not null: 0 and "" are refused, not taken as "put the default back".
    await patch({ settings: { followUpDays: 7 } });
    for (const followUpDays of [0, '', false, '7']) {
      const res = await patch({ settings: { followUpDays } });
      expect(res.statusCode, String(followUpDays)).toBe(400);
      expect(res.json().error, String(followUpDays)).toMatchObject({ code: 'invalid', field: expect.stringContaining('followUpDays') });
    }
    expect((await patch({ name: 'Test shop' })).json().settings).toMatchObject({ followUpDays: 7 });
  });

  it('sets the days before an unrated resolution goes on the follow-up list, and puts the default back with null', async () => {
    expect((await patch({ settings: { followUpDays: 7 } })).json().settings).toMatchObject({ followUpDays: 7 });
    expect((await patch({ settings: { followUpDays: null } })).json().settings.followUpDays).toBeUndefined();
  });

  it('shows a change on GET /v1/site at once, with the expected answer counted in business hours, and audits it', async () => {
    const before = (await t.app.inject({ method: 'GET', url: PATHS.site, headers: { origin: STORE_ORIGIN, 'x-sori-site': t.site.key } })).json() as SiteConfig;
    expect(before.expectedResponse?.open).toBe(true);
    await patch({ name: 'Renamed shop', settings: { businessHours: ALMOST_NEVER, strings: { 'compose.title': 'Tell us' } } });
    const after = (await t.app.inject({ method: 'GET', url: PATHS.site, headers: { origin: STORE_ORIGIN, 'x-sori-site': t.site.key } })).json() as SiteConfig;
    expect(after).toMatchObject({ name: 'Renamed shop', strings: { 'compose.title': 'Tell us' } });
    expect(after.expectedResponse).toMatchObject({ open: false, timeZone: 'UTC' });
    const by = new Date(after.expectedResponse!.by['complaint']!);
    expect(by.getUTCDay()).toBe(0);
    expect(by.getTime()).toBeGreaterThan(Date.now());

    const admin = await t.adminToken();
    const audit = (await desk(t, 'GET', `/v1/desk/admin/audit?subject=site&subjectId=${t.site.id}`, undefined, admin)).json();
    expect(audit.entries[0]).toMatchObject({ actorName: 'Boss', action: 'updated', changes: { name: { from: 'Test shop', to: 'Renamed shop' }, businessHours: { from: null, to: ALMOST_NEVER } } });
    expect((await site(admin)).json()).toMatchObject({ name: 'Renamed shop', key: t.site.key });
  });

  it('sets due times with business hours on arrival, and filters by resolution breach', async () => {
    await patch({ settings: { businessHours: ALMOST_NEVER } });
    const id = await submit(t);
    const { submission } = (await desk(t, 'GET', `/v1/desk/submissions/${id}`)).json() as DeskDetail;
    expect(new Date(submission.expectedResponseBy).getUTCDay()).toBe(0);
    expect(submission.resolutionDueBy).toBeDefined();

    await t.store.db.updateTable('submissions').set({ resolution_due_by: '2020-01-01T00:00:00.000Z' }).where('id', '=', id).execute();
    const breached = (await desk(t, 'GET', '/v1/desk/submissions?sla=resolution_breached')).json();
    expect(breached.submissions.map((s: { id: string }) => s.id)).toEqual([id]);
    expect((await desk(t, 'GET', '/v1/desk/submissions?sla=resolution_due_soon')).json().submissions).toEqual([]);
  });

  it('routes a complaint to its default department and round-robins it among the site’s active agents, saying it was automatic', async () => {
    const admin = await t.adminToken();
    const a = await createUser(t.store.db, { email: 'a@shop.example', role: 'agent', password: 'password a 123', department: 'customer_service', siteIds: [t.site.id] });
    const b = await createUser(t.store.db, { email: 'b@shop.example', role: 'agent', password: 'password b 123', department: 'customer_service', siteIds: [t.site.id] });
    await createUser(t.store.db, { email: 'c@shop.example', role: 'agent', password: 'password c 123', department: 'customer_service' });
    await patch({ settings: { routing: { byKind: { complaint: 'customer_service' }, byProduct: { Blender: 'rnd' }, roundRobin: true } } });

    const assignees: Array<string | undefined> = [];
    for (let i = 0; i < 3; i++) {
      const { submission, timeline } = (await desk(t, 'GET', `/v1/desk/submissions/${await submit(t)}`, undefined, admin)).json() as DeskDetail;
      expect(submission.department).toBe('customer_service');
      assignees.push(submission.assigneeId);
      expect(timeline.find((e) => e.type === 'routing')).toMatchObject({ author: 'system', data: { to: 'customer_service', automatic: true, rule: 'kind' } });
      expect(timeline.find((e) => e.type === 'assignment')).toMatchObject({ author: 'system', data: { automatic: true, rule: 'round_robin' } });
    }
    const [first, second, third] = assignees;
    expect(new Set([first, second])).toEqual(new Set([a.id, b.id]));
    expect(third).toBe(first);

    const byProduct = (await desk(t, 'GET', `/v1/desk/submissions/${await submit(t, undefined, { product: 'Blender' })}`, undefined, admin)).json() as DeskDetail;
    expect(byProduct.submission.department).toBe('rnd');
    expect(byProduct.submission.assigneeId).toBeUndefined();
  });

  it('counts both clocks again from receipt when a submission is classified as another kind', async () => {
    await patch({ settings: { slaMinutes: { complaint: 60, praise: 600 }, resolutionMinutes: { complaint: 120, praise: 1200 } } });
    const id = await submit(t);
    const { submission } = (await desk(t, 'GET', `/v1/desk/submissions/${id}`)).json() as DeskDetail;
    const minutesAfter = (at: string | undefined) => (Date.parse(at!) - Date.parse(submission.receivedAt)) / 60_000;
    expect([minutesAfter(submission.expectedResponseBy), minutesAfter(submission.resolutionDueBy)]).toEqual([60, 120]);
    const changed = (await desk(t, 'PATCH', `/v1/desk/submissions/${id}`, { kind: 'praise' })).json() as { submission: DeskDetail['submission'] };
    expect([minutesAfter(changed.submission.expectedResponseBy), minutesAfter(changed.submission.resolutionDueBy)]).toEqual([600, 1200]);
  });

  it('refuses agents on every site settings route', async () => {
    expect((await site(t.token)).statusCode).toBe(403);
    expect((await desk(t, 'GET', '/v1/desk/admin/sites')).statusCode).toBe(403);
    expect((await desk(t, 'PATCH', `/v1/desk/admin/sites/${t.site.id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await desk(t, 'POST', '/v1/desk/admin/sites', { name: 'x', origins: ['https://x.example'] })).statusCode).toBe(403);
  });
});
