import type { Analysis, AnalysisQuery, AnalysisTable, DrillDown } from '@sori/protocol';
import { desk, deskUrl } from '../api/client.js';
import { paths } from '../paths.js';

/** The analysis of a date range. */
export function fetchAnalysis(query: AnalysisQuery): Promise<Analysis> {
  return desk<Analysis>('GET', '/v1/desk/analysis', { query: { ...query } });
}

/** Where one table of the analysis downloads as CSV (the session cookie goes with a plain link). */
export function csvUrl(query: AnalysisQuery, table: AnalysisTable): string {
  return deskUrl('/v1/desk/analysis.csv', { ...query, table });
}

/** The inbox listing exactly the submissions behind a figure. */
export function inboxHref(drill: DrillDown, extra: Record<string, string> = {}): string {
  return `${paths.inbox}?${new URLSearchParams({ ...drill, ...extra })}`;
}
