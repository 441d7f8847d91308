import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { screeChart } from '../../../../shared/charts/model-charts';
import type { FactorResult } from '../../../../shared/contract/factor';
import type { ViewProps } from '../../app/view-registry';
import { useCall, useQuery } from '../../app/use-call';
import { Button, EmptyState, ErrorBanner, ProgressDialog } from '../../components/index';
import { EChart } from '../analysis-common/echart';
import { SqlButton } from '../sql-export/sql-button';
import { MODELS_NS } from './strings';
import '../analysis-common/analysis.css';
import './models.css';

/** 因子分析 / 主成分: scree, loadings (strong ones shaded), KMO and Bartlett, named factors saved as columns. */
export function FactorView({ datasetId }: ViewProps) {
  const { t, i18n } = useTranslation(MODELS_NS);
  const en = i18n.language === 'en';
  const ds = useQuery('datasets.get', { datasetId: datasetId ?? '' }, { enabled: datasetId !== null, refreshOn: [] });
  const [columns, setColumns] = useState<Set<string>>(new Set());
  const [method, setMethod] = useState<'fa' | 'pca'>('fa');
  const [factors, setFactors] = useState('');
  const [rotation, setRotation] = useState<'varimax' | 'none'>('varimax');
  const [result, setResult] = useState<FactorResult | null>(null);
  const [names, setNames] = useState<string[]>([]);
  const run = useCall('factor.run');
  const rename = useCall('factor.rename');
  const save = useCall('factor.save');
  useEffect(() => setNames(result?.names ?? []), [result]);
  if (datasetId === null) return <EmptyState title={t('noNumeric')} />;
  const numeric = (ds.data?.columns ?? []).filter((c) => c.type !== 'text' && c.type !== 'date' && c.type !== 'datetime' && c.type !== 'boolean');
  const k = factors.trim() === '' ? undefined : Number(factors);
  const onRun = async (): Promise<void> => {
    const r = await run.run({ datasetId, columns: [...columns], method, rotation, ...(k !== undefined && Number.isInteger(k) && k > 0 ? { factors: k } : {}) });
    if (r) setResult(r);
  };
  return (
    <div className="k-analysis k-models" data-testid="factor-view">
      <ErrorBanner error={ds.error ?? run.error ?? rename.error ?? save.error} onDismiss={() => (run.clearError(), rename.clearError(), save.clearError())} />
      <section className="k-models__section">
        <h4>{t('columns')}</h4>
        <div className="k-models__checks" data-testid="factor-columns">
          {numeric.map((c) => (
            <label key={c.key}>
              <input
                type="checkbox"
                data-testid="factor-column"
                data-column={c.name}
                checked={columns.has(c.name)}
                onChange={(e) => {
                  const next = new Set(columns);
                  if (e.target.checked) next.add(c.name);
                  else next.delete(c.name);
                  setColumns(next);
                }}
              />
              {c.name}
            </label>
          ))}
        </div>
        <div className="k-analysis__bar">
          <label>
            {t('method')}{' '}
            <select
              value={method}
              onChange={(e) => {
                const m = e.target.value as 'fa' | 'pca';
                setMethod(m);
                setRotation(m === 'fa' ? 'varimax' : 'none');
              }}
              data-testid="factor-method"
            >
              <option value="fa">{t('method_fa')}</option>
              <option value="pca">{t('method_pca')}</option>
            </select>
          </label>
          <label>
            {t('factors')} <input value={factors} placeholder={t('factorsAuto')} onChange={(e) => setFactors(e.target.value)} data-testid="factor-count" />
          </label>
          <label>
            {t('rotation')}{' '}
            <select value={rotation} onChange={(e) => setRotation(e.target.value as 'varimax' | 'none')}>
              <option value="varimax">{t('rotation_varimax')}</option>
              <option value="none">{t('rotation_none')}</option>
            </select>
          </label>
          <Button variant="primary" disabled={columns.size < 2} onClick={() => void onRun()} data-testid="factor-run">
            {t('analyse')}
          </Button>
          {columns.size < 2 ? <span>{t('noNumeric')}</span> : null}
        </div>
        <small>{t('factorConventions')}</small>
      </section>
      {result ? (
        <section className="k-models__section" data-testid="factor-result" data-model-id={result.model.id}>
          <div className="k-analysis__bar">
            <SqlButton target={{ kind: 'model', modelId: result.model.id }} />
          </div>
          <div data-testid="factor-kmo">
            {t('kmo', {
              kmo: result.kmo.toFixed(3),
              verdict: en ? result.kmoVerdict.en : result.kmoVerdict.zh,
              chi2: result.bartlett.chi2.toFixed(1),
              df: result.bartlett.df,
              p: result.bartlett.p < 1e-15 ? '< 1e-15' : `= ${result.bartlett.p < 1e-4 ? result.bartlett.p.toExponential(1) : result.bartlett.p.toFixed(4)}`,
            })}
          </div>
          <EChart testId="factor-scree" option={screeChart(result.eigenvalues, en ? 'en' : 'zh')} />
          <h4>{t('names')}</h4>
          <div className="k-analysis__bar k-models__names">
            {names.map((n, f) => (
              <input key={f} value={n} data-testid="factor-name" onChange={(e) => setNames(names.map((x, g) => (g === f ? e.target.value : x)))} />
            ))}
            <Button onClick={() => void rename.run({ modelId: result.model.id, names }).then((r) => r && setResult(r))} data-testid="factor-save-names">
              {t('saveNames')}
            </Button>
          </div>
          <h4>{t('loadings')}</h4>
          <table className="k-models__table" data-testid="factor-loadings">
            <thead>
              <tr>
                <th>{t('column')}</th>
                {result.names.map((n) => (
                  <th key={n}>{n}</th>
                ))}
                <th>{t('communality')}</th>
              </tr>
            </thead>
            <tbody>
              {result.columns.map((c, j) => (
                <tr key={c.key}>
                  <td>{c.name}</td>
                  {result.loadings.map((row, f) => (
                    <td key={f} className={`k-models__num${Math.abs(row[j]!) >= 0.5 ? ' k-models__strong' : ''}`} data-testid="factor-loading">
                      {row[j]!.toFixed(3)}
                    </td>
                  ))}
                  <td className="k-models__num">{result.communalities[j]!.toFixed(3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="k-analysis__bar">
            <Button variant="primary" onClick={() => void save.run({ modelId: result.model.id }).then((r) => r && setResult(r))} data-testid="factor-save-scores">
              {t('saveScores')}
            </Button>
            {result.savedColumns.length > 0 ? <span data-testid="factor-saved">{t('savedScores', { cols: result.names.join('、') })}</span> : null}
          </div>
        </section>
      ) : null}
      <ProgressDialog open={run.running} title={t('analysing')} progress={run.progress} controller={run.controller} />
    </div>
  );
}
