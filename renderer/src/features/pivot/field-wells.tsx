import { useTranslation } from 'react-i18next';
import { DATE_GROUPS, PIVOT_AGGREGATIONS, SHOW_AS, type PivotAggregation, type PivotField, type PivotValue, type ShowAs } from '../../../../shared/contract/analyze';
import type { ColumnInfo } from '../../../../shared/contract/datasets';
import { PIVOT_NS } from './strings';

const isDate = (c: ColumnInfo | undefined): boolean => c?.type === 'date' || c?.type === 'datetime';
const isNumber = (c: ColumnInfo | undefined): boolean => c !== undefined && c.type !== 'text';

/** A row or column well: chips for the chosen fields (with a period for dates) and an add list. */
export function FieldWell(props: { kind: 'rows' | 'cols'; columns: ColumnInfo[]; fields: PivotField[]; onChange: (fields: PivotField[]) => void }) {
  const { t } = useTranslation(PIVOT_NS);
  const { kind, columns, fields, onChange } = props;
  const byKey = new Map(columns.map((c) => [c.key, c]));
  return (
    <div className="k-well" data-testid={`pivot-well-${kind}`}>
      <span className="k-well__title">{t(kind)}</span>
      <div className="k-well__chips">
        {fields.map((f, i) => {
          const col = byKey.get(f.column);
          return (
            <span className="k-chip" key={`${f.column}-${i}`} data-testid="pivot-chip" data-column={col?.name ?? f.column}>
              {col?.name ?? f.column}
              {isDate(col) ? (
                <select
                  aria-label={t('noDateGroup')}
                  value={f.dateGroup ?? ''}
                  onChange={(e) => onChange(fields.map((x, j) => (j === i ? { column: x.column, ...(e.target.value ? { dateGroup: e.target.value as PivotField['dateGroup'] } : {}) } : x)))}
                >
                  <option value="">{t('noDateGroup')}</option>
                  {DATE_GROUPS.map((g) => (
                    <option key={g} value={g}>
                      {t(`dateGroup.${g}`)}
                    </option>
                  ))}
                </select>
              ) : null}
              <button type="button" title={t('remove')} onClick={() => onChange(fields.filter((_, j) => j !== i))}>
                ×
              </button>
            </span>
          );
        })}
      </div>
      <select
        data-testid={`pivot-add-${kind}`}
        value=""
        onChange={(e) => {
          const col = byKey.get(e.target.value);
          if (!col) return;
          onChange([...fields, isDate(col) ? { column: col.key, dateGroup: 'month' } : { column: col.key }]);
        }}
      >
        <option value="">{t('add')}</option>
        {columns.map((c) => (
          <option key={c.key} value={c.key}>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The values well: aggregation, column and show-as per value. */
export function ValuesWell(props: { columns: ColumnInfo[]; values: PivotValue[]; onChange: (values: PivotValue[]) => void }) {
  const { t } = useTranslation(PIVOT_NS);
  const { columns, values, onChange } = props;
  const set = (i: number, patch: Partial<PivotValue>): void => {
    onChange(
      values.map((v, j) => {
        if (j !== i) return v;
        const next = { ...v, ...patch };
        if (next.agg === 'count' && next.column === '') delete next.column;
        return next;
      }),
    );
  };
  return (
    <div className="k-well" data-testid="pivot-well-values">
      <span className="k-well__title">{t('values')}</span>
      {values.map((v, i) => {
        const needsNumber = v.agg !== 'count' && v.agg !== 'countDistinct';
        const choices = needsNumber ? columns.filter((c) => isNumber(c)) : columns;
        return (
          <span className="k-chip" key={i} data-testid="pivot-value">
            <select data-testid={`pivot-value-agg-${i}`} value={v.agg} onChange={(e) => set(i, { agg: e.target.value as PivotAggregation })}>
              {PIVOT_AGGREGATIONS.map((a) => (
                <option key={a} value={a}>
                  {t(`agg.${a}`)}
                </option>
              ))}
            </select>
            <select data-testid={`pivot-value-col-${i}`} value={v.column ?? ''} onChange={(e) => set(i, e.target.value ? { column: e.target.value } : { column: '' })}>
              {v.agg === 'count' ? <option value="">{t('rowsOnly')}</option> : <option value="">—</option>}
              {choices.map((c) => (
                <option key={c.key} value={c.key}>
                  {c.name}
                </option>
              ))}
            </select>
            <select data-testid={`pivot-value-show-${i}`} value={v.showAs} onChange={(e) => set(i, { showAs: e.target.value as ShowAs })}>
              {SHOW_AS.map((s) => (
                <option key={s} value={s}>
                  {t(`showAs.${s}`)}
                </option>
              ))}
            </select>
            {values.length > 1 ? (
              <button type="button" title={t('remove')} onClick={() => onChange(values.filter((_, j) => j !== i))}>
                ×
              </button>
            ) : null}
          </span>
        );
      })}
      <button type="button" className="k-button k-button--ghost k-button--small" data-testid="pivot-add-value" onClick={() => onChange([...values, { agg: 'count', showAs: 'value' }])}>
        {t('addValue')}
      </button>
    </div>
  );
}

/** A value is ready to run when aggregations that need a column have one. */
export function valuesReady(values: PivotValue[]): boolean {
  return values.length > 0 && values.every((v) => v.agg === 'count' || (v.column !== undefined && v.column !== ''));
}
