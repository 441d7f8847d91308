import { useTranslation } from 'react-i18next';
import type { CrosstabCell, CrosstabResult } from '../../../../shared/contract/analyze';
import { formatNumber, formatPercent } from '../../format';
import { CROSSTAB_NS } from './strings';

export type CellShow = 'value' | 'rowPct' | 'colPct' | 'totalPct' | 'tgi' | 'residual';

/** Background for a TGI: white at 100, red above, blue below, saturating at ±100. */
export function tgiColor(tgi: number | null): string {
  if (tgi === null) return '#f3f3f3';
  const d = Math.max(-1, Math.min(1, (tgi - 100) / 100));
  const a = Math.abs(d) * 0.75;
  return d >= 0 ? `rgba(217, 69, 59, ${a.toFixed(3)})` : `rgba(59, 111, 216, ${a.toFixed(3)})`;
}

function show(c: CrosstabCell, mode: CellShow): string {
  switch (mode) {
    case 'value':
      return formatNumber(c.value, Number.isInteger(c.value) ? 0 : 2);
    case 'rowPct':
      return c.rowPct === null ? '—' : formatPercent(c.rowPct, 1);
    case 'colPct':
      return c.colPct === null ? '—' : formatPercent(c.colPct, 1);
    case 'totalPct':
      return c.totalPct === null ? '—' : formatPercent(c.totalPct, 1);
    case 'tgi':
      return c.tgi === null ? '—' : formatNumber(Math.round(c.tgi));
    case 'residual':
      return c.residual === null ? '—' : formatNumber(c.residual, 2);
  }
}

/** The cross-tab as a heat map: every cell coloured by its TGI, whatever figure it shows. */
export function HeatTable({ result, mode }: { result: CrosstabResult; mode: CellShow }) {
  const { t } = useTranslation(CROSSTAB_NS);
  return (
    <div className="k-table-wrap">
      <table className="k-table k-heat" data-testid="crosstab-table">
        <thead>
          <tr>
            <th />
            {result.cols.map((c) => (
              <th key={c} className="k-num">
                {c}
              </th>
            ))}
            <th className="k-num">{t('total')}</th>
          </tr>
        </thead>
        <tbody>
          {result.rows.map((r, i) => (
            <tr key={r} data-testid="crosstab-row" data-row={r}>
              <th>{r}</th>
              {result.cells[i]!.map((cell, j) => (
                <td
                  key={result.cols[j]}
                  className="k-heat__cell"
                  data-testid="crosstab-cell"
                  data-row={r}
                  data-col={result.cols[j]}
                  data-tgi={cell.tgi === null ? '' : Math.round(cell.tgi)}
                  style={{ background: tgiColor(cell.tgi) }}
                  title={`n = ${cell.count}${cell.residual === null ? '' : `, z = ${cell.residual.toFixed(2)}`}`}
                >
                  {show(cell, mode)}
                </td>
              ))}
              <td className="k-num">{formatNumber(result.rowTotals[i]!, 0)}</td>
            </tr>
          ))}
          <tr>
            <th>{t('total')}</th>
            {result.colTotals.map((v, j) => (
              <td key={j} className="k-num">
                {formatNumber(v, 0)}
              </td>
            ))}
            <td className="k-num">{formatNumber(result.total, 0)}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
