import type { Analysis as AnalysisFigures, AnalysisInterval, AnalysisQuery } from '@sori/protocol';
import { FIRST_RESPONSE_SURVEY, KINDS, RECOVERY_REFERENCE } from '@sori/protocol/constants';
import { useEffect, useState } from 'preact/hooks';
import { sites, userName } from '../api/directory.js';
import { isDeskError } from '../api/desk-error.js';
import { t } from '../i18n/i18n.js';
import { paths } from '../paths.js';
import { departmentName } from '../ui/names.js';
import { fetchAnalysis, inboxHref } from './analysis-api.js';
import { BarChart, CsvLink, DataTable } from './BarChart.js';
import { day, duration, percent, portionText } from './format.js';
import { HeatMap } from './HeatMap.js';
import './analysis.css';

const DAY_MS = 86_400_000;
const SURVEY: Partial<Record<string, number>> = {
  within_hour: FIRST_RESPONSE_SURVEY.withinHour,
  within_day: FIRST_RESPONSE_SURVEY.automaticWithinDay,
  over_week: FIRST_RESPONSE_SURVEY.overWeek,
  never: FIRST_RESPONSE_SURVEY.never,
};

/** The form's values: dates as the date fields hold them (the end date is included). */
interface Range {
  from: string;
  to: string;
  interval: AnalysisInterval;
  compare: boolean;
  siteId: string;
}

function queryOf(range: Range): AnalysisQuery {
  return {
    from: `${range.from}T00:00:00.000Z`,
    to: new Date(Date.parse(`${range.to}T00:00:00.000Z`) + DAY_MS).toISOString(),
    interval: range.interval,
    ...(range.compare ? { compare: true } : {}),
    ...(range.siteId ? { siteId: range.siteId } : {}),
  };
}

/** The analysis screen (VOC step 9): a date range, and every figure as a chart with its table, linked to the inbox. */
export function Analysis() {
  const s = t().analysis;
  const [range, setRange] = useState<Range>({ from: day(Date.now() - 29 * DAY_MS), to: day(Date.now()), interval: 'day', compare: false, siteId: '' });
  const [figures, setFigures] = useState<AnalysisFigures | undefined>();
  const [error, setError] = useState<string | undefined>();
  const query = queryOf(range);
  useEffect(() => {
    let live = true;
    setError(undefined);
    fetchAnalysis(query).then(
      (a) => live && setFigures(a),
      (e: unknown) => live && setError(isDeskError(e) ? e.message : String(e)),
    );
    return () => void (live = false);
  }, [JSON.stringify(query)]);
  const set = (patch: Partial<Range>) => setRange({ ...range, ...patch });

  return (
    <div class="analysis">
      <h1>{s.title}</h1>
      <form class="analysis__form" onSubmit={(e) => e.preventDefault()}>
        <label>
          {s.from} <input type="date" value={range.from} onChange={(e) => set({ from: e.currentTarget.value })} />
        </label>
        <label>
          {s.to} <input type="date" value={range.to} onChange={(e) => set({ to: e.currentTarget.value })} />
        </label>
        <label>
          {s.interval}{' '}
          <select value={range.interval} onChange={(e) => set({ interval: e.currentTarget.value as AnalysisInterval })}>
            {(['day', 'week', 'month'] as const).map((i) => (
              <option key={i} value={i}>
                {s.intervals[i]}
              </option>
            ))}
          </select>
        </label>
        {sites.value.length > 1 && (
          <label>
            {s.site}{' '}
            <select value={range.siteId} onChange={(e) => set({ siteId: e.currentTarget.value })}>
              <option value="">{s.allSites}</option>
              {sites.value.map((site) => (
                <option key={site.id} value={site.id}>
                  {site.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          <input type="checkbox" checked={range.compare} onChange={(e) => set({ compare: e.currentTarget.checked })} /> {s.compare}
        </label>
      </form>
      {error && (
        <p class="error" role="alert">
          {s.failed} {error}
        </p>
      )}
      {!figures && !error && <p role="status">{s.loading}</p>}
      {figures && <FigureSections figures={figures} query={query} />}
    </div>
  );
}

function FigureSections({ figures: a, query }: { figures: AnalysisFigures; query: AnalysisQuery }) {
  const s = t().analysis;
  const kinds = t().kinds;
  const key = (k: string | null, none: string, name: (k: string) => string = (v) => v) => (k === null ? none : name(k));
  const assignee = (k: string | null) => key(k, s.unassigned, (id) => userName(id) ?? id);
  const department = (k: string | null) => key(k, s.noDepartment, departmentName);
  return (
    <div class="analysis__figures">
      <p class="analysis__total" role="status">
        {s.total(a.total)}
        {a.previous ? ` · ${s.previous(a.previous.total)}` : ''}
      </p>
      <BarChart
        id="by-kind"
        title={s.byKind}
        bars={a.byKind.map((k) => ({ label: kinds[k.kind], value: k.count, text: String(k.count), href: inboxHref(k.drill), ...(k.previous !== undefined ? { mark: k.previous } : {}) }))}
        columns={[s.byKind, s.count, ...(a.previous ? [s.previous(a.previous.total)] : [])]}
        cells={a.byKind.map((k) => [kinds[k.kind], String(k.count), ...(k.previous !== undefined ? [String(k.previous)] : [])])}
      />
      <BarChart
        id="volume"
        title={s.volume}
        bars={a.volume.map((b) => ({ label: b.start.slice(0, 10), value: b.total, text: String(b.total), href: inboxHref(b.drill) }))}
        columns={[s.start, s.count, ...KINDS.map((k) => kinds[k])]}
        cells={a.volume.map((b) => [b.start.slice(0, 10), String(b.total), ...KINDS.map((k) => String(b.byKind[k]))])}
        csv={{ query, table: 'volume' }}
      />
      <HeatMap figures={a} query={query} />
      <BarChart
        id="departments"
        title={s.departments}
        bars={a.departments.map((d) => ({ label: department(d.department), value: d.count, text: `${d.count} · ${s.complaints} ${d.complaints}`, href: inboxHref(d.drill) }))}
        columns={[s.departments, s.count, s.complaints]}
        cells={a.departments.map((d) => [department(d.department), String(d.count), String(d.complaints)])}
        csv={{ query, table: 'departments' }}
      />
      <BarChart
        id="first-response"
        title={s.firstResponse}
        max={a.total || 1}
        bars={a.firstResponse.bands.map((b) => {
          const survey = SURVEY[b.band];
          return { label: s.bands[b.band], value: b.portion.count, text: portionText(b.portion), href: inboxHref(b.drill), ...(survey !== undefined ? { mark: survey * a.total } : {}) };
        })}
        columns={[s.firstResponse, s.count, s.share, s.survey]}
        cells={a.firstResponse.bands.map((b) => [s.bands[b.band], String(b.portion.count), percent(b.portion.share), percent(SURVEY[b.band])])}
        csv={{ query, table: 'first_response' }}
      />
      <p class="analysis__note">
        {s.firstResponseHint(duration(a.firstResponse.p50), duration(a.firstResponse.p90))} · {s.surveyNote}
      </p>
      <p class="analysis__note">
        {s.resolution}: {s.resolutionHint(duration(a.resolution.p50), duration(a.resolution.p90))} · {s.targets}:{' '}
        {KINDS.map((k) => `${kinds[k]} ${duration(a.resolution.targetMinutes[k])}`).join(', ')}
      </p>
      <section class="chart" aria-labelledby="compliance-title">
        <h2 id="compliance-title" class="chart__title">
          {s.compliance}
        </h2>
        {(['byKind', 'byDepartment', 'byAssignee'] as const).map((by) => (
          <DataTable
            key={by}
            caption={`${s.compliance}: ${s.complianceBy[by]}`}
            columns={[s.complianceBy[by], s.due, s.met, s.share]}
            cells={a.compliance[by].map((r) => [
              by === 'byKind' ? (r.key ? (kinds[r.key as keyof typeof kinds] ?? r.key) : s.noData) : by === 'byDepartment' ? department(r.key) : assignee(r.key),
              String(r.due),
              String(r.met.count),
              percent(r.met.share),
            ])}
            links={a.compliance[by].map((r) => inboxHref(r.drill))}
          />
        ))}
        <CsvLink query={query} table="compliance" title={s.compliance} />
      </section>
      <BarChart
        id="recovery"
        title={s.recovery}
        max={1}
        bars={a.recovery.map((r) => {
          const reference = RECOVERY_REFERENCE[r.segment];
          return {
            label: s.segments[r.segment],
            value: r.wouldBuyAgain.share ?? 0,
            text: `${s.wouldBuyAgain} ${percent(r.wouldBuyAgain.share)} · ${portionText(r.portion)}`,
            href: inboxHref(r.drill),
            ...(reference !== undefined ? { mark: reference } : {}),
          };
        })}
        columns={[s.segment, s.count, s.share, s.ratings, s.satisfaction, s.wouldBuyAgain, s.reference, s.followUps]}
        cells={a.recovery.map((r) => [
          s.segments[r.segment],
          String(r.portion.count),
          percent(r.portion.share),
          String(r.ratings),
          r.satisfaction === null ? s.noData : String(r.satisfaction),
          percent(r.wouldBuyAgain.share),
          percent(RECOVERY_REFERENCE[r.segment]),
          (['reached_satisfied', 'reached_not_satisfied', 'no_answer'] as const).map((o) => `${t().followUp.outcomes[o]} ${r.followUps[o]}`).join(', '),
        ])}
        csv={{ query, table: 'recovery' }}
      />
      <p class="analysis__note">{s.recoveryNote}</p>
      <BarChart
        id="csat"
        title={s.csat}
        bars={a.csat.overall.scores.map((n, i) => ({ label: s.score(i + 1), value: n, text: String(n), href: inboxHref(a.csat.overall.drill, { score: String(i + 1) }) }))}
        columns={[s.csat, s.count]}
        cells={a.csat.overall.scores.map((n, i) => [s.score(i + 1), String(n)])}
        csv={{ query, table: 'csat' }}
      />
      {(['byKind', 'byDepartment', 'byAssignee'] as const).map((by) => (
        <DataTable
          key={by}
          caption={`${s.csat}: ${s.csatBy[by]}`}
          columns={[s.csatBy[by], ...[1, 2, 3, 4, 5].map(s.score), s.ratings, s.average]}
          cells={a.csat[by].map((r) => [
            by === 'byKind' ? (kinds[r.key as keyof typeof kinds] ?? String(r.key)) : by === 'byDepartment' ? department(r.key) : assignee(r.key),
            ...r.scores.map(String),
            String(r.count),
            r.average === null ? s.noData : String(r.average),
          ])}
          links={a.csat[by].map((r) => inboxHref(r.drill))}
        />
      ))}
      <section class="chart" aria-labelledby="comments-title">
        <h2 id="comments-title" class="chart__title">
          {s.comments}
        </h2>
        {a.comments.length === 0 ? (
          <p class="muted">{s.noComments}</p>
        ) : (
          <ul class="analysis__comments">
            {a.comments.map((c) => (
              <li key={c.submissionId}>
                <strong>{s.score(c.score)}</strong> {c.comment}{' '}
                <a class="muted" href={paths.submission(c.submissionId)}>
                  {c.trackingNumber}
                </a>
              </li>
            ))}
          </ul>
        )}
        <CsvLink query={query} table="comments" title={s.comments} />
      </section>
    </div>
  );
}
