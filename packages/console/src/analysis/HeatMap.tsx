import type { Analysis, AnalysisQuery } from '@sori/protocol';
import { KINDS } from '@sori/protocol/constants';
import { t } from '../i18n/i18n.js';
import { inboxHref } from './analysis-api.js';
import { CsvLink, DataTable } from './BarChart.js';

const CELL = 64;
const HEAD = 150;

/** Product × kind as a heat map in plain SVG, with its table: each figure in either a link to its submissions. */
export function HeatMap({ figures, query }: { figures: Analysis; query: AnalysisQuery }) {
  const s = t().analysis;
  const kinds = t().kinds;
  const products = [...new Set(figures.productKind.map((c) => c.product))];
  const max = Math.max(1, ...figures.productKind.map((c) => c.count));
  const cellOf = (product: string | null, kind: string) => figures.productKind.find((c) => c.product === product && c.kind === kind);
  const label = (product: string | null) => product ?? s.noProduct;
  return (
    <section class="chart" aria-labelledby="heat-title">
      <h2 id="heat-title" class="chart__title">
        {s.productKind}
      </h2>
      <div class="chart__body">
        <svg class="chart__svg" viewBox={`0 0 ${HEAD + KINDS.length * CELL} ${(products.length + 1) * 28}`} aria-hidden="true" focusable="false">
          {KINDS.map((k, j) => (
            <text key={k} x={HEAD + j * CELL + CELL / 2} y={18} text-anchor="middle" class="chart__label">
              {kinds[k]}
            </text>
          ))}
          {products.map((p, i) => (
            <g key={p ?? ''}>
              <text x={HEAD - 6} y={(i + 1) * 28 + 18} text-anchor="end" class="chart__label">
                {label(p)}
              </text>
              {KINDS.map((k, j) => {
                const cell = cellOf(p, k);
                const rect = <rect x={HEAD + j * CELL + 2} y={(i + 1) * 28 + 2} width={CELL - 4} height={24} class="chart__heat" fill-opacity={cell ? 0.15 + (0.85 * cell.count) / max : 0.04} />;
                return cell ? (
                  <a key={k} href={inboxHref(cell.drill)} tabIndex={-1}>
                    {rect}
                    <text x={HEAD + j * CELL + CELL / 2} y={(i + 1) * 28 + 18} text-anchor="middle" class="chart__value">
                      {cell.count}
                    </text>
                  </a>
                ) : (
                  <g key={k}>{rect}</g>
                );
              })}
            </g>
          ))}
        </svg>
        <DataTable
          caption={s.productKind}
          columns={[s.productKind, ...KINDS.map((k) => kinds[k])]}
          cells={products.map((p) => [label(p), ...KINDS.map((k) => String(cellOf(p, k)?.count ?? 0))])}
          cellLinks={products.map((p) => [undefined, ...KINDS.map((k) => { const cell = cellOf(p, k); return cell ? inboxHref(cell.drill) : undefined; })])}
        />
      </div>
      <CsvLink query={query} table="product_kind" title={s.productKind} />
    </section>
  );
}
