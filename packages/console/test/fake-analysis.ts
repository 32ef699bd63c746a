import type { Analysis, AnalysisInterval, AnalysisQuery, DrillDown } from '@sori/protocol';
import { DEFAULT_SLA_MINUTES } from '@sori/protocol/constants';
import { HttpResponse } from 'msw';
import type { FakeDesk } from './fake-desk.js';
import { server } from './setup.js';

const DAY_MS = 86_400_000;

/** The query the console sent, as the server reads it. */
function queryOf(url: URL): AnalysisQuery {
  const q = url.searchParams;
  return {
    from: q.get('from') ?? '',
    to: q.get('to') ?? '',
    ...(q.get('interval') ? { interval: q.get('interval') as AnalysisInterval } : {}),
    ...(q.get('compare') === 'true' ? { compare: true } : {}),
    ...(q.get('siteId') ? { siteId: q.get('siteId') ?? '' } : {}),
  };
}

/** Buckets of `interval` over the range (UTC; weeks start on Monday), as the server cuts them. */
function buckets(from: Date, to: Date, interval: AnalysisInterval): Array<{ start: Date; end: Date }> {
  const day = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  let start = interval === 'day' ? day : interval === 'month' ? new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1)) : new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
  const next = (d: Date) => (interval === 'day' ? new Date(d.getTime() + DAY_MS) : interval === 'week' ? new Date(d.getTime() + 7 * DAY_MS) : new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)));
  const list = [];
  for (; start < to; start = next(start)) list.push({ start, end: next(start) });
  return list;
}

/**
 * The figures of a range with 20 submissions (6 inquiries, 8 complaints, 4 praises, 2
 * suggestions), all received in its last bucket; 18 in the period before. No complaint is
 * unresolved, so that segment has no ratings. Every `drill` carries the range, as the server's.
 */
export function seededAnalysis(query: AnalysisQuery): Analysis {
  const base: DrillDown = { from: query.from, to: query.to, ...(query.siteId ? { siteId: query.siteId } : {}) };
  const drill = (extra: DrillDown = {}): DrillDown => ({ ...base, ...extra });
  const portion = (count: number, of: number) => ({ count, share: of === 0 ? null : count / of });
  const noFollowUps = { reached_satisfied: 0, reached_not_satisfied: 0, no_answer: 0 };
  const byKind = { inquiry: 6, complaint: 8, praise: 4, suggestion: 2 };
  const previous = { inquiry: 4, complaint: 10, praise: 3, suggestion: 1 };
  const cut = buckets(new Date(query.from), new Date(query.to), query.interval ?? 'day');
  return {
    from: query.from,
    to: query.to,
    interval: query.interval ?? 'day',
    total: 20,
    byKind: (['inquiry', 'complaint', 'praise', 'suggestion'] as const).map((kind) => ({ kind, count: byKind[kind], ...(query.compare ? { previous: previous[kind] } : {}), drill: drill({ kind }) })),
    ...(query.compare ? { previous: { from: new Date(2 * Date.parse(query.from) - Date.parse(query.to)).toISOString(), to: query.from, total: 18, byKind: previous } } : {}),
    volume: cut.map(({ start, end }, i) => {
      const last = i === cut.length - 1;
      return { start: start.toISOString(), end: end.toISOString(), total: last ? 20 : 0, byKind: last ? byKind : { inquiry: 0, complaint: 0, praise: 0, suggestion: 0 }, drill: drill({ from: start.toISOString(), to: end.toISOString() }) };
    }),
    productKind: [
      { product: 'Onggi jar 2 L', kind: 'complaint', count: 5, drill: drill({ product: 'Onggi jar 2 L', kind: 'complaint' }) },
      { product: 'Onggi jar 2 L', kind: 'inquiry', count: 3, drill: drill({ product: 'Onggi jar 2 L', kind: 'inquiry' }) },
      { product: 'Lid', kind: 'complaint', count: 2, drill: drill({ product: 'Lid', kind: 'complaint' }) },
      { product: null, kind: 'complaint', count: 1, drill: drill({ kind: 'complaint', without: 'product' }) },
      { product: null, kind: 'inquiry', count: 3, drill: drill({ kind: 'inquiry', without: 'product' }) },
      { product: null, kind: 'praise', count: 4, drill: drill({ kind: 'praise', without: 'product' }) },
      { product: null, kind: 'suggestion', count: 2, drill: drill({ kind: 'suggestion', without: 'product' }) },
    ],
    departments: [
      { department: 'customer_service', count: 8, complaints: 5, drill: drill({ department: 'customer_service' }) },
      { department: 'logistics', count: 6, complaints: 3, drill: drill({ department: 'logistics' }) },
      { department: null, count: 6, complaints: 0, drill: drill({ without: 'department' }) },
    ],
    firstResponse: {
      targetMinutes: { ...DEFAULT_SLA_MINUTES },
      count: 17,
      p50: 45,
      p90: 1800,
      bands: [
        { band: 'within_hour', portion: portion(5, 20), drill: drill({ firstResponse: 'within_hour' }) },
        { band: 'within_day', portion: portion(7, 20), drill: drill({ firstResponse: 'within_day' }) },
        { band: 'within_week', portion: portion(4, 20), drill: drill({ firstResponse: 'within_week' }) },
        { band: 'over_week', portion: portion(1, 20), drill: drill({ firstResponse: 'over_week' }) },
        { band: 'never', portion: portion(3, 20), drill: drill({ firstResponse: 'never' }) },
      ],
    },
    resolution: { targetMinutes: { inquiry: 1440, complaint: 2880, praise: 4320, suggestion: 4320 }, count: 8, p50: 600, p90: 4000 },
    compliance: {
      byKind: [
        { key: 'complaint', due: 8, met: portion(6, 8), drill: drill({ kind: 'complaint' }) },
        { key: 'inquiry', due: 6, met: portion(6, 6), drill: drill({ kind: 'inquiry' }) },
      ],
      byDepartment: [{ key: 'customer_service', due: 8, met: portion(7, 8), drill: drill({ department: 'customer_service' }) }],
      byAssignee: [
        { key: 'u-mina', due: 10, met: portion(8, 10), drill: drill({ assignee: 'u-mina' }) },
        { key: null, due: 4, met: portion(4, 4), drill: drill({ assignee: 'none' }) },
      ],
    },
    recovery: [
      { segment: 'no_complaint', portion: portion(12, 20), ratings: 4, satisfaction: 4.5, wouldBuyAgain: portion(3, 4), followUps: noFollowUps, drill: drill({ segment: 'no_complaint' }) },
      { segment: 'resolved_within_target', portion: portion(5, 20), ratings: 4, satisfaction: 4.25, wouldBuyAgain: portion(4, 4), followUps: { ...noFollowUps, reached_satisfied: 2 }, drill: drill({ segment: 'resolved_within_target' }) },
      { segment: 'resolved_late', portion: portion(3, 20), ratings: 2, satisfaction: 3, wouldBuyAgain: portion(1, 2), followUps: { reached_satisfied: 1, reached_not_satisfied: 1, no_answer: 1 }, drill: drill({ segment: 'resolved_late' }) },
      { segment: 'unresolved', portion: portion(0, 20), ratings: 0, satisfaction: null, wouldBuyAgain: portion(0, 0), followUps: noFollowUps, drill: drill({ segment: 'unresolved' }) },
    ],
    csat: {
      overall: { key: null, scores: [1, 1, 2, 3, 3], count: 10, average: 3.6, drill: drill() },
      byKind: [{ key: 'complaint', scores: [1, 1, 1, 2, 1], count: 6, average: 3.17, drill: drill({ kind: 'complaint' }) }],
      byDepartment: [{ key: 'customer_service', scores: [1, 1, 1, 2, 1], count: 6, average: 3.17, drill: drill({ department: 'customer_service' }) }],
      byAssignee: [{ key: 'u-mina', scores: [0, 1, 2, 3, 3], count: 9, average: 3.89, drill: drill({ assignee: 'u-mina' }) }],
    },
    comments: [{ submissionId: 's-rated', trackingNumber: 'SR-RATE-0001', kind: 'complaint', score: 2, wouldBuyAgain: false, comment: 'The lid still does not fit.', at: query.from }],
  };
}

/**
 * The analysis side of the fake desk: `GET /v1/desk/analysis` answers `figures` of the asked
 * range (refusing a range that ends before it starts, as the server does), or `failure` when set.
 * Requests go into the desk's `requests`.
 */
export class FakeAnalysis {
  figures: (query: AnalysisQuery) => Analysis = seededAnalysis;
  /** The server's answer to every call while set, e.g. a 500. */
  failure: { status: number; code: string; message: string } | undefined;

  constructor(readonly desk: FakeDesk) {
    server.use(
      desk.route('get', '/v1/desk/analysis', ({ url }) => {
        const query = queryOf(url);
        if (this.failure) return HttpResponse.json({ error: { code: this.failure.code, message: this.failure.message } }, { status: this.failure.status });
        if (!(Date.parse(query.from) < Date.parse(query.to))) return HttpResponse.json({ error: { code: 'invalid', message: '"to" must come after "from"', field: 'to' } }, { status: 400 });
        return this.figures(query);
      }),
    );
  }
}
