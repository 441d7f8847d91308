import { useTranslation } from 'react-i18next';
import type { CrosstabFigure, CrosstabTable } from '../../../../shared/analysis/crosstab-table';
import { LOW_BASE_TEXT } from '../../../../shared/analysis/tgi-colour';
import { CROSSTAB_NS } from './strings';

export type CellShow = CrosstabFigure;

/**
 * The cross-tab as a heat map, drawn from the shared builder's table (the report writes the same
 * table): every cell coloured by its TGI whatever figure it shows, grey below the minimum base,
 * ▲/▼ where the difference is significant.
 */
export function HeatTable({ table, mode }: { table: CrosstabTable; mode: CellShow }) {
  const { t } = useTranslation(CROSSTAB_NS);
  const block = table.blocks.find((b) => b.figure === mode) ?? table.blocks[0]!;
  return (
    <div className="k-table-wrap">
      <table className="k-table k-heat" data-testid="crosstab-table" data-figure={block.figure}>
        <thead>
          <tr>
            <th />
            {table.cols.map((c) => (
              <th key={c} className="k-num" data-testid="crosstab-col">
                {c}
              </th>
            ))}
            <th className="k-num">{t('total')}</th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={r} data-testid="crosstab-row" data-row={r}>
              <th>{r}</th>
              {block.cells[i]!.map((cell, j) => {
                const style = table.style[i]![j]!;
                return (
                  <td
                    key={table.cols[j]}
                    className={`k-heat__cell${style.lowBase ? ' is-low-base' : ''}`}
                    data-testid="crosstab-cell"
                    data-row={r}
                    data-col={table.cols[j]}
                    data-value={cell.value ?? ''}
                    data-tgi={style.tgi ?? ''}
                    data-sig={style.sig ?? ''}
                    data-low-base={style.lowBase ? 'true' : 'false'}
                    style={{ background: style.fill, color: style.lowBase ? LOW_BASE_TEXT : undefined }}
                    title={style.lowBase ? t('lowBaseTip') : undefined}
                  >
                    {cell.text}
                  </td>
                );
              })}
              <td className="k-num">{table.totals.rows[i]!.text}</td>
            </tr>
          ))}
          <tr>
            <th>{t('total')}</th>
            {table.totals.cols.map((v, j) => (
              <td key={j} className="k-num">
                {v.text}
              </td>
            ))}
            <td className="k-num">{table.totals.all.text}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
