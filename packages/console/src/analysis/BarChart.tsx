import type { AnalysisTable, AnalysisQuery } from '@sori/protocol';
import { t } from '../i18n/i18n.js';
import { csvUrl } from './analysis-api.js';

/** One bar: its label, its length, what it reads as, and the inbox behind it. */
export interface Bar {
  label: string;
  value: number;
  /** What the bar reads as, e.g. "3 (37.5 %)"; "no data" when there is none. */
  text: string;
  href?: string;
  /** A reference mark on the bar's scale (e.g. the survey's share), 0 to `max`. */
  mark?: number;
}

/** Props of {@link BarChart}. */
export interface BarChartProps {
  id: string;
  title: string;
  bars: readonly Bar[];
  /** The scale's end. @default the longest bar */
  max?: number;
  /** Columns of the table beside the chart, and one row of cells per bar. */
  columns: readonly string[];
  cells: ReadonlyArray<readonly string[]>;
  csv?: { query: AnalysisQuery; table: AnalysisTable };
}

const ROW = 26;
const LABEL = 170;
const WIDTH = 520;

/**
 * A horizontal bar chart in plain SVG, each bar a link to the submissions behind it, with the
 * same figures in a table beside it (what a screen reader reads; the SVG is hidden from it).
 */
export function BarChart({ id, title, bars, max, columns, cells, csv }: BarChartProps) {
  const end = max ?? Math.max(1, ...bars.map((b) => b.value));
  const scale = (v: number) => ((WIDTH - LABEL - 90) * v) / end;
  return (
    <section class="chart" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} class="chart__title">
        {title}
      </h2>
      <div class="chart__body">
        <svg class="chart__svg" viewBox={`0 0 ${WIDTH} ${bars.length * ROW + 4}`} aria-hidden="true" focusable="false">
          {bars.map((bar, i) => {
            const y = i * ROW + 2;
            const body = (
              <g>
                <text x={LABEL - 6} y={y + 16} text-anchor="end" class="chart__label">
                  {bar.label}
                </text>
                <rect x={LABEL} y={y + 3} width={Math.max(bar.value > 0 ? 2 : 0, scale(bar.value))} height={ROW - 8} class="chart__bar" />
                {bar.mark !== undefined && <line x1={LABEL + scale(bar.mark)} x2={LABEL + scale(bar.mark)} y1={y} y2={y + ROW - 2} class="chart__mark" />}
                <text x={LABEL + scale(bar.value) + 6} y={y + 16} class="chart__value">
                  {bar.text}
                </text>
              </g>
            );
            return bar.href ? (
              <a key={bar.label} href={bar.href} tabIndex={-1}>
                {body}
              </a>
            ) : (
              <g key={bar.label}>{body}</g>
            );
          })}
        </svg>
        <DataTable caption={title} columns={columns} cells={cells} links={bars.map((b) => b.href)} />
      </div>
      {csv && <CsvLink {...csv} title={title} />}
    </section>
  );
}

/** The link that downloads one table of the analysis as CSV; its name says which (`title`), for a list of the page's links. */
export function CsvLink({ query, table, title }: { query: AnalysisQuery; table: AnalysisTable; title: string }) {
  return (
    <a class="button chart__csv" href={csvUrl(query, table)} download>
      {t().analysis.download}
      <span class="visually-hidden">: {title}</span>
    </a>
  );
}

/**
 * The table beside a chart: its figures as text, the first cell of each row a link to the inbox
 * (`links`), or each figure its own (`cellLinks`, row by row, for a heat map's cells).
 */
export function DataTable({
  caption,
  columns,
  cells,
  links = [],
  cellLinks = [],
}: {
  caption: string;
  columns: readonly string[];
  cells: ReadonlyArray<readonly string[]>;
  links?: ReadonlyArray<string | undefined>;
  cellLinks?: ReadonlyArray<ReadonlyArray<string | undefined>>;
}) {
  return (
    <table class="chart__table">
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {cells.map((row, i) => {
          const href = links[i];
          return (
            <tr key={row[0] ?? i}>
              {row.map((cell, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {href ? <a href={href}>{cell}</a> : cell}
                  </th>
                ) : (
                  <td key={j}>{cellLinks[i]?.[j] ? <a href={cellLinks[i]?.[j]}>{cell}</a> : cell}</td>
                ),
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
