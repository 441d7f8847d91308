import '../analysis-common/analysis.css';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DATE_GROUPS, type DateGroup } from '../../../../shared/contract/analyze';
import type { ColumnInfo, DatasetInfo } from '../../../../shared/contract/datasets';
import { useQuery } from '../../app/use-call';
import type { ViewProps } from '../../app/view-registry';
import { Button } from '../../components/button';
import { ErrorBanner } from '../../components/error-banner';
import { download, EChart, type EChartHandle } from '../analysis-common/echart';
import { useChartLang } from '../analysis-common/lang';
import { CHART_KINDS, chartOption, chartRequest, FIELDS, type ChartForm, type ChartKind, type ChartLabels } from './chart-kinds';
import type { ChartsParams } from './charts-params';
import { SaveChart } from './save-chart';
import { CHARTS_NS } from './strings';

export function ChartsView({ datasetId, params }: ViewProps<ChartsParams>) {
  const { t } = useTranslation(CHARTS_NS);
  const q = useQuery('datasets.get', { datasetId: datasetId ?? '' }, { enabled: datasetId !== null });
  const all = useQuery('datasets.list', {});
  if (q.error) return <ErrorBanner error={q.error} />;
  if (!q.data || !all.data) return <div className="k-view-loading">{t('title')}</div>;
  const kind = params.chart ?? 'shareBar';
  return <ChartsEditor key={q.data.id} ds={q.data} datasets={all.data} initialKind={kind} />;
}

const isText = (c: ColumnInfo): boolean => c.type === 'text';
const isNum = (c: ColumnInfo): boolean => c.type !== 'text' && c.type !== 'date' && c.type !== 'datetime' && c.type !== 'boolean';
const isDate = (c: ColumnInfo): boolean => c.type === 'date' || c.type === 'datetime';

function firstKey(cols: ColumnInfo[], test: (c: ColumnInfo) => boolean, skip = 0): string {
  return cols.filter(test)[skip]?.key ?? '';
}

function ChartsEditor({ ds, datasets, initialKind }: { ds: DatasetInfo; datasets: DatasetInfo[]; initialKind: ChartKind }) {
  const { t } = useTranslation(CHARTS_NS);
  const lang = useChartLang();
  const chart = useRef<EChartHandle>(null);
  const [kind, setKind] = useState<ChartKind>(initialKind);
  const [form, setForm] = useState<ChartForm>(() => ({
    group: firstKey(ds.columns, isText, 2),
    amount: '',
    metric: 'count',
    date: firstKey(ds.columns, isDate),
    period: 'month',
    by: '',
    byDataset: '',
    byKey: '',
    factsKey: '',
    column: firstKey(ds.columns, isNum),
    x: firstKey(ds.columns, isNum),
    y: firstKey(ds.columns, isNum, 1),
    r: '',
    f: '',
    m: '',
  }));
  const request = chartRequest(kind, ds.id, form);
  const data = useQuery('charts.data', request ?? { chart: 'lorenz', datasetId: ds.id, amount: 'x' }, { enabled: request !== null });
  // A row is a customer only in a dataset that was segmented (a customer table); in an order
  // table the chart counts rows, and says so.
  const segmented = useQuery('segmentations.list', { datasetId: ds.id });
  const nameOf = (key: string): string | undefined => ds.columns.find((c) => c.key === key)?.name;
  const counted = (segmented.data?.length ?? 0) > 0 ? 'customers' : 'rows';
  const groupName = nameOf(form.group);
  const amountName = form.metric === 'amount' || kind === 'trend' ? nameOf(form.amount) : undefined;
  const countName = t(counted === 'customers' ? 'countCustomers' : 'countRows');
  const labels = useMemo<ChartLabels>(
    () => ({ ...(groupName ? { group: groupName } : {}), counted, ...(amountName ? { amount: amountName, measure: amountName } : { measure: countName }) }),
    [groupName, counted, amountName, countName],
  );
  const current = data.loading ? null : data.data;
  const option = useMemo(() => (current ? chartOption(kind, current, lang, form.metric, labels) : null), [current, kind, lang, form.metric, labels]);
  const fields = [...FIELDS[kind].required, ...FIELDS[kind].optional];
  const set = (k: keyof ChartForm, v: string): void => setForm((f) => ({ ...f, [k]: v }));
  const byDs = datasets.find((d) => d.id === form.byDataset) ?? null;
  // Segments live with the customers: join on the first column name both datasets share (客户编号).
  const pickByDataset = (id: string): void => {
    const other = datasets.find((d) => d.id === id);
    const shared = other?.columns.find((c) => c.type === 'text' && ds.columns.some((o) => o.name === c.name));
    const factsKey = shared ? ds.columns.find((o) => o.name === shared.name)?.key ?? '' : '';
    setForm((f) => ({ ...f, byDataset: id, by: '', byKey: shared?.key ?? '', factsKey }));
  };
  const columnField = (k: keyof ChartForm, test: (c: ColumnInfo) => boolean, optional: boolean, source: ColumnInfo[] = ds.columns) => (
    <label className="k-well" key={k}>
      <span className="k-well__title">{t(k)}</span>
      <select data-testid={`chart-field-${k}`} value={form[k]} onChange={(e) => set(k, e.target.value)}>
        <option value="">{optional ? t('none') : t('choose')}</option>
        {source.filter(test).map((c) => (
          <option key={c.key} value={c.key}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
  const optional = (k: keyof ChartForm): boolean => FIELDS[kind].optional.includes(k);
  return (
    <div className="k-analysis" data-testid="charts-view">
      <div className="k-analysis__bar">
        <label className="k-well">
          <span className="k-well__title">{t('chart')}</span>
          <select data-testid="chart-kind" value={kind} onChange={(e) => setKind(e.target.value as ChartKind)}>
            {CHART_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {fields.map((k) => {
          if (k === 'metric')
            return (
              <label className="k-well" key={k}>
                <span className="k-well__title">{t('metric')}</span>
                <select data-testid="chart-field-metric" value={form.metric} onChange={(e) => set('metric', e.target.value)}>
                  <option value="count">{t('byCount')}</option>
                  <option value="amount" disabled={form.amount === ''}>
                    {t('byAmount')}
                  </option>
                </select>
              </label>
            );
          if (k === 'period')
            return (
              <label className="k-well" key={k}>
                <span className="k-well__title">{t('period')}</span>
                <select data-testid="chart-field-period" value={form.period} onChange={(e) => set('period', e.target.value as DateGroup)}>
                  {DATE_GROUPS.map((g) => (
                    <option key={g} value={g}>
                      {t(`periods.${g}`)}
                    </option>
                  ))}
                </select>
              </label>
            );
          if (k === 'byDataset')
            return (
              <label className="k-well" key={k}>
                <span className="k-well__title">{t('byDataset')}</span>
                <select data-testid="chart-field-byDataset" value={form.byDataset} onChange={(e) => pickByDataset(e.target.value)}>
                  <option value="">{t('thisDataset')}</option>
                  {datasets.filter((d) => d.id !== ds.id).map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
                </select>
              </label>
            );
          if (k === 'by' && byDs) return columnField(k, isText, true, byDs.columns);
          const test = k === 'group' || k === 'by' ? isText : k === 'date' ? isDate : isNum;
          return columnField(k, test, optional(k));
        })}
        <span className="k-well">
          <Button size="small" data-testid="chart-save-png" disabled={!option} onClick={() => { const png = chart.current?.png(); if (png) download(`${t(`kinds.${kind}`)}.png`, png, 'image/png'); }}>
            {t('savePng')}
          </Button>
          <Button size="small" data-testid="chart-save-svg" disabled={!option} onClick={() => { const svg = chart.current?.svg(); if (svg) download(`${t(`kinds.${kind}`)}.svg`, svg, 'image/svg+xml'); }}>
            {t('saveSvg')}
          </Button>
        </span>
      </div>
      {request ? <SaveChart ds={ds} spec={{ kind, request, metric: form.metric }} defaultName={t(`kinds.${kind}`)} /> : null}
      {data.error ? <ErrorBanner error={data.error} /> : null}
      {/* One chart instance per kind: switching type never leaves the previous chart's layers behind. */}
      {option ? <EChart key={kind} ref={chart} option={option} testId="chart-canvas" /> : request && !data.error ? <div className="k-view-loading" data-testid="chart-loading">{t('loading')}</div> : null}
    </div>
  );
}
