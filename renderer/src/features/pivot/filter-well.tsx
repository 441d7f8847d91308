import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnInfo } from '../../../../shared/contract/datasets';
import type { CellValue } from '../../../../shared/contract/json';
import type { FilterSpec } from '../../../../shared/contract/rows';
import { useQuery } from '../../app/use-call';
import { PIVOT_NS } from './strings';

type OneOf = Extract<FilterSpec, { kind: 'oneOf' }>;

/**
 * Report filters, Excel style: pick a column, tick the values to keep. Filters are the grid's
 * filter list, so a drill-down carries them over unchanged.
 */
export function FilterWell(props: { datasetId: string; columns: ColumnInfo[]; filters: FilterSpec[]; onChange: (filters: FilterSpec[]) => void }) {
  const { t } = useTranslation(PIVOT_NS);
  const { datasetId, columns, filters, onChange } = props;
  const [editing, setEditing] = useState<string | null>(null);
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const current = filters.find((f): f is OneOf => f.kind === 'oneOf' && f.column === editing);
  const setValues = (column: string, values: CellValue[] | null): void => {
    const rest = filters.filter((f) => f.column !== column);
    onChange(values === null ? rest : [...rest, { kind: 'oneOf', column, values, negate: false }]);
  };
  return (
    <div className="k-well" data-testid="pivot-well-filters">
      <span className="k-well__title">{t('filters')}</span>
      <div className="k-well__chips">
        {filters.map((f) => (
          <span className="k-chip" key={f.column} data-testid="pivot-filter-chip">
            <button type="button" onClick={() => setEditing(f.column)}>
              {byKey.get(f.column)?.name ?? f.column}
              {f.kind === 'oneOf' ? ` (${f.values.length})` : ''}
            </button>
            <button type="button" title={t('remove')} onClick={() => setValues(f.column, null)}>
              ×
            </button>
          </span>
        ))}
      </div>
      <select data-testid="pivot-add-filter" value="" onChange={(e) => setEditing(e.target.value || null)}>
        <option value="">{t('add')}</option>
        {columns.map((c) => (
          <option key={c.key} value={c.key}>
            {c.name}
          </option>
        ))}
      </select>
      {editing ? (
        <ValuePicker
          datasetId={datasetId}
          column={editing}
          others={filters.filter((f) => f.column !== editing)}
          selected={current?.values ?? null}
          onDone={(values) => {
            setValues(editing, values);
            setEditing(null);
          }}
        />
      ) : null}
    </div>
  );
}

function ValuePicker(props: { datasetId: string; column: string; others: FilterSpec[]; selected: CellValue[] | null; onDone: (values: CellValue[] | null) => void }) {
  const { t } = useTranslation(PIVOT_NS);
  const distinct = useQuery('rows.distinct', { datasetId: props.datasetId, column: props.column, filters: props.others, limit: 500 });
  const [picked, setPicked] = useState<Set<string> | null>(props.selected ? new Set(props.selected.map((v) => JSON.stringify(v))) : null);
  const values = distinct.data?.values ?? [];
  const isOn = (v: CellValue): boolean => picked === null || picked.has(JSON.stringify(v));
  const toggle = (v: CellValue): void => {
    const base = picked ?? new Set(values.map((x) => JSON.stringify(x.value)));
    const next = new Set(base);
    const k = JSON.stringify(v);
    if (next.has(k)) next.delete(k);
    else next.add(k);
    setPicked(next);
  };
  return (
    <div className="k-drill" data-testid="pivot-filter-picker" style={{ maxHeight: 220, overflow: 'auto' }}>
      {values.map((v) => (
        <label key={JSON.stringify(v.value)} style={{ display: 'block' }}>
          <input type="checkbox" data-testid="pivot-filter-value" checked={isOn(v.value)} onChange={() => toggle(v.value)} /> {v.value === null ? t('blank') : String(v.value)} ({v.count})
        </label>
      ))}
      <button
        type="button"
        className="k-button k-button--small"
        data-testid="pivot-filter-apply"
        onClick={() => props.onDone(picked === null ? null : values.filter((v) => picked.has(JSON.stringify(v.value))).map((v) => v.value))}
      >
        {t('apply')}
      </button>
    </div>
  );
}
