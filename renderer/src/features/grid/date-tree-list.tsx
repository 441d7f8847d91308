import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnInfo } from '../../../../shared/contract/datasets';
import type { FilterSpec } from '../../../../shared/contract/rows';
import type { DateTree } from '../../../../shared/contract/rows-selection';
import { useQuery } from '../../app/use-call';
import { ErrorBanner } from '../../components/error-banner';
import { formatNumber } from '../../format';
import { GRID_NS } from './strings';

const pad = (n: number): string => String(n).padStart(2, '0');
const monthKey = (y: number, m: number): string => `${y}-${pad(m)}`;
const dayKey = (y: number, m: number, d: number): string => `${monthKey(y, m)}-${pad(d)}`;

/** Every day key of the tree, and per year / month the day keys it holds. */
function dayKeys(tree: DateTree): { all: string[]; of: Map<string, string[]> } {
  const all: string[] = [];
  const of = new Map<string, string[]>();
  for (const y of tree.years) {
    const yd: string[] = [];
    for (const m of y.months) {
      const md = m.days.map((d) => dayKey(y.year, m.month, d.day));
      of.set(monthKey(y.year, m.month), md);
      yd.push(...md);
    }
    of.set(String(y.year), yd);
    all.push(...yd);
  }
  return { all, of };
}

/** The checked days as the fewest parts: whole years, then whole months, then days. */
function partsOf(tree: DateTree, checked: ReadonlySet<string>): string[] {
  const parts: string[] = [];
  for (const y of tree.years) {
    const days = y.months.flatMap((m) => m.days.map((d) => dayKey(y.year, m.month, d.day)));
    if (days.every((k) => checked.has(k))) {
      parts.push(String(y.year));
      continue;
    }
    for (const m of y.months) {
      const md = m.days.map((d) => dayKey(y.year, m.month, d.day));
      if (md.every((k) => checked.has(k))) parts.push(monthKey(y.year, m.month));
      else parts.push(...md.filter((k) => checked.has(k)));
    }
  }
  return parts;
}

/**
 * Excel's date filter list: years that open into months and days, with counts, instead of a
 * flat list of every timestamp. Reports the filter it stands for (null = everything checked).
 */
export function DateTreeList({ datasetId, col, filter, otherFilters, onSpec }: { datasetId: string; col: ColumnInfo; filter: FilterSpec | undefined; otherFilters: FilterSpec[]; onSpec: (spec: FilterSpec | null) => void }) {
  const { t } = useTranslation(GRID_NS);
  const q = useQuery('rows.dateTree', { datasetId, column: col.key, filters: otherFilters }, { refreshOn: [] });
  const keys = useMemo(() => (q.data ? dayKeys(q.data) : null), [q.data]);
  const [checked, setChecked] = useState<ReadonlySet<string> | null>(null);
  const [missing, setMissing] = useState(filter?.kind === 'dateParts' ? filter.missing : true);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());

  // The first answer sets the checks: the current dateParts filter's parts, or everything.
  useEffect(() => {
    if (!keys || checked) return;
    if (filter?.kind !== 'dateParts') return setChecked(new Set(keys.all));
    const chosen = new Set(filter.parts);
    setChecked(new Set(keys.all.filter((k) => chosen.has(k) || chosen.has(k.slice(0, 7)) || chosen.has(k.slice(0, 4)))));
  }, [keys, checked, filter]);

  useEffect(() => {
    if (!q.data || !keys || !checked) return;
    const everything = checked.size === keys.all.length && (missing || q.data.missing === 0);
    onSpec(everything ? null : { kind: 'dateParts', column: col.key, parts: partsOf(q.data, checked), missing });
  }, [q.data, keys, checked, missing, col.key, onSpec]);

  if (q.error) return <ErrorBanner error={q.error} />;
  if (!q.data || !keys || !checked) return <div className="k-muted">{t('menu.loadingValues')}</div>;
  const tree = q.data;
  const state = (group: string): 'all' | 'some' | 'none' => {
    const ks = keys.of.get(group) ?? [];
    const n = ks.filter((k) => checked.has(k)).length;
    return n === ks.length ? 'all' : n === 0 ? 'none' : 'some';
  };
  const toggle = (group: string[], on: boolean): void => {
    const next = new Set(checked);
    for (const k of group) {
      if (on) next.add(k);
      else next.delete(k);
    }
    setChecked(next);
  };
  const flip = (k: string): void => setOpen((o) => (o.has(k) ? new Set([...o].filter((x) => x !== k)) : new Set([...o, k])));
  const box = (group: string) => {
    const s = state(group);
    return (
      <input
        type="checkbox"
        checked={s === 'all'}
        ref={(el) => {
          if (el) el.indeterminate = s === 'some';
        }}
        onChange={() => toggle(keys.of.get(group) ?? [], s !== 'all')}
      />
    );
  };
  return (
    <div className="k-grid-menu__values" data-testid="date-tree">
      <label className="k-grid-menu__value">
        <input type="checkbox" checked={checked.size === keys.all.length && missing} onChange={() => (checked.size === keys.all.length && missing ? (setChecked(new Set()), setMissing(false)) : (setChecked(new Set(keys.all)), setMissing(true)))} />
        <span>{t('menu.selectAll')}</span>
      </label>
      {tree.years.map((y) => (
        <div key={y.year}>
          <div className="k-grid-menu__value" data-testid="date-year" data-year={y.year}>
            <button type="button" className="k-date-tree__twisty" aria-expanded={open.has(String(y.year))} onClick={() => flip(String(y.year))}>
              {open.has(String(y.year)) ? '▾' : '▸'}
            </button>
            <label>
              {box(String(y.year))}
              <span>{t('dateTree.year', { year: y.year })}</span>
            </label>
            <span className="k-grid-menu__count">{formatNumber(y.count)}</span>
          </div>
          {open.has(String(y.year))
            ? y.months.map((m) => {
                const mk = monthKey(y.year, m.month);
                return (
                  <div key={mk} style={{ paddingLeft: 16 }}>
                    <div className="k-grid-menu__value" data-testid="date-month" data-month={mk}>
                      <button type="button" className="k-date-tree__twisty" aria-expanded={open.has(mk)} onClick={() => flip(mk)}>
                        {open.has(mk) ? '▾' : '▸'}
                      </button>
                      <label>
                        {box(mk)}
                        <span>{t('dateTree.month', { month: m.month })}</span>
                      </label>
                      <span className="k-grid-menu__count">{formatNumber(m.count)}</span>
                    </div>
                    {open.has(mk)
                      ? m.days.map((d) => {
                          const dk = dayKey(y.year, m.month, d.day);
                          return (
                            <label key={dk} className="k-grid-menu__value" style={{ paddingLeft: 32 }} data-testid="date-day" data-day={dk}>
                              <input type="checkbox" checked={checked.has(dk)} onChange={() => toggle([dk], !checked.has(dk))} />
                              <span>{t('dateTree.day', { day: d.day })}</span>
                              <span className="k-grid-menu__count">{formatNumber(d.count)}</span>
                            </label>
                          );
                        })
                      : null}
                  </div>
                );
              })
            : null}
        </div>
      ))}
      {tree.missing > 0 ? (
        <label className="k-grid-menu__value">
          <input type="checkbox" checked={missing} onChange={() => setMissing(!missing)} />
          <span className="k-muted">{t('menu.blank')}</span>
          <span className="k-grid-menu__count">{formatNumber(tree.missing)}</span>
        </label>
      ) : null}
    </div>
  );
}
