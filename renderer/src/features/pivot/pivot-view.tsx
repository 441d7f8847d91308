import '../analysis-common/analysis.css';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AxisNode, PivotSpec } from '../../../../shared/contract/analyze';
import type { DatasetInfo } from '../../../../shared/contract/datasets';
import { nodeKey } from '../../../../shared/analysis/pivot-layout';
import { pivotTable, toCsv } from '../../../../shared/analysis/pivot-table-text';
import { download } from '../analysis-common/echart';
import { useQuery } from '../../app/use-call';
import type { ViewProps } from '../../app/view-registry';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { formatNumber } from '../../format';
import { DrillPanel } from './drill-panel';
import { FieldWell, ValuesWell, valuesReady } from './field-wells';
import { FilterWell } from './filter-well';
import { PivotTable } from './pivot-table';
import { SavedPivots } from './saved-pivots';
import type { PivotParams } from './pivot-params';
import { PIVOT_NS } from './strings';
import { ExportButton } from '../report/export-button';

const DEFAULT_SPEC: PivotSpec = { rows: [], cols: [], values: [{ agg: 'count', showAs: 'value' }], filters: [], subtotals: true, grandTotals: true };
type SortChoice = 'labelAsc' | 'labelDesc' | 'valueDesc' | 'valueAsc';

/** The pivot view: field wells on top, the live table below, drill-down under the table. */
export function PivotView({ datasetId, params }: ViewProps<PivotParams>) {
  const { t } = useTranslation(PIVOT_NS);
  const q = useQuery('datasets.get', { datasetId: datasetId ?? '' }, { enabled: datasetId !== null });
  if (q.error) return <ErrorBanner error={q.error} />;
  if (!q.data) return <div className="k-view-loading">{t('running')}</div>;
  const initial = params.spec ?? DEFAULT_SPEC;
  return <PivotEditor key={q.data.id} ds={q.data} initial={initial} />;
}

function PivotEditor({ ds, initial }: { ds: DatasetInfo; initial: PivotSpec }) {
  const { t, i18n } = useTranslation(PIVOT_NS);
  const [spec, setSpec] = useState<PivotSpec>(initial);
  const [collapsed, setCollapsed] = useState<{ rows: ReadonlySet<string>; cols: ReadonlySet<string> }>({ rows: new Set(), cols: new Set() });
  const [drill, setDrill] = useState<{ rowPath: string[]; colPath: string[] } | null>(null);
  const patch = useCallback((p: Partial<PivotSpec>) => {
    setSpec((s) => ({ ...s, ...p }));
    setDrill(null);
  }, []);
  const ready = valuesReady(spec.values);
  const result = useQuery('pivots.run', { datasetId: ds.id, spec }, { enabled: ready });
  const sortChoice: SortChoice = spec.rowSort?.by === 'value' ? (spec.rowSort.order === 'asc' ? 'valueAsc' : 'valueDesc') : spec.rowSort?.order === 'desc' ? 'labelDesc' : 'labelAsc';
  const setSort = (c: SortChoice): void => {
    const by = c.startsWith('value') ? 'value' : 'label';
    const order = c === 'labelDesc' || c === 'valueDesc' ? 'desc' : 'asc';
    patch({ rowSort: { by, order, valueIndex: 0 }, colSort: { by, order, valueIndex: 0 } });
  };
  const toggle = (axis: 'rows' | 'cols', path: string[]): void => {
    const k = path.join('\u0001');
    setCollapsed((s) => {
      const next = new Set(s[axis]);
      if (next.has(k)) next.delete(k);
      else next.add(k);
      return { ...s, [axis]: next };
    });
  };
  const collapseAll = (): void => {
    const groups = (nodes: AxisNode[]): Set<string> => new Set(nodes.filter((n) => n.kind === 'group' && !n.leaf).map(nodeKey));
    setCollapsed({ rows: groups(result.data?.rows ?? []), cols: groups(result.data?.cols ?? []) });
  };
  const onCell = (row: AxisNode, col: AxisNode): void => setDrill({ rowPath: row.path, colPath: col.path });
  return (
    <div className="k-analysis" data-testid="pivot-view" data-dataset-id={ds.id}>
      <div className="k-analysis__bar">
        <FieldWell kind="rows" columns={ds.columns} fields={spec.rows} onChange={(rows) => patch({ rows })} />
        <FieldWell kind="cols" columns={ds.columns} fields={spec.cols} onChange={(cols) => patch({ cols })} />
        <ValuesWell columns={ds.columns} values={spec.values} onChange={(values) => patch({ values })} />
        <FilterWell datasetId={ds.id} columns={ds.columns} filters={spec.filters} onChange={(filters) => patch({ filters })} />
        <div className="k-well">
          <label>
            <input type="checkbox" data-testid="pivot-subtotals" checked={spec.subtotals} onChange={(e) => patch({ subtotals: e.target.checked })} /> {t('subtotals')}
          </label>
          <label>
            <input type="checkbox" data-testid="pivot-grand-totals" checked={spec.grandTotals} onChange={(e) => patch({ grandTotals: e.target.checked })} /> {t('grandTotals')}
          </label>
          <label>
            {t('sort')}{' '}
            <select data-testid="pivot-sort" value={sortChoice} onChange={(e) => setSort(e.target.value as SortChoice)}>
              <option value="labelAsc">{t('sortLabelAsc')}</option>
              <option value="labelDesc">{t('sortLabelDesc')}</option>
              <option value="valueDesc">{t('sortValueDesc')}</option>
              <option value="valueAsc">{t('sortValueAsc')}</option>
            </select>
          </label>
          <span>
            <button type="button" className="k-button k-button--ghost k-button--small" data-testid="pivot-expand-all" onClick={() => setCollapsed({ rows: new Set(), cols: new Set() })}>
              {t('expandAll')}
            </button>
            <button type="button" className="k-button k-button--ghost k-button--small" data-testid="pivot-collapse-all" onClick={collapseAll}>
              {t('collapseAll')}
            </button>
          </span>
        </div>
        <SavedPivots ds={ds} spec={spec} onLoad={(s) => patch(s)} />
      </div>
      {result.error ? <ErrorBanner error={result.error} /> : null}
      {!ready ? <EmptyState title={t('empty')} /> : null}
      {result.data ? (
        <>
          <div className="k-muted" data-testid="pivot-summary">
            {t('summary', { filtered: formatNumber(result.data.filteredRows), total: formatNumber(result.data.totalRows), ms: result.data.ms })}
            {result.loading ? ` · ${t('running')}` : ` · ${t('drillHint')}`}{' '}
            <button type="button" className="k-button k-button--ghost k-button--small" data-testid="pivot-export-csv" onClick={() => download(`${ds.name}-${t('title')}.csv`, toCsv(pivotTable(result.data!, i18n.language === 'en' ? 'en' : 'zh')), 'text/csv')}>
              {t('exportCsv')}
            </button>
            <button type="button" className="k-button k-button--ghost k-button--small" data-testid="pivot-export-spec" onClick={() => download(`${ds.name}-${t('title')}.json`, JSON.stringify({ kind: 'kequn-pivot', version: 1, spec }, null, 2), 'application/json')}>
              {t('exportSpec')}
            </button>{' '}
            <ExportButton target={{ kind: 'pivot', datasetId: ds.id, spec }} baseName={`${ds.name}-${t('title')}`} testId="pivot-export" />
          </div>
          <PivotTable result={result.data} columns={ds.columns} collapsed={collapsed} onToggle={toggle} onCell={onCell} />
        </>
      ) : ready ? (
        <div className="k-view-loading">{t('running')}</div>
      ) : null}
      {drill ? <DrillPanel key={JSON.stringify(drill)} ds={ds} spec={spec} rowPath={drill.rowPath} colPath={drill.colPath} onClose={() => setDrill(null)} /> : null}
    </div>
  );
}
