import { useTranslation } from 'react-i18next';
import { COLUMN_TYPES, type ColumnType } from '../../../../shared/contract/datasets';
import type { ImportPreview } from '../../../../shared/contract/import';
import type { CellValue } from '../../../../shared/contract/json';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../../format';
import { IMPORT_NS } from './strings';

export interface PreviewTableProps {
  preview: ImportPreview;
  types: Record<string, ColumnType>;
  onTypeChange: (index: number, type: ColumnType) => void;
}

/** Columns with their inferred (or overridden) types above the first rows as they will be stored. */
export function PreviewTable({ preview, types, onTypeChange }: PreviewTableProps) {
  const { t } = useTranslation(IMPORT_NS);
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
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row, r) => (
            <tr key={r}>
              <td className="k-table__index">{r + 1}</td>
              {row.map((v, c) => (
                <td key={c} className={typeof v === 'number' ? 'k-num' : undefined}>
                  {show(v, typeOf(c))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function show(v: CellValue, type: ColumnType): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') {
    if (type === 'date') return formatDate(v);
    if (type === 'datetime') return formatDateTime(v);
    if (type === 'percent') return formatPercent(v);
    return formatNumber(v);
  }
  return v;
}
