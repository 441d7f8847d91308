import { useTranslation } from 'react-i18next';
import { COLUMN_TYPES, type BooleanLabels, type ColumnType } from '../../../../shared/contract/datasets';
import type { DateOrder, ImportPreview } from '../../../../shared/contract/import';
import { booleanText } from '../../../../shared/format/boolean-labels';
import type { CellValue } from '../../../../shared/contract/json';
import { decimalsOf, formatDate, formatDateTime, formatFull, formatMoney, formatNumber, formatPercent } from '../../format';
import { IMPORT_NS } from './strings';

export interface PreviewTableProps {
  preview: ImportPreview;
  types: Record<string, ColumnType>;
  onTypeChange: (index: number, type: ColumnType) => void;
  /** The one-click switch of a date column's day/month order (10/2/2017: 2 Oct or 10 Feb). */
  onDateOrderChange: (index: number, order: DateOrder) => void;
}

/** Columns with their inferred (or overridden) types above the first rows as they will be stored. */
export function PreviewTable({ preview, types, onTypeChange, onDateOrderChange }: PreviewTableProps) {
  const { t } = useTranslation(IMPORT_NS);
  const yesNo = { yes: t('yes'), no: t('no') };
  const typeOf = (i: number): ColumnType => types[String(i)] ?? preview.columns[i]!.type;
  return (
    <div className="k-table-wrap" data-testid="import-preview-table">
      <table className="k-table">
        <thead>
          <tr>
            <th className="k-table__index">#</th>
            {preview.columns.map((c) => (
              <th key={c.index} title={c.originalHeader ?? ''} data-testid="import-column">
                <div data-testid="import-column-name">{c.name}</div>
                <select
                  className="k-input"
                  aria-label={`${t('type')} ${c.name}`}
                  value={typeOf(c.index)}
                  onChange={(e) => onTypeChange(c.index, e.target.value as ColumnType)}
                  data-testid="import-column-type"
                >
                  {COLUMN_TYPES.map((ty) => (
                    <option key={ty} value={ty}>
                      {t(`type_${ty}`)}
                    </option>
                  ))}
                </select>
                {c.invalid > 0 ? <div className="k-field__hint">{`${t('invalid')}: ${formatNumber(c.invalid)}`}</div> : null}
                {c.dateOrder ? (
                  <button
                    type="button"
                    className={`k-import__date-order${c.dateOrderAmbiguous ? ' k-import__date-order--ambiguous' : ''}`}
                    title={c.dateOrderAmbiguous ? t('dateOrderAmbiguous') : undefined}
                    onClick={() => onDateOrderChange(c.index, c.dateOrder === 'mdy' ? 'dmy' : 'mdy')}
                    data-testid="import-date-order"
                    data-order={c.dateOrder}
                    data-ambiguous={c.dateOrderAmbiguous ? 'true' : 'false'}
                  >
                    {t('dateOrderSwitch', { order: t(`dateOrder_${c.dateOrder}`) })}
                    {c.dateOrderAmbiguous ? ` ⚠ ${t('dateOrderAmbiguous')}` : ''}
                  </button>
                ) : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row, r) => (
            <tr key={r}>
              <td className="k-table__index">{r + 1}</td>
              {row.map((v, c) => (
                <td key={c} className={typeof v === 'number' ? 'k-num' : undefined} data-testid="import-cell">
                  {show(v, typeOf(c), preview.columns[c]?.labels ?? null, yesNo)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A cell as it will be stored, at full precision: the preview is where a user checks that 56.85
 * arrives as 56.85, so nothing is rounded here (the grid applies display formats later).
 */
function show(v: CellValue, type: ColumnType, labels: BooleanLabels | null, yesNo: { yes: string; no: string }): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return labels ? booleanText(v, labels) : v ? yesNo.yes : yesNo.no;
  if (typeof v === 'number') {
    if (type === 'date') return formatDate(v);
    if (type === 'datetime') return formatDateTime(v);
    // ×100 in floating point adds noise (0.07 → 7.000000000000001): 12 significant digits are exact enough.
    if (type === 'percent') return formatPercent(v, decimalsOf(Number((v * 100).toPrecision(12))));
    if (type === 'currency') return formatMoney(v, Math.max(2, decimalsOf(v)));
    return formatFull(v);
  }
  return v;
}
