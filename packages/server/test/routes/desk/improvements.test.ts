import type { Improvement, ImprovementList } from '@sori/protocol';
import { describe, expect, it } from 'vitest';
import { addWebhook, desk, engines, eventually, RECEIVER_ALLOWED, reporterSecret, shopperHeaders, startHookReceiver, submit, useTestApp } from '../../helpers.js';

describe.each(engines)('/v1/desk/improvements on %s', (engine) => {
  const t = useTestApp(engine, { ...RECEIVER_ALLOWED, notifierPollMs: 50 });

  it('tells both shoppers of linked suggestions when it is done: a public event each, an email where they consented', async () => {
    const first = reporterSecret();
    const second = reporterSecret();
    const a = await submit(t, first, { kind: 'suggestion', message: 'A blue jar, please', contact: { email: 'a@example.com', consent: true, preference: 'email' } });
    const b = await submit(t, second, { kind: 'suggestion', message: 'More colours' });
    const created = await desk(t, 'POST', '/v1/desk/improvements', { title: 'Blue jars from May', department: 'production', submissionIds: [a] });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = (created.json() as { improvement: Improvement }).improvement;
    const linked = await desk(t, 'POST', `/v1/desk/improvements/${id}/submissions`, { submissionIds: [b, a] });
    expect(linked.json().improvement).toMatchObject({ submissionCount: 2, complaintCount: 0, status: 'proposed' });

    expect((await desk(t, 'PATCH', `/v1/desk/improvements/${id}`, { status: 'planned' })).json().improvement.status).toBe('planned');
    const done = await desk(t, 'PATCH', `/v1/desk/improvements/${id}`, { status: 'done' });
    expect(done.json().improvement).toMatchObject({ status: 'done', doneAt: expect.any(String) });

    for (const secret of [first, second]) {
      const events = (await t.app.inject({ method: 'GET', url: '/v1/reporter/events', headers: shopperHeaders(t.site, secret) })).json().events;
      expect(events.at(-1)).toMatchObject({ type: 'improvement_done', text: 'Blue jars from May' });
    }
    const emails = await t.store.db.selectFrom('notifications').select(['target', 'payload']).where('channel', '=', 'email').execute();
    expect(emails.map((e) => e.target)).toEqual(['a@example.com']);
    expect(JSON.parse(emails[0]!.payload).text).toContain('Blue jars from May');
    // Done is final.
    const back = await desk(t, 'PATCH', `/v1/desk/improvements/${id}`, { status: 'planned' });
    expect(back.statusCode).toBe(409);
  });

  it('lists per department with the submissions and complaints behind each', async () => {
    const complaint = await submit(t, reporterSecret(), { kind: 'complaint' });
    const suggestion = await submit(t, reporterSecret(), { kind: 'suggestion' });
    const inquiry = await submit(t, reporterSecret(), { kind: 'inquiry' });
    await desk(t, 'POST', '/v1/desk/improvements', { title: 'Stronger jars', department: 'production', submissionIds: [complaint, suggestion] });
    await desk(t, 'POST', '/v1/desk/improvements', { title: 'Clearer manual', department: 'rnd', submissionIds: [inquiry] });
    await desk(t, 'POST', '/v1/desk/improvements', { title: 'Gift wrap', department: 'production', submissionIds: [suggestion] });
    const list = (await desk(t, 'GET', '/v1/desk/improvements')).json() as ImprovementList;
    expect(list.departments).toEqual([
      { department: 'production', improvements: 2, submissions: 3, complaints: 1 },
      { department: 'rnd', improvements: 1, submissions: 1, complaints: 0 },
    ]);
    const forSubmission = (await desk(t, 'GET', `/v1/desk/improvements?submissionId=${complaint}`)).json() as ImprovementList;
    expect(forSubmission.improvements.map((i) => i.title)).toEqual(['Stronger jars']);
    const detail = (await desk(t, 'GET', `/v1/desk/submissions/${complaint}`)).json();
    expect(detail.timeline.at(-1)).toMatchObject({ type: 'improvement', public: false, text: 'Stronger jars' });
  });

  it('needs a reason to decline, a known department and submissions of one site', async () => {
    const id = await submit(t, reporterSecret(), { kind: 'suggestion' });
    const unknown = await desk(t, 'POST', '/v1/desk/improvements', { title: 'X', department: 'space', submissionIds: [id] });
    expect(unknown.json().error).toMatchObject({ code: 'invalid', field: 'department' });
    const missing = await desk(t, 'POST', '/v1/desk/improvements', { title: 'X', department: 'rnd', submissionIds: ['nope'] });
    expect(missing.json().error).toMatchObject({ code: 'invalid', field: 'submissionIds' });
    const created = (await desk(t, 'POST', '/v1/desk/improvements', { title: 'X', department: 'rnd', submissionIds: [id] })).json().improvement;
    const noReason = await desk(t, 'PATCH', `/v1/desk/improvements/${created.id}`, { status: 'declined' });
    expect(noReason.json().error).toMatchObject({ code: 'invalid', field: 'reason' });
    const declined = await desk(t, 'PATCH', `/v1/desk/improvements/${created.id}`, { status: 'declined', reason: 'Out of scope' });
    expect(declined.json().improvement).toMatchObject({ status: 'declined', reason: 'Out of scope' });
  });

  it("calls the department's webhook on every change", async () => {
    const hooks = await startHookReceiver();
    try {
      await addWebhook(t, { url: hooks.url, department: 'production' });
      const id = await submit(t, reporterSecret(), { kind: 'suggestion' });
      const created = (await desk(t, 'POST', '/v1/desk/improvements', { title: 'Blue jars', department: 'production', submissionIds: [id] })).json().improvement;
      await desk(t, 'PATCH', `/v1/desk/improvements/${created.id}`, { status: 'done' });
      const calls = await eventually(() => (hooks.calls.length >= 2 ? hooks.calls : undefined), 15_000);
      const events = calls.map((c) => JSON.parse(c.body) as { event: string; data: { improvement: Improvement } });
      expect(events.map((e) => e.event).sort()).toEqual(['improvement.created', 'improvement.updated']);
      expect(events.find((e) => e.event === 'improvement.updated')?.data.improvement.status).toBe('done');
    } finally {
      await hooks.close();
    }
  });
});
