import type { Analysis, DeskList, DrillDown, FollowUpOutcome, Kind } from '@sori/protocol';
import { describe, expect, it } from 'vitest';
import { createSite } from '../../../src/services/sites.js';
import { createApiToken, createUser } from '../../../src/services/users.js';
import { desk, engines, reporterSecret, STORE_ORIGIN, submit, useTestApp, type TestContext } from '../../helpers.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const at = (iso: string, plus = 0) => new Date(Date.parse(iso) + plus).toISOString();

interface Seed {
  kind: Kind;
  product?: string;
  department?: string;
  mina?: boolean;
  received: string;
  /** Milliseconds from receipt. */
  firstResponse?: number;
  /** Milliseconds from receipt the first response was due. */
  due: number;
  resolved?: number;
  met?: 0 | 1;
  rating?: { score: number; wouldBuyAgain: boolean; comment?: string; at: string };
  followUp?: FollowUpOutcome;
}

/**
 * The data set, small enough to count by hand (8 submissions in the week of 1 March 2026, one the
 * week before, one just after):
 *
 * | | kind | product | department | assignee | first response | due | resolved | rating | follow-up |
 * |-|-|-|-|-|-|-|-|-|-|
 * | A | complaint | Blender | customer_service | Mina | 30 min | 1 h | 2 h, met | 5 yes "Fast fix" | reached, satisfied |
 * | B | complaint | Blender | customer_service | Mina | 3 h | 1 h | 3 d, late | 2 no "=cmd…" | reached, not satisfied |
 * | C | complaint | Toaster | logistics | — | 8 d | 1 h | 9 d, late | — | — |
 * | D | complaint | — | — | — | never | 1 h (past) | — | — | no answer |
 * | E | inquiry | Blender | customer_service | Mina | 2 d | 4 h | — | 4 yes | — |
 * | F | praise | Toaster | marketing | — | never | 2099 | — | — | — |
 * | G | suggestion | Toaster | rnd | — | 45 min | 3 d | — | 3 no "Add blue" | — |
 * | H | inquiry | — | customer_service | Mina | 20 min | 4 h | — | 4 yes | — |
 */
const SEEDS: Record<string, Seed> = {
  A: { kind: 'complaint', product: 'Blender', department: 'customer_service', mina: true, received: '2026-03-01T10:00:00.000Z', firstResponse: 30 * MIN, due: HOUR, resolved: 2 * HOUR, met: 1, rating: { score: 5, wouldBuyAgain: true, comment: 'Fast fix', at: '2026-03-01T13:00:00.000Z' }, followUp: 'reached_satisfied' },
  B: { kind: 'complaint', product: 'Blender', department: 'customer_service', mina: true, received: '2026-03-02T10:00:00.000Z', firstResponse: 3 * HOUR, due: HOUR, resolved: 3 * DAY, met: 0, rating: { score: 2, wouldBuyAgain: false, comment: "=cmd|' /C calc'!A0", at: '2026-03-05T11:00:00.000Z' }, followUp: 'reached_not_satisfied' },
  C: { kind: 'complaint', product: 'Toaster', department: 'logistics', received: '2026-03-02T12:00:00.000Z', firstResponse: 8 * DAY, due: HOUR, resolved: 9 * DAY, met: 0 },
  D: { kind: 'complaint', received: '2026-03-03T09:00:00.000Z', due: HOUR, followUp: 'no_answer' },
  E: { kind: 'inquiry', product: 'Blender', department: 'customer_service', mina: true, received: '2026-03-04T08:00:00.000Z', firstResponse: 2 * DAY, due: 4 * HOUR, rating: { score: 4, wouldBuyAgain: true, at: '2026-03-06T09:00:00.000Z' } },
  F: { kind: 'praise', product: 'Toaster', department: 'marketing', received: '2026-03-05T08:00:00.000Z', due: Date.parse('2099-01-01T00:00:00.000Z') - Date.parse('2026-03-05T08:00:00.000Z') },
  G: { kind: 'suggestion', product: 'Toaster', department: 'rnd', received: '2026-03-06T08:00:00.000Z', firstResponse: 45 * MIN, due: 3 * DAY, rating: { score: 3, wouldBuyAgain: false, comment: 'Add blue', at: '2026-03-06T10:00:00.000Z' } },
  H: { kind: 'inquiry', department: 'customer_service', mina: true, received: '2026-03-07T23:00:00.000Z', firstResponse: 20 * MIN, due: 4 * HOUR, rating: { score: 4, wouldBuyAgain: true, at: '2026-03-08T01:00:00.000Z' } },
  P: { kind: 'complaint', received: '2026-02-25T10:00:00.000Z', due: HOUR },
  Q: { kind: 'inquiry', received: '2026-03-08T00:00:00.000Z', due: 4 * HOUR },
};

const RANGE = { from: '2026-03-01T00:00:00.000Z', to: '2026-03-08T00:00:00.000Z' };

/** Stores the seeds through the intake, then sets their times and outcomes as the table says. */
async function seed(t: TestContext): Promise<Record<string, string>> {
  const mina = await t.store.db.selectFrom('users').select('id').where('name', '=', 'Mina').executeTakeFirstOrThrow();
  const ids: Record<string, string> = {};
  for (const [name, s] of Object.entries(SEEDS)) {
    const id = await submit(t, reporterSecret(), { kind: s.kind, message: `Seed ${name}`, ...(s.product ? { product: s.product } : {}) });
    ids[name] = id;
    await t.store.db
      .updateTable('submissions')
      .set({
        received_at: s.received,
        department: s.department ?? null,
        assignee_id: s.mina ? mina.id : null,
        expected_response_by: at(s.received, s.due),
        first_response_at: s.firstResponse === undefined ? null : at(s.received, s.firstResponse),
        resolved_at: s.resolved === undefined ? null : at(s.received, s.resolved),
        status: s.resolved === undefined ? 'in_progress' : 'resolved',
        resolution_met: s.met ?? null,
        rating: s.rating ? JSON.stringify({ score: s.rating.score, wouldBuyAgain: s.rating.wouldBuyAgain, ...(s.rating.comment ? { comment: s.rating.comment } : {}) }) : null,
        rated_at: s.rating?.at ?? null,
        follow_up_outcome: s.followUp ?? null,
        follow_up_at: s.followUp ? at(s.received, 10 * DAY) : null,
      })
      .where('id', '=', id)
      .execute();
  }
  return ids;
}

async function analysisOf(t: TestContext, extra = ''): Promise<Analysis> {
  const res = await desk(t, 'GET', `/v1/desk/analysis?from=${RANGE.from}&to=${RANGE.to}${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** The seeds' names the inbox lists for a figure's drill-down. */
async function drilled(t: TestContext, ids: Record<string, string>, drill: DrillDown): Promise<string[]> {
  const res = await desk(t, 'GET', `/v1/desk/submissions?${new URLSearchParams({ ...drill, limit: '200' })}`);
  expect(res.statusCode, res.body).toBe(200);
  const byId = new Map(Object.entries(ids).map(([name, id]) => [id, name]));
  return (res.json() as DeskList).submissions.map((s) => byId.get(s.id) ?? s.id).sort();
}

describe.each(engines)('GET /v1/desk/analysis on %s', (engine) => {
  const t = useTestApp(engine);

  it('counts volumes by kind, day, product × kind and department, and the previous period', async () => {
    const ids = await seed(t);
    const a = await analysisOf(t, '&compare=true');
    expect(a.total).toBe(8);
    expect(a.byKind.map((k) => [k.kind, k.count, k.previous])).toEqual([
      ['inquiry', 2, 0],
      ['complaint', 4, 1],
      ['praise', 1, 0],
      ['suggestion', 1, 0],
    ]);
    expect(a.previous).toMatchObject({ from: '2026-02-22T00:00:00.000Z', to: RANGE.from, total: 1 });
    expect(a.volume.map((b) => b.total)).toEqual([1, 2, 1, 1, 1, 1, 1]);
    expect(a.volume[1]?.byKind).toEqual({ inquiry: 0, complaint: 2, praise: 0, suggestion: 0 });
    expect(await drilled(t, ids, a.volume[1]!.drill)).toEqual(['B', 'C']);

    const cell = (product: string | null, kind: Kind) => a.productKind.find((c) => c.product === product && c.kind === kind);
    expect(a.productKind).toHaveLength(7);
    expect(cell('Blender', 'complaint')?.count).toBe(2);
    expect(cell(null, 'complaint')?.count).toBe(1);
    expect(await drilled(t, ids, cell('Blender', 'complaint')!.drill)).toEqual(['A', 'B']);
    // "No product" lists those without one, not every product's.
    expect(await drilled(t, ids, cell(null, 'complaint')!.drill)).toEqual(['D']);
    expect(await drilled(t, ids, cell(null, 'inquiry')!.drill)).toEqual(['H']);

    expect(a.departments.map((d) => [d.department, d.count, d.complaints])).toEqual([
      ['customer_service', 4, 2],
      ['logistics', 1, 1],
      ['marketing', 1, 0],
      ['rnd', 1, 0],
      [null, 1, 1],
    ]);
    expect(await drilled(t, ids, a.departments[0]!.drill)).toEqual(['A', 'B', 'E', 'H']);
    expect(await drilled(t, ids, a.departments.at(-1)!.drill)).toEqual(['D']);

    const weeks = await analysisOf(t, '&interval=week');
    // 1 March 2026 is a Sunday: its week began on Monday 23 February.
    expect(weeks.volume.map((b) => [b.start, b.total])).toEqual([
      ['2026-02-23T00:00:00.000Z', 1],
      ['2026-03-02T00:00:00.000Z', 7],
    ]);
  });

  it('shares out first responses by band against the survey, with resolution times and compliance', async () => {
    const ids = await seed(t);
    const a = await analysisOf(t);
    expect(a.firstResponse.bands.map((b) => [b.band, b.portion.count, b.portion.share])).toEqual([
      ['within_hour', 3, 0.375],
      ['within_day', 1, 0.125],
      ['within_week', 1, 0.125],
      ['over_week', 1, 0.125],
      ['never', 2, 0.25],
    ]);
    const expected = { within_hour: ['A', 'G', 'H'], within_day: ['B'], within_week: ['E'], over_week: ['C'], never: ['D', 'F'] };
    for (const band of a.firstResponse.bands) expect(await drilled(t, ids, band.drill)).toEqual(expected[band.band]);
    // Answered after 20, 30, 45, 180, 2880 and 11520 minutes (nearest rank).
    expect([a.firstResponse.count, a.firstResponse.p50, a.firstResponse.p90]).toEqual([6, 45, 11520]);
    expect(a.firstResponse.targetMinutes.complaint).toBe(60);
    // Resolved after 120, 4320 and 12960 minutes.
    expect([a.resolution.count, a.resolution.p50, a.resolution.p90]).toEqual([3, 4320, 12960]);

    const row = (rows: Analysis['compliance']['byKind'], key: string | null) => rows.find((r) => r.key === key);
    expect(row(a.compliance.byKind, 'complaint')).toMatchObject({ due: 4, met: { count: 1, share: 0.25 } });
    expect(row(a.compliance.byKind, 'inquiry')).toMatchObject({ due: 2, met: { count: 1, share: 0.5 } });
    // Not answered and not yet due: no data, not 0 %.
    expect(row(a.compliance.byKind, 'praise')).toMatchObject({ due: 0, met: { count: 0, share: null } });
    expect(row(a.compliance.byKind, 'suggestion')).toMatchObject({ due: 1, met: { count: 1, share: 1 } });
    expect(row(a.compliance.byDepartment, 'customer_service')).toMatchObject({ due: 4, met: { count: 2, share: 0.5 } });
    expect(row(a.compliance.byDepartment, null)).toMatchObject({ due: 1, met: { count: 0, share: 0 } });
    expect(await drilled(t, ids, row(a.compliance.byDepartment, null)!.drill)).toEqual(['D']);
    expect(row(a.compliance.byAssignee, null)).toMatchObject({ due: 3, met: { count: 1, share: 0.333 } });
    expect(await drilled(t, ids, row(a.compliance.byAssignee, null)!.drill)).toEqual(['C', 'D', 'F', 'G']);
  });

  it('compares the recovery segments with counts, shares, ratings and follow-up outcomes; an empty one reads as no data', async () => {
    const ids = await seed(t);
    const a = await analysisOf(t);
    expect(a.recovery).toEqual([
      {
        segment: 'no_complaint', portion: { count: 4, share: 0.5 }, ratings: 3, satisfaction: 3.67, wouldBuyAgain: { count: 2, share: 0.667 },
        followUps: { reached_satisfied: 0, reached_not_satisfied: 0, no_answer: 0 }, drill: { ...RANGE, segment: 'no_complaint' },
      },
      {
        segment: 'resolved_within_target', portion: { count: 1, share: 0.125 }, ratings: 1, satisfaction: 5, wouldBuyAgain: { count: 1, share: 1 },
        followUps: { reached_satisfied: 1, reached_not_satisfied: 0, no_answer: 0 }, drill: { ...RANGE, segment: 'resolved_within_target' },
      },
      {
        segment: 'resolved_late', portion: { count: 2, share: 0.25 }, ratings: 1, satisfaction: 2, wouldBuyAgain: { count: 0, share: 0 },
        followUps: { reached_satisfied: 0, reached_not_satisfied: 1, no_answer: 0 }, drill: { ...RANGE, segment: 'resolved_late' },
      },
      {
        segment: 'unresolved', portion: { count: 1, share: 0.125 }, ratings: 0, satisfaction: null, wouldBuyAgain: { count: 0, share: null },
        followUps: { reached_satisfied: 0, reached_not_satisfied: 0, no_answer: 1 }, drill: { ...RANGE, segment: 'unresolved' },
      },
    ]);
    const expected = { no_complaint: ['E', 'F', 'G', 'H'], resolved_within_target: ['A'], resolved_late: ['B', 'C'], unresolved: ['D'] };
    for (const segment of a.recovery) expect(await drilled(t, ids, segment.drill)).toEqual(expected[segment.segment]);
  });

  it('counts CSAT 1–5 by kind, department and assignee, and lists the comments newest first', async () => {
    const ids = await seed(t);
    const a = await analysisOf(t);
    expect(a.csat.overall).toMatchObject({ scores: [0, 1, 1, 2, 1], count: 5, average: 3.6 });
    expect(a.csat.byKind.map((r) => [r.key, r.scores, r.average])).toEqual([
      ['complaint', [0, 1, 0, 0, 1], 3.5],
      ['inquiry', [0, 0, 0, 2, 0], 4],
      ['suggestion', [0, 0, 1, 0, 0], 3],
    ]);
    expect(a.csat.byDepartment.map((r) => [r.key, r.scores, r.average])).toEqual([
      ['customer_service', [0, 1, 0, 2, 1], 3.75],
      ['rnd', [0, 0, 1, 0, 0], 3],
    ]);
    expect(a.csat.byAssignee.map((r) => r.count)).toEqual([4, 1]);
    expect(await drilled(t, ids, { ...a.csat.overall.drill, score: '4' })).toEqual(['E', 'H']);
    expect(a.comments.map((c) => [c.comment, c.score])).toEqual([
      ['Add blue', 3],
      ["=cmd|' /C calc'!A0", 2],
      ['Fast fix', 5],
    ]);
  });

  it('exports a table as CSV with formula cells defused', async () => {
    await seed(t);
    const res = await desk(t, 'GET', `/v1/desk/analysis.csv?from=${RANGE.from}&to=${RANGE.to}&table=comments`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.split('\r\n');
    expect(lines[0]).toBe('"tracking_number","kind","score","would_buy_again","comment","at"');
    expect(lines[2]).toContain(`"'=cmd|' /C calc'!A0"`);
    const recovery = await desk(t, 'GET', `/v1/desk/analysis.csv?from=${RANGE.from}&to=${RANGE.to}&table=recovery`);
    // The unresolved segment has no ratings: its would-buy-again share is empty, not 0.
    expect(recovery.body.split('\r\n')[4]).toBe('"unresolved",1,0.125,0,,0,,0,0,1');
  });

  it("counts only the sites an agent belongs to", async () => {
    await seed(t);
    const other = await createSite(t.store.db, { name: 'Other shop', origins: [STORE_ORIGIN] });
    await createUser(t.store.db, { email: 'jun@other.example', role: 'agent', password: 'correct horse battery', name: 'Jun', siteIds: [other.id] });
    const { token } = await createApiToken(t.store.db, { userEmail: 'jun@other.example' });
    const res = await desk(t, 'GET', `/v1/desk/analysis?from=${RANGE.from}&to=${RANGE.to}`, undefined, token);
    expect(res.json().total).toBe(0);
    const theirs = await desk(t, 'GET', `/v1/desk/analysis?from=${RANGE.from}&to=${RANGE.to}&siteId=${t.site.id}`, undefined, token);
    expect(theirs.json().error).toMatchObject({ code: 'invalid', field: 'siteId' });
    expect((await analysisOf(t)).total).toBe(8);
  });

  it('answers 400 naming the field for a range that ends before it starts, or is too fine', async () => {
    const backwards = await desk(t, 'GET', `/v1/desk/analysis?from=${RANGE.to}&to=${RANGE.from}`);
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error).toMatchObject({ code: 'invalid', field: 'to' });
    const missing = await desk(t, 'GET', `/v1/desk/analysis?from=${RANGE.from}`);
    expect(missing.json().error).toMatchObject({ code: 'invalid', field: 'to' });
    const fine = await desk(t, 'GET', '/v1/desk/analysis?from=2000-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&interval=day');
    expect(fine.json().error).toMatchObject({ code: 'invalid', field: 'interval' });
  });
});
