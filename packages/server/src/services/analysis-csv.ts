import { KINDS, type Analysis, type AnalysisTable, type Portion } from '@sori/protocol';
import { cell } from './analytics.js';

type Value = string | number | null;

const share = (p: Portion): Value => p.share;

/** One table of the analysis as header and rows, as the console shows it beside its chart. */
function tableOf(analysis: Analysis, table: AnalysisTable): Value[][] {
  switch (table) {
    case 'volume':
      return [['start', 'end', 'total', ...KINDS], ...analysis.volume.map((b) => [b.start, b.end, b.total, ...KINDS.map((k) => b.byKind[k])])];
    case 'product_kind':
      return [['product', 'kind', 'count'], ...analysis.productKind.map((r) => [r.product, r.kind, r.count])];
    case 'departments':
      return [['department', 'count', 'complaints'], ...analysis.departments.map((r) => [r.department, r.count, r.complaints])];
    case 'first_response':
      return [['band', 'count', 'share'], ...analysis.firstResponse.bands.map((b) => [b.band, b.portion.count, share(b.portion)])];
    case 'compliance':
      return [
        ['by', 'key', 'due', 'met', 'share'],
        ...(['byKind', 'byDepartment', 'byAssignee'] as const).flatMap((by) =>
          analysis.compliance[by].map((r) => [by, r.key, r.due, r.met.count, share(r.met)]),
        ),
      ];
    case 'recovery':
      return [
        ['segment', 'count', 'share', 'ratings', 'satisfaction', 'would_buy_again', 'would_buy_again_share', 'reached_satisfied', 'reached_not_satisfied', 'no_answer'],
        ...analysis.recovery.map((r) => [
          r.segment, r.portion.count, share(r.portion), r.ratings, r.satisfaction, r.wouldBuyAgain.count, share(r.wouldBuyAgain),
          r.followUps.reached_satisfied, r.followUps.reached_not_satisfied, r.followUps.no_answer,
        ]),
      ];
    case 'csat':
      return [
        ['by', 'key', 'score_1', 'score_2', 'score_3', 'score_4', 'score_5', 'count', 'average'],
        ...(['overall', 'byKind', 'byDepartment', 'byAssignee'] as const).flatMap((by) =>
          [analysis.csat[by]].flat().map((r) => [by, r.key, ...r.scores, r.count, r.average]),
        ),
      ];
    case 'comments':
      return [
        ['tracking_number', 'kind', 'score', 'would_buy_again', 'comment', 'at'],
        ...analysis.comments.map((c) => [c.trackingNumber, c.kind, c.score, c.wouldBuyAgain ? 'yes' : 'no', c.comment, c.at]),
      ];
  }
}

/** One table of the analysis as CSV (RFC 4180, CRLF), every text cell quoted and formulas defused. */
export function analysisCsv(analysis: Analysis, table: AnalysisTable): string {
  return `${tableOf(analysis, table).map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
