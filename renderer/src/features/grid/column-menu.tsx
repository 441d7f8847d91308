import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnInfo } from '../../../../shared/contract/datasets';
import type { CellValue } from '../../../../shared/contract/json';
import type { FilterSpec, SortSpec } from '../../../../shared/contract/rows';
import { useQuery } from '../../app/use-call';
import { ErrorBanner } from '../../components/error-banner';
import { formatNumber } from '../../format';
import { formatCell } from './cell-format';
import { DateTreeList } from './date-tree-list';
import { GRID_NS } from './strings';

type Condition = 'none' | 'contains' | 'notContains' | 'equals' | 'startsWith' | 'endsWith' | 'numberRange' | 'dateRange' | 'empty' | 'notEmpty' | 'invalid';

export interface ColumnMenuProps {
  datasetId: string;
  col: ColumnInfo;
  x: number;
  y: number;
  sort: SortSpec[];
  filter: FilterSpec | undefined;
  /** Filters of the other columns (the value list shows what they leave). */
  otherFilters: FilterSpec[];
  onSort: (mode: 'asc' | 'desc' | 'thenAsc' | 'thenDesc' | 'clear') => void;
  onFilter: (spec: FilterSpec | null) => void;
  onHide: () => void;
  onStats: () => void;
  onFormat: () => void;
  onClose: () => void;
}

const keyOf = (v: CellValue): string => JSON.stringify(v);

function conditionsFor(col: ColumnInfo): Condition[] {
  const base: Condition[] = ['none'];
  if (col.type === 'text') base.push('contains', 'notContains', 'equals', 'startsWith', 'endsWith');
  else if (col.type === 'date' || col.type === 'datetime') base.push('dateRange', 'contains');
  else if (col.type !== 'boolean') base.push('numberRange', 'equals');
  base.push('empty', 'notEmpty');
  if (col.type !== 'text') base.push('invalid');
  return base;
}

function initialCondition(f: FilterSpec | undefined): Condition {
  if (!f || f.kind === 'oneOf' || f.kind === 'dateParts') return 'none';
  if (f.kind === 'text') return f.negate && f.op === 'contains' ? 'notContains' : f.op;
  return f.kind;
}

const dayText = (v: number | string | null): string => (v === null ? '' : typeof v === 'string' ? v.slice(0, 10) : new Date(v).toISOString().slice(0, 10));

/** The header menu: sort, a condition filter, Excel's searchable value list with counts, hide, statistics. */
export function ColumnMenu(props: ColumnMenuProps) {
  const { col, filter } = props;
  const { t } = useTranslation(GRID_NS);
  const [condition, setCondition] = useState<Condition>(initialCondition(filter));
  const [text, setText] = useState(filter?.kind === 'text' ? filter.value : '');
  const [lo, setLo] = useState(filter?.kind === 'numberRange' ? String(filter.min ?? '') : filter?.kind === 'dateRange' ? dayText(filter.from) : '');
  const [hi, setHi] = useState(filter?.kind === 'numberRange' ? String(filter.max ?? '') : filter?.kind === 'dateRange' ? dayText(filter.to) : '');
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  const [unchecked, setUnchecked] = useState<ReadonlySet<string>>(new Set());
  const [checkedOnly, setCheckedOnly] = useState<ReadonlySet<string> | null>(filter?.kind === 'oneOf' && !filter.negate ? new Set(filter.values.map(keyOf)) : null);
  const ref = useRef<HTMLDivElement>(null);
  const isDate = col.type === 'date' || col.type === 'datetime';
  // What the date tree (date columns' value list) stands for; undefined until it has loaded.
  const [dateSpec, setDateSpec] = useState<FilterSpec | null | undefined>(undefined);

  useEffect(() => {
    const id = setTimeout(() => setDebounced(search), 200);
    return () => clearTimeout(id);
  }, [search]);
  useEffect(() => {
    const onDown = (e: MouseEvent): void => {
      if (ref.current && !ref.current.contains(e.target as Node)) props.onClose();
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') props.onClose();
    };
    document.addEventListener('mousedown', onDown, true);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown, true);
      document.removeEventListener('keydown', onKey);
    };
  }, [props]);

  const values = useQuery(
    'rows.distinct',
    { datasetId: props.datasetId, column: col.key, filters: props.otherFilters, ...(debounced ? { search: debounced } : {}), limit: 1000 },
    { refreshOn: [], enabled: !isDate },
  );
  const yesNo = useMemo(() => ({ yes: t('yes'), no: t('no') }), [t]);
  const isChecked = (v: CellValue): boolean => (checkedOnly ? checkedOnly.has(keyOf(v)) : !unchecked.has(keyOf(v)));
  const toggle = (v: CellValue): void => {
    const k = keyOf(v);
    if (checkedOnly) {
      const next = new Set(checkedOnly);
      if (next.has(k)) next.delete(k);
      else next.add(k);
      setCheckedOnly(next);
    } else {
      const next = new Set(unchecked);
      if (next.has(k)) next.delete(k);
      else next.add(k);
      setUnchecked(next);
    }
  };
  const list = values.data?.values ?? [];
  const allChecked = list.every((v) => isChecked(v.value));
  const toggleAll = (): void => {
    if (allChecked) setCheckedOnly(new Set());
    else {
      setCheckedOnly(null);
      setUnchecked(new Set());
    }
  };

  const apply = (): void => {
    const c = col.key;
    const num = (s: string): number | null => (s.trim() === '' || !Number.isFinite(Number(s)) ? null : Number(s));
    switch (condition) {
      case 'contains':
      case 'equals':
      case 'startsWith':
      case 'endsWith':
        return props.onFilter(text === '' ? null : { kind: 'text', column: c, op: condition, value: text, caseSensitive: false, negate: false });
      case 'notContains':
        return props.onFilter(text === '' ? null : { kind: 'text', column: c, op: 'contains', value: text, caseSensitive: false, negate: true });
      case 'numberRange':
        return props.onFilter({ kind: 'numberRange', column: c, min: num(lo), max: num(hi) });
      case 'dateRange':
        return props.onFilter({ kind: 'dateRange', column: c, from: lo || null, to: hi || null });
      case 'empty':
      case 'notEmpty':
      case 'invalid':
        return props.onFilter({ kind: condition, column: c });
      case 'none': {
        if (isDate) return dateSpec === undefined ? props.onClose() : props.onFilter(dateSpec);
        // As in Excel, OK after a search keeps just the (checked) values the search found.
        const narrowed = checkedOnly !== null || unchecked.size > 0 || debounced !== '';
        if (!narrowed || (allChecked && !values.data?.truncated && debounced === '')) return props.onFilter(null);
        const chosen = list.filter((v) => isChecked(v.value)).map((v) => v.value);
        return props.onFilter({ kind: 'oneOf', column: c, values: chosen, negate: false });
      }
    }
  };

  const sortIndex = props.sort.findIndex((s) => s.column === col.key);
  const label = (v: CellValue): string => (v === null ? t('menu.blank') : v === '' ? t('menu.emptyText') : formatCell(v, col, yesNo));
  const left = Math.max(4, Math.min(props.x, window.innerWidth - 300));

  return (
    <div ref={ref} className="k-grid-menu" style={{ left, top: props.y }} data-testid="column-menu" data-column-key={col.key} role="menu">
      <div className="k-grid-menu__section">
        <button type="button" data-testid="menu-sort-asc" onClick={() => props.onSort('asc')}>
          ↑ {t('menu.sortAsc')}
        </button>
        <button type="button" data-testid="menu-sort-desc" onClick={() => props.onSort('desc')}>
          ↓ {t('menu.sortDesc')}
        </button>
        {props.sort.length > 0 && sortIndex < 0 ? (
          <>
            <button type="button" data-testid="menu-then-asc" onClick={() => props.onSort('thenAsc')}>
              ↑ {t('menu.thenAsc')}
            </button>
            <button type="button" data-testid="menu-then-desc" onClick={() => props.onSort('thenDesc')}>
              ↓ {t('menu.thenDesc')}
            </button>
          </>
        ) : null}
        {sortIndex >= 0 ? (
          <button type="button" data-testid="menu-sort-clear" onClick={() => props.onSort('clear')}>
            {t('menu.clearSort')}
          </button>
        ) : null}
      </div>
      <div className="k-grid-menu__section">
        <label className="k-grid-menu__row">
          <span>{t('menu.condition')}</span>
          <select data-testid="menu-condition" value={condition} onChange={(e) => setCondition(e.target.value as Condition)}>
            {conditionsFor(col).map((c) => (
              <option key={c} value={c}>
                {t(`menu.${c}`)}
              </option>
            ))}
          </select>
        </label>
        {['contains', 'notContains', 'equals', 'startsWith', 'endsWith'].includes(condition) ? (
          <input data-testid="menu-text" value={text} autoFocus onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && apply()} />
        ) : null}
        {condition === 'numberRange' || condition === 'dateRange' ? (
          <div className="k-grid-menu__row">
            <input
              data-testid="menu-min"
              type={condition === 'dateRange' ? 'date' : 'number'}
              placeholder={t(condition === 'dateRange' ? 'menu.from' : 'menu.min')}
              value={lo}
              onChange={(e) => setLo(e.target.value)}
            />
            <input
              data-testid="menu-max"
              type={condition === 'dateRange' ? 'date' : 'number'}
              placeholder={t(condition === 'dateRange' ? 'menu.to' : 'menu.max')}
              value={hi}
              onChange={(e) => setHi(e.target.value)}
            />
          </div>
        ) : null}
      </div>
      {condition === 'none' && isDate ? (
        <div className="k-grid-menu__section">
          <div className="k-grid-menu__label">{t('menu.values')}</div>
          <DateTreeList datasetId={props.datasetId} col={col} filter={filter} otherFilters={props.otherFilters} onSpec={setDateSpec} />
        </div>
      ) : null}
      {condition === 'none' && !isDate ? (
        <div className="k-grid-menu__section">
          <div className="k-grid-menu__label">{t('menu.values')}</div>
          <input data-testid="menu-search" placeholder={t('menu.search')} value={search} onChange={(e) => setSearch(e.target.value)} />
          {values.error ? <ErrorBanner error={values.error} /> : null}
          <div className="k-grid-menu__values" data-testid="menu-values">
            {values.loading && !values.data ? <div className="k-muted">{t('menu.loadingValues')}</div> : null}
            <label className="k-grid-menu__value">
              <input type="checkbox" checked={allChecked} onChange={toggleAll} data-testid="menu-select-all" />
              <span>{t('menu.selectAll')}</span>
            </label>
            {list.map((v) => (
              <label key={keyOf(v.value)} className="k-grid-menu__value" data-testid="menu-value" data-value={keyOf(v.value)}>
                <input type="checkbox" checked={isChecked(v.value)} onChange={() => toggle(v.value)} />
                <span className={v.value === null || v.value === '' ? 'k-muted' : ''}>{label(v.value)}</span>
                <span className="k-grid-menu__count">{formatNumber(v.count)}</span>
              </label>
            ))}
          </div>
          {values.data?.truncated ? (
            <div className="k-muted">{t('menu.more', { shown: formatNumber(list.length), total: `${formatNumber(values.data.totalDistinct)}${values.data.totalCapped ? '+' : ''}` })}</div>
          ) : null}
        </div>
      ) : null}
      <div className="k-grid-menu__actions">
        <button type="button" className="k-btn k-btn--primary" data-testid="menu-apply" onClick={apply}>
          {t('menu.apply')}
        </button>
        {filter ? (
          <button type="button" className="k-btn" data-testid="menu-clear" onClick={() => props.onFilter(null)}>
            {t('menu.clear')}
          </button>
        ) : null}
        <button type="button" className="k-btn" onClick={props.onClose}>
          {t('menu.cancel')}
        </button>
      </div>
      <div className="k-grid-menu__section k-grid-menu__section--last">
        <button type="button" data-testid="menu-stats" onClick={props.onStats}>
          {t('menu.stats')}
        </button>
        {col.type !== 'text' && col.type !== 'boolean' ? (
          <button type="button" data-testid="menu-format" onClick={props.onFormat}>
            {t('cellMenu.format')}
          </button>
        ) : null}
        <button type="button" data-testid="menu-hide" onClick={props.onHide}>
          {t('menu.hide')}
        </button>
      </div>
    </div>
  );
}
