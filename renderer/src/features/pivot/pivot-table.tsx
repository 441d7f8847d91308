import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AxisNode, PivotResult, PivotValue, ShowAs } from '../../../../shared/contract/analyze';
import type { ColumnInfo } from '../../../../shared/contract/datasets';
import { colDisplayOrder, nodeKey, rowDisplayOrder } from '../../../../shared/analysis/pivot-layout';
import { formatDate, formatMoney, formatNumber, formatPercent } from '../../format';
import { PIVOT_NS } from './strings';

/** Min, max, median and mean of a date column are dates; other aggregates of dates are counts. */
export function isDateValue(value: PivotValue, columns: readonly ColumnInfo[]): boolean {
  const col = columns.find((c) => c.key === value.column || c.name === value.column);
  return (col?.type === 'date' || col?.type === 'datetime') && ['min', 'max', 'median', 'mean'].includes(value.agg) && value.showAs === 'value';
}

/** Sums, means, extremes and medians of a currency column keep the currency sign. */
export function isMoneyValue(value: PivotValue, columns: readonly ColumnInfo[]): boolean {
  const col = columns.find((c) => c.key === value.column || c.name === value.column);
  return col?.type === 'currency' && value.agg !== 'count' && value.agg !== 'countDistinct' && value.showAs === 'value';
}

export function formatPivotValue(v: number | null, showAs: ShowAs, kind: 'date' | 'money' | 'number' = 'number'): string {
  if (v === null) return '';
  if (kind === 'date') return formatDate(v);
  if (kind === 'money') return formatMoney(v);
  if (showAs === 'pctRow' || showAs === 'pctCol' || showAs === 'pctTotal') return formatPercent(v, 1);
  if (showAs === 'index') return formatNumber(Math.round(v));
  return formatNumber(v, Number.isInteger(v) ? 0 : 2);
}

const MAX_LINES = 5000;

export interface PivotTableProps {
  result: PivotResult;
  columns: readonly ColumnInfo[];
  /** Collapsed row and column groups (node keys), kept apart since labels can repeat across axes. */
  collapsed: { rows: ReadonlySet<string>; cols: ReadonlySet<string> };
  onToggle: (axis: 'rows' | 'cols', path: string[]) => void;
  onCell: (row: AxisNode, col: AxisNode) => void;
}

export function PivotTable({ result, columns, collapsed, onToggle, onCell }: PivotTableProps) {
  const { t, i18n } = useTranslation(PIVOT_NS);
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const allRows = useMemo(() => rowDisplayOrder(result.rows, collapsed.rows), [result.rows, collapsed.rows]);
  // A table of tens of thousands of lines is not read on screen; the grand total stays visible
  // and the export has every line.
  const rows = useMemo(() => (allRows.length > MAX_LINES ? [...allRows.slice(0, MAX_LINES - 1), allRows[allRows.length - 1]!] : allRows), [allRows]);
  const cols = useMemo(() => colDisplayOrder(result.cols, result.spec.subtotals, collapsed.cols), [result.cols, result.spec.subtotals, collapsed.cols]);
  const values = result.spec.values;
  const kinds = useMemo(() => values.map((v) => (isDateValue(v, columns) ? 'date' : isMoneyValue(v, columns) ? 'money' : 'number')), [values, columns]);
  const colTitle = (n: AxisNode): string => (n.kind === 'total' ? t('grandTotal') : n.path.join(' / '));
  return (
    <div className="k-table-wrap">
      <table className="k-table k-pivot-table" data-testid="pivot-table">
        <thead>
          <tr>
            <th>{t('rowLabels')}</th>
            {cols.flatMap((c) =>
              values.map((_, v) => (
                <th key={`${c}-${v}`} className="k-num" data-testid="pivot-col-header" data-path={result.cols[c]!.path.join('/')}>
                  {v === 0 && result.cols[c]!.kind === 'group' && !result.cols[c]!.leaf ? (
                    <button type="button" className="k-pivot-toggle" data-testid="pivot-col-toggle" aria-expanded={!collapsed.cols.has(nodeKey(result.cols[c]!))} onClick={() => onToggle('cols', result.cols[c]!.path)}>
                      {collapsed.cols.has(nodeKey(result.cols[c]!)) ? '▸' : '▾'}
                    </button>
                  ) : null}
                  {result.cols.length > 1 ? colTitle(result.cols[c]!) : ''}
                  {result.cols.length > 1 && values.length > 1 ? ' · ' : ''}
                  {values.length > 1 || result.cols.length === 1 ? result.valueLabels[v]![lang] : ''}
                </th>
              )),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const node = result.rows[r]!;
            const isTotal = node.kind === 'total';
            const open = !collapsed.rows.has(nodeKey(node));
            return (
              <tr
                key={r}
                data-testid="pivot-row"
                data-path={node.path.join('/')}
                className={isTotal ? 'k-pivot-row--total' : node.leaf ? '' : 'k-pivot-row--subtotal'}
              >
                <td style={{ paddingLeft: 6 + Math.max(0, node.depth - 1) * 18 }}>
                  {!isTotal && !node.leaf ? (
                    <button type="button" className="k-pivot-toggle" data-testid="pivot-toggle" aria-expanded={open} onClick={() => onToggle('rows', node.path)}>
                      {open ? '▾' : '▸'}
                    </button>
                  ) : (
                    <span className="k-pivot-toggle" />
                  )}
                  {isTotal ? t('grandTotal') : node.label}
                </td>
                {cols.flatMap((c) =>
                  values.map((val, v) => (
                    <td
                      key={`${c}-${v}`}
                      className="k-num k-pivot-cell"
                      data-testid="pivot-cell"
                      data-row-path={node.path.join('/')}
                      data-col-path={result.cols[c]!.path.join('/')}
                      data-value={result.cells[r]![c]![v] ?? ''}
                      title={String(result.counts[r]![c])}
                      onClick={() => onCell(node, result.cols[c]!)}
                    >
                      {formatPivotValue(result.cells[r]![c]![v] ?? null, val.showAs, kinds[v])}
                    </td>
                  )),
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {allRows.length > rows.length ? (
        <div className="k-muted" data-testid="pivot-truncated">
          {t('truncated', { shown: formatNumber(rows.length), total: formatNumber(allRows.length) })}
        </div>
      ) : null}
    </div>
  );
}
