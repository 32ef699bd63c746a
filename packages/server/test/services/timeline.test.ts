import { describe, expect, it } from 'vitest';
import { publicEventsAfter, publicEventsAfterEach } from '../../src/services/timeline.js';
import { desk, engines, reporterSecret, submit, useTestApp, type TestContext } from '../helpers.js';

/** A reporter with one submission, a staff note (not public), a status change and a reply: three public events. */
async function reporterWithEvents(t: TestContext): Promise<string> {
  const id = await submit(t, reporterSecret());
  await desk(t, 'POST', `/v1/desk/submissions/${id}/notes`, { text: 'Check the courier' });
  await desk(t, 'PATCH', `/v1/desk/submissions/${id}`, { status: 'in_progress' });
  await desk(t, 'POST', `/v1/desk/submissions/${id}/replies`, { text: 'A new jar is on its way' });
  const row = await t.store.db.selectFrom('submissions').select('reporter_id').where('id', '=', id).executeTakeFirstOrThrow();
  return row.reporter_id;
}

describe.each(engines)('publicEventsAfterEach on %s', (engine) => {
  const t = useTestApp(engine);

  it("answers each reporter's own public events after its own cursor, oldest first, as one read each would", async () => {
    const reporters = [await reporterWithEvents(t), await reporterWithEvents(t), await reporterWithEvents(t)];
    const [first] = await publicEventsAfter(t.store.db, reporters[1]!, 0);
    const pages = [
      { reporterId: reporters[0]!, after: 0, limit: 500 },
      { reporterId: reporters[1]!, after: first!.id, limit: 500 },
      { reporterId: reporters[2]!, after: Number.MAX_SAFE_INTEGER, limit: 500 },
    ];
    const each = await publicEventsAfterEach(t.store.db, pages);
    expect(each.map((events) => events.map((event) => event.type))).toEqual([['received', 'status', 'reply'], ['status', 'reply'], []]);
    for (const [i, page] of pages.entries()) expect(each[i]).toEqual(await publicEventsAfter(t.store.db, page.reporterId, page.after, page.limit));
  });

  it('keeps each page to its own limit, also for one reporter read twice', async () => {
    const reporter = await reporterWithEvents(t);
    const other = await reporterWithEvents(t);
    const all = await publicEventsAfter(t.store.db, reporter, 0);
    const each = await publicEventsAfterEach(t.store.db, [
      { reporterId: reporter, after: 0, limit: 2 },
      { reporterId: other, after: 0, limit: 1 },
      { reporterId: reporter, after: all[1]!.id, limit: 2 },
    ]);
    expect(each[0]).toEqual(all.slice(0, 2));
    expect(each[1]!.map((event) => event.type)).toEqual(['received']);
    expect(each[2]).toEqual(all.slice(2));
  });

  it('answers nothing for no pages', async () => {
    expect(await publicEventsAfterEach(t.store.db, [])).toEqual([]);
  });
});
