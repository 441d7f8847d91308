import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RfmResult } from '../../../../shared/contract/metrics';
import { useCall, useQuery } from '../../app/use-call';
import type { ViewProps } from '../../app/view-registry';
import { defaultDatasetViewId } from '../../app/view-registry';
import { useWorkspace } from '../../app/workspace';
import { Button, EmptyState, ErrorBanner, ProgressDialog } from '../../components/index';
import { formatNumber } from '../../format';
import { METRICS_NS } from './strings';
import './metrics.css';
import { SqlButton } from '../sql-export/sql-button';
import { RfmExclusions } from './rfm-exclusions';

/** Guesses a column by typical header words (Chinese shop exports, Online Retail). */
function guess(names: string[], words: RegExp): string {
  return names.find((n) => words.test(n)) ?? names[0] ?? '';
}

/** RFM preset: customer, date, amount (+ order id, analysis date, returns rule) → customer dataset. */
export function RfmView({ datasetId }: ViewProps) {
  const { t } = useTranslation(METRICS_NS);
  const { openTab } = useWorkspace();
  const ds = useQuery('datasets.get', { datasetId: datasetId ?? '' }, { enabled: datasetId !== null });
  const run = useCall('metrics.rfm');
  const [form, setForm] = useState<{ customer: string; date: string; amount: string; order: string; asOf: string; returns: 'exclude' | 'net' } | null>(null);
  const [result, setResult] = useState<RfmResult | null>(null);
  const columns = ds.data?.columns;

  useEffect(() => {
    if (!columns || form) return;
    const names = columns.map((c) => c.name);
    const dates = columns.filter((c) => c.type === 'date' || c.type === 'datetime').map((c) => c.name);
    const numbers = columns.filter((c) => ['decimal', 'currency', 'integer'].includes(c.type)).map((c) => c.name);
    setForm({
      customer: guess(names, /客户|会员|买家|customer|姓名|name/i),
      date: guess(dates.length ? dates : names, /付款|下单|日期|时间|date/i),
      amount: guess(numbers.length ? numbers : names, /实付|实际支付|金额|amount|price|sales/i),
      order: '',
      asOf: '',
      returns: 'exclude',
    });
  }, [columns, form]);

  if (datasetId === null) return <EmptyState title={t('rfmTitle')} />;
  if (!columns || !form) return <ErrorBanner error={ds.error} />;
  const set = (patch: Partial<typeof form>): void => setForm({ ...form, ...patch });
  const select = (key: 'customer' | 'date' | 'amount' | 'order', optional = false) => (
    <select className="k-input" value={form[key]} onChange={(e) => set({ [key]: e.target.value })} data-testid={`rfm-${key}`}>
      {optional ? <option value="">{t('none')}</option> : null}
      {columns.map((c) => (
        <option key={c.key} value={c.name}>
          {c.name}
        </option>
      ))}
    </select>
  );
  const submit = async (): Promise<void> => {
    const r = await run.run({
      datasetId,
      customer: form.customer,
      date: form.date,
      amount: form.amount,
      returns: form.returns,
      ...(form.order ? { order: form.order } : {}),
      ...(form.asOf ? { asOf: form.asOf } : {}),
    });
    setResult(r ?? null);
  };

  return (
    <div className="k-metrics" data-testid="rfm-view">
      <label className="k-field">
        <span className="k-field__label">{t('customer')}</span>
        {select('customer')}
      </label>
      <label className="k-field">
        <span className="k-field__label">{t('date')}</span>
        {select('date')}
      </label>
      <label className="k-field">
        <span className="k-field__label">{t('amount')}</span>
        {select('amount')}
      </label>
      <label className="k-field">
        <span className="k-field__label">{t('order')}</span>
        {select('order', true)}
      </label>
      <label className="k-field">
        <span className="k-field__label">{t('asOf')}</span>
        <input className="k-input" type="date" value={form.asOf} onChange={(e) => set({ asOf: e.target.value })} data-testid="rfm-as-of" />
      </label>
      <label className="k-field">
        <span className="k-field__label">{t('returns')}</span>
        <select className="k-input" value={form.returns} onChange={(e) => set({ returns: e.target.value as 'exclude' | 'net' })}>
          <option value="exclude">{t('returnsExclude')}</option>
          <option value="net">{t('returnsNet')}</option>
        </select>
      </label>
      <div className="k-row">
        <Button variant="primary" disabled={run.running} onClick={() => void submit()} data-testid="rfm-run">
          {t('run')}
        </Button>
      </div>
      <ErrorBanner error={run.error} />
      {result ? (
        <div data-testid="rfm-result" data-rows={result.dataset.rows}>
          <p className="k-metrics__ok">
            {t('created', { name: result.dataset.name, rows: formatNumber(result.dataset.rows) })}{' '}
            <Button size="small" onClick={() => openTab({ viewId: defaultDatasetViewId(), datasetId: result.dataset.id })} data-testid="rfm-open">
              {t('open')}
            </Button>{' '}
            <SqlButton target={{ kind: 'rfm', datasetId: result.dataset.id }} />
          </p>
          <RfmExclusions exclusions={result.exclusions} />
          <table className="k-metrics__table" data-testid="rfm-summary">
            <thead>
              <tr>
                <th />
                <th>{t('summaryStat.min')}</th>
                <th>{t('summaryStat.max')}</th>
                <th>{t('summaryStat.mean')}</th>
                <th>{t('summaryStat.median')}</th>
              </tr>
            </thead>
            <tbody>
              {(['R', 'F', 'M'] as const).map((k) => (
                <tr key={k} data-testid="rfm-summary-row" data-key={k}>
                  <th>{t(`summaryRow.${k}`)}</th>
                  <td>{formatNumber(result.summary[k].min, 2)}</td>
                  <td>{formatNumber(result.summary[k].max, 2)}</td>
                  <td>{formatNumber(result.summary[k].mean, 2)}</td>
                  <td>{formatNumber(result.summary[k].median, 2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <ProgressDialog open={run.running} title={t('computing')} progress={run.progress} controller={run.controller} />
    </div>
  );
}
