import '../analysis-common/analysis.css';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { crosstabTable, type CrosstabFigure } from '../../../../shared/analysis/crosstab-table';
import { DEFAULT_MIN_BASE, type CrosstabColSort, type CrosstabMeasure, type CrosstabResult, type CrosstabSpecInput } from '../../../../shared/contract/analyze';
import type { ColumnInfo, DatasetInfo } from '../../../../shared/contract/datasets';
import { useQuery } from '../../app/use-call';
import type { ViewProps } from '../../app/view-registry';
import { ErrorBanner } from '../../components/error-banner';
import { tgiHeatmap } from '../../../../shared/charts/index';
import { Button } from '../../components/button';
import { download, EChart, type EChartHandle } from '../analysis-common/echart';
import { useChartLang } from '../analysis-common/lang';
import { HeatTable, type CellShow } from './heat-table';
import type { CrosstabParams } from './crosstab-params';
import { SavedCrosstabs } from './saved-crosstabs';
import { CROSSTAB_NS } from './strings';
import { ExportButton } from '../report/export-button';

/** The preference cross-tab: segment × category coloured by TGI, the χ² line, and preferences in words. */
export function CrosstabView({ datasetId, params }: ViewProps<CrosstabParams>) {
  const { t } = useTranslation(CROSSTAB_NS);
  const q = useQuery('datasets.get', { datasetId: datasetId ?? '' }, { enabled: datasetId !== null });
  const all = useQuery('datasets.list', {});
  if (q.error) return <ErrorBanner error={q.error} />;
  if (!q.data || !all.data) return <div className="k-view-loading">{t('title')}</div>;
  return <CrosstabHost ds={q.data} datasets={all.data} initial={params.spec} />;
}

/** Re-mounts the editor when a saved cross-tab is opened, so every choice starts from the saved spec. */
function CrosstabHost({ ds, datasets, initial }: { ds: DatasetInfo; datasets: DatasetInfo[]; initial: Partial<CrosstabSpecInput> | undefined }) {
  const [loaded, setLoaded] = useState<{ spec: Partial<CrosstabSpecInput> | undefined; gen: number }>({ spec: initial, gen: 0 });
  return (
    <CrosstabEditor
      key={`${ds.id}-${loaded.gen}`}
      ds={ds}
      datasets={datasets}
      initial={loaded.spec}
      onLoad={(spec) => setLoaded((l) => ({ spec, gen: l.gen + 1 }))}
    />
  );
}

function measureKey(m: CrosstabMeasure | undefined): string {
  if (!m || m.kind === 'count') return 'count';
  return m.kind === 'customers' ? 'customers' : `sum:${m.column}`;
}

const textCols = (cols: ColumnInfo[]): ColumnInfo[] => cols.filter((c) => c.type === 'text' || c.type === 'integer');

function ColumnSelect(props: { testId: string; label: string; columns: ColumnInfo[]; value: string; onChange: (v: string) => void; placeholder: string }) {
  return (
    <label className="k-well">
      <span className="k-well__title">{props.label}</span>
      <select data-testid={props.testId} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{props.placeholder}</option>
        {props.columns.map((c) => (
          <option key={c.key} value={c.key}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function CrosstabEditor(props: {
  ds: DatasetInfo;
  datasets: DatasetInfo[];
  initial: Partial<CrosstabSpecInput> | undefined;
  onLoad: (spec: Partial<CrosstabSpecInput>) => void;
}) {
  const { ds, datasets, initial, onLoad } = props;
  const { t } = useTranslation(CROSSTAB_NS);
  const segs = useQuery('segmentations.list', { datasetId: ds.id });
  const [rows, setRows] = useState(initial?.rows?.column ?? '');
  const [factsId, setFactsId] = useState(initial?.facts?.datasetId ?? '');
  const [rowsKey, setRowsKey] = useState(initial?.facts?.rowsKey ?? initial?.facts?.key ?? '');
  const [factsKey, setFactsKey] = useState(initial?.facts?.key ?? '');
  const [cols, setCols] = useState(initial?.cols?.column ?? '');
  const [measure, setMeasure] = useState(measureKey(initial?.measure));
  const [mode, setMode] = useState<CellShow>('tgi');
  const [top, setTop] = useState(initial?.topCols === undefined ? '' : String(initial.topCols));
  const [minBase, setMinBase] = useState(String(initial?.minCellCount ?? DEFAULT_MIN_BASE));
  const [sort, setSort] = useState(initial?.colSort ? `${initial.colSort.by}${initial.colSort.row ? `:${initial.colSort.row}` : ''}` : 'label');
  const facts = datasets.find((d) => d.id === factsId) ?? null;
  const colSource = facts ?? ds;
  // A segmentation's label column is the natural row field; pick the newest when none is chosen.
  const segColumn = segs.data?.at(-1)?.columnKey ?? '';
  const rowField = rows || segColumn;

  const pickFacts = (id: string): void => {
    setFactsId(id);
    setCols('');
    const other = datasets.find((d) => d.id === id);
    if (!other) return;
    // Default join: a column with the same name in both datasets (客户编号 ↔ 客户编号).
    const shared = ds.columns.find((c) => other.columns.some((o) => o.name === c.name && c.type === 'text'));
    setRowsKey(shared?.key ?? '');
    setFactsKey(other.columns.find((o) => o.name === shared?.name)?.key ?? '');
  };

  const spec: CrosstabSpecInput | null = useMemo(() => {
    if (!rowField || !cols) return null;
    const measureSpec: CrosstabMeasure = measure === 'count' ? { kind: 'count' } : measure === 'customers' ? { kind: 'customers' } : { kind: 'sum', column: measure.slice(4) };
    if (facts && (!rowsKey || !factsKey)) return null;
    const base = Number(minBase);
    const [by, ...row] = sort.split(':');
    const colSort: CrosstabColSort | null = by === 'volume' ? { by: 'volume' } : by === 'tgi' ? { by: 'tgi', ...(row.length ? { row: row.join(':') } : {}) } : null;
    return {
      datasetId: ds.id,
      rows: { column: rowField },
      cols: { column: cols },
      measure: measureSpec,
      ...(facts ? { facts: { datasetId: facts.id, key: factsKey, rowsKey } } : {}),
      ...(Number.isInteger(base) && base >= 0 ? { minCellCount: base } : {}),
      ...(top !== '' ? { topCols: Number(top) } : {}),
      ...(colSort ? { colSort } : {}),
    };
  }, [rowField, cols, facts, rowsKey, factsKey, measure, ds.id, minBase, top, sort]);
  const result = useQuery('crosstab.run', spec ?? { datasetId: ds.id, rows: { column: 'x' }, cols: { column: 'x' } }, { enabled: spec !== null });
  const numeric = colSource.columns.filter((c) => c.type === 'currency' || c.type === 'decimal' || c.type === 'integer');
  return (
    <div className="k-analysis" data-testid="crosstab-view">
      <div className="k-analysis__bar">
        <ColumnSelect testId="crosstab-rows" label={t('rows')} columns={textCols(ds.columns)} value={rowField} onChange={setRows} placeholder={t('choose')} />
        <label className="k-well">
          <span className="k-well__title">{t('facts')}</span>
          <select data-testid="crosstab-facts" value={factsId} onChange={(e) => pickFacts(e.target.value)}>
            <option value="">{t('sameDataset')}</option>
            {datasets
              .filter((d) => d.id !== ds.id)
              .map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
          </select>
        </label>
        {facts ? (
          <>
            <ColumnSelect testId="crosstab-rows-key" label={t('rowsKey')} columns={ds.columns} value={rowsKey} onChange={setRowsKey} placeholder={t('choose')} />
            <ColumnSelect testId="crosstab-facts-key" label={t('factsKey')} columns={facts.columns} value={factsKey} onChange={setFactsKey} placeholder={t('choose')} />
          </>
        ) : null}
        <ColumnSelect testId="crosstab-cols" label={t('cols')} columns={textCols(colSource.columns)} value={cols} onChange={setCols} placeholder={t('choose')} />
        <label className="k-well">
          <span className="k-well__title">{t('measure')}</span>
          <select data-testid="crosstab-measure" value={measure} onChange={(e) => setMeasure(e.target.value)}>
            <option value="count">{t('measureCount')}</option>
            <option value="customers">{t('measureCustomers')}</option>
            {numeric.map((c) => (
              <option key={c.key} value={`sum:${c.key}`}>
                {t('measureSum', { name: c.name })}
              </option>
            ))}
          </select>
        </label>
        <label className="k-well">
          <span className="k-well__title">{t('top')}</span>
          <select data-testid="crosstab-top" value={top} onChange={(e) => setTop(e.target.value)}>
            <option value="">{t('topAll')}</option>
            {[5, 8, 10, 15, 20].map((n) => (
              <option key={n} value={String(n)}>
                {t('topN', { n })}
              </option>
            ))}
          </select>
        </label>
        <label className="k-well" title={t('minBaseHint')}>
          <span className="k-well__title">{t('minBase')}</span>
          <input type="text" inputMode="numeric" data-testid="crosstab-min-base" value={minBase} onChange={(e) => setMinBase(e.target.value.replace(/[^0-9]/g, ''))} size={5} />
        </label>
        <label className="k-well">
          <span className="k-well__title">{t('sort')}</span>
          <select data-testid="crosstab-sort" value={sort} onChange={(e) => setSort(e.target.value)}>
            <option value="label">{t('sortLabel')}</option>
            <option value="volume">{t('sortVolume')}</option>
            {(result.data?.rows ?? []).map((r) => (
              <option key={r} value={`tgi:${r}`}>
                {t('sortTgi', { row: r })}
              </option>
            ))}
          </select>
        </label>
        <label className="k-well">
          <span className="k-well__title">{t('show')}</span>
          <select data-testid="crosstab-show" value={mode} onChange={(e) => setMode(e.target.value as CellShow)}>
            <option value="tgi">{t('showTgi')}</option>
            <option value="value">{t('showValue')}</option>
            <option value="rowPct">{t('showRowPct')}</option>
            <option value="colPct">{t('showColPct')}</option>
            <option value="totalPct">{t('showTotalPct')}</option>
            <option value="residual">{t('showResidual')}</option>
          </select>
        </label>
      </div>
      <SavedCrosstabs ds={ds} spec={spec} onLoad={onLoad} />
      {spec ? <ExportButton target={{ kind: 'crosstab', spec }} baseName={`${ds.name}-TGI`} testId="crosstab-export" /> : null}
      {result.error ? <ErrorBanner error={result.error} /> : null}
      {spec && result.data ? <CrosstabBody result={result.data} mode={mode} measureColumn={colSource.columns.find((c) => `sum:${c.key}` === measure)?.name} /> : null}
    </div>
  );
}

const FIGURES: readonly CrosstabFigure[] = ['value', 'rowPct', 'colPct', 'totalPct', 'tgi', 'residual'];

/** The result laid out by the shared builder the report uses, so both show the same cells. */
function CrosstabBody({ result, mode, measureColumn }: { result: CrosstabResult; mode: CellShow; measureColumn: string | undefined }) {
  const { t } = useTranslation(CROSSTAB_NS);
  const lang = useChartLang();
  const table = useMemo(() => crosstabTable(result, lang, { figures: FIGURES, ...(measureColumn ? { measureColumn } : {}) }), [result, lang, measureColumn]);
  const c = result.chi2;
  return (
    <>
      <div className="k-chi2" data-testid="crosstab-chi2" data-df={c.df} data-p={c.p ?? ''}>
        {table.chiLine}
      </div>
      <HeatTable table={table} mode={mode} />
      <HeatChart result={result} />
      {table.notes.slice(1).map((note) => {
        const warning = table.warnings.includes(note);
        return (
          <div key={note} className={warning ? 'k-warn' : 'k-muted'} data-testid={warning ? 'crosstab-warning' : 'crosstab-note'}>
            {note}
          </div>
        );
      })}
      <h3>{t('preferences')}</h3>
      <ul className="k-prefs">
        {table.preferences.map((p) => (
          <li key={p} data-testid="crosstab-preference">
            {p}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The same heat map as an ECharts chart, to save as PNG or SVG for slides and reports. */
function HeatChart({ result }: { result: CrosstabResult }) {
  const { t } = useTranslation(CROSSTAB_NS);
  const lang = useChartLang();
  const [open, setOpen] = useState(false);
  const chart = useRef<EChartHandle>(null);
  const option = useMemo(() => tgiHeatmap(result, lang), [result, lang]);
  return (
    <div>
      <Button size="small" variant="ghost" data-testid="crosstab-chart-toggle" onClick={() => setOpen((o) => !o)}>
        {t(open ? 'hideChart' : 'showChart')}
      </Button>
      {open ? (
        <>
          <Button size="small" data-testid="crosstab-save-png" onClick={() => { const png = chart.current?.png(); if (png) download('TGI.png', png, 'image/png'); }}>
            PNG
          </Button>{' '}
          <Button size="small" data-testid="crosstab-save-svg" onClick={() => { const svg = chart.current?.svg(); if (svg) download('TGI.svg', svg, 'image/svg+xml'); }}>
            SVG
          </Button>
          <EChart ref={chart} option={option} testId="crosstab-chart" />
        </>
      ) : null}
    </div>
  );
}
