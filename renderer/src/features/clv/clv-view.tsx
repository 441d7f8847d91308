import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClvModel } from '../../../../shared/contract/clv';
import type { ViewProps } from '../../app/view-registry';
import { useCall, useQuery } from '../../app/use-call';
import { Button, EmptyState, ErrorBanner, ProgressDialog } from '../../components/index';
import { formatNumber } from '../../format';
import { ClvFormFields, initialForm, type ClvForm } from './clv-form';
import { ClvResult } from './clv-result';
import { CLV_NS, clvStrings } from './strings';
import '../analysis-common/analysis.css';
import './clv.css';

/** 客户价值预测: fit BG/NBD + Gamma-Gamma on a transaction dataset and read the results. */
export function ClvView({ datasetId, params }: ViewProps<{ modelId?: string | undefined }>) {
  const { t, i18n } = useTranslation(CLV_NS);
  const ds = useQuery('datasets.get', { datasetId: datasetId ?? '' }, { enabled: datasetId !== null, refreshOn: [] });
  const models = useQuery('clv.list', { datasetId: datasetId ?? '' }, { enabled: datasetId !== null });
  const [form, setForm] = useState<ClvForm | null>(null);
  const [chosen, setChosen] = useState<string>(typeof params?.modelId === 'string' ? params.modelId : '');
  const [fitted, setFitted] = useState<ClvModel | null>(null);
  const fit = useCall('clv.fit');
  const shownId = chosen || models.data?.[0]?.id || '';
  const shown = useQuery('clv.get', { modelId: shownId }, { enabled: shownId !== '' && fitted?.id !== shownId, refreshOn: [] });
  const model = fitted && fitted.id === shownId ? fitted : (shown.data ?? null);

  useEffect(() => {
    if (ds.data && !form) setForm(initialForm(ds.data.columns));
  }, [ds.data, form]);

  if (datasetId === null) return <EmptyState title={t('empty')} />;
  const columns = ds.data?.columns ?? [];
  const submit = async (): Promise<void> => {
    if (!form) return;
    const r = await fit.run({
      datasetId,
      customer: form.customer,
      date: form.date,
      amount: form.amount,
      unit: form.unit,
      horizonMonths: form.horizonMonths,
      discountRate: form.discountPct / 100,
      margin: form.marginPct / 100,
      tiers: form.tiers,
      returns: form.returns,
      ...(form.order ? { order: form.order } : {}),
      ...(form.calibrationEnd ? { calibrationEnd: form.calibrationEnd } : {}),
      ...(form.holdoutEnd ? { holdoutEnd: form.holdoutEnd } : {}),
    });
    if (r) {
      setFitted(r.model);
      setChosen(r.model.id);
    }
  };
  const labels = clvStrings[i18n.language === 'en' ? 'en' : 'zh-CN'].progressLabels;
  const progress = fit.progress ? { ...fit.progress, label: labels[fit.progress.label.replace(/^clv:/, '') as keyof typeof labels] ?? fit.progress.label } : null;
  return (
    <div className="k-analysis k-clv" data-testid="clv-view">
      <p className="k-clv__hint">{t('intro')}</p>
      <ErrorBanner error={ds.error ?? fit.error ?? shown.error} onDismiss={fit.clearError} />
      {form ? <ClvFormFields columns={columns} form={form} onChange={setForm} /> : null}
      <p className="k-clv__hint">{t('conventions')}</p>
      <div className="k-analysis__bar">
        <Button variant="primary" disabled={fit.running || !form} onClick={() => void submit()} data-testid="clv-run">
          {t('run')}
        </Button>
        {models.data && models.data.length > 0 ? (
          <label>
            {t('saved')}{' '}
            <select value={shownId} onChange={(e) => setChosen(e.target.value)} data-testid="clv-models" aria-label={t('pick')}>
              {models.data.map((m) => (
                <option key={m.id} value={m.id}>
                  {`${m.id} · ${m.datasetName} · ${formatNumber(m.customers)} · ${m.calibrationEnd}${m.holdoutEnd ? ` / ${m.holdoutEnd}` : ''}`}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      {fitted && fitted.id === shownId ? (
        <p className="k-metrics__ok" data-testid="clv-created">
          {t('created', { name: fitted.datasetName, rows: formatNumber(fitted.data.customers) })}
        </p>
      ) : null}
      {model ? <ClvResult model={model} /> : null}
      <ProgressDialog open={fit.running} title={t('running')} progress={progress} controller={fit.controller} />
    </div>
  );
}
