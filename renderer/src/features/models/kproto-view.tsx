import { useEffect, useState } from 'react';
import type { KprotoParams } from './models-params';
import { useTranslation } from 'react-i18next';
import type { KprotoResult, KprotoScanResult } from '../../../../shared/contract/kproto';
import type { ViewProps } from '../../app/view-registry';
import { useCall, useQuery } from '../../app/use-call';
import { Button, EmptyState, ErrorBanner, ProgressDialog } from '../../components/index';
import { SqlButton } from '../sql-export/sql-button';
import { MODELS_NS } from './strings';
import '../analysis-common/analysis.css';
import './models.css';

type Role = 'off' | 'numeric' | 'categorical';

/** 混合聚类: numeric and text columns together (k-prototypes), the k advisor, profiles with modal categories. */
export function KprotoView({ datasetId, params }: ViewProps<KprotoParams>) {
  const { t, i18n } = useTranslation(MODELS_NS);
  const en = i18n.language === 'en';
  const ds = useQuery('datasets.get', { datasetId: datasetId ?? '' }, { enabled: datasetId !== null, refreshOn: [] });
  const [roles, setRoles] = useState<Record<string, Role>>({});
  const [gamma, setGamma] = useState('');
  const [seed, setSeed] = useState(42);
  const [restarts, setRestarts] = useState(10);
  const [kMin, setKMin] = useState(2);
  const [kMax, setKMax] = useState(8);
  const [k, setK] = useState(4);
  const [scan, setScan] = useState<KprotoScanResult | null>(null);
  const [result, setResult] = useState<KprotoResult | null>(null);
  const scanCall = useCall('kproto.scan');
  const runCall = useCall('kproto.run');
  const saved = typeof params?.segmentationId === 'string' ? params.segmentationId : null;
  const existing = useQuery('kproto.get', { segmentationId: saved ?? '' }, { enabled: saved !== null, refreshOn: [] });
  useEffect(() => {
    if (existing.data) setResult(existing.data);
  }, [existing.data]);
  useEffect(() => {
    if (!ds.data || Object.keys(roles).length > 0) return;
    const next: Record<string, Role> = {};
    for (const c of ds.data.columns) {
      if (c.type === 'date' || c.type === 'datetime' || /id$|编号|^id|会员名|电话|phone/i.test(c.name)) next[c.name] = 'off';
      else next[c.name] = c.type === 'text' ? 'categorical' : 'numeric';
    }
    setRoles(next);
  }, [ds.data, roles]);
  if (datasetId === null) return <EmptyState title={t('noNumeric')} />;
  const numeric = Object.entries(roles).filter(([, r]) => r === 'numeric').map(([c]) => c);
  const categorical = Object.entries(roles).filter(([, r]) => r === 'categorical').map(([c]) => c);
  const num = (v: string, fallback: number): number => (v !== '' && Number.isFinite(Number(v)) ? Number(v) : fallback);
  const common = { datasetId, numeric, categorical, seed, restarts, ...(gamma.trim() !== '' && Number.isFinite(Number(gamma)) ? { gamma: Number(gamma) } : {}) };
  const none = numeric.length + categorical.length === 0;
  return (
    <div className="k-analysis k-models" data-testid="kproto-view">
      <ErrorBanner error={ds.error ?? scanCall.error ?? runCall.error} onDismiss={() => (scanCall.clearError(), runCall.clearError())} />
      <section className="k-models__section">
        <h4>{t('columns')}</h4>
        <table className="k-models__table" data-testid="kproto-columns">
          <thead>
            <tr>
              <th>{t('column')}</th>
              <th>{t('role')}</th>
            </tr>
          </thead>
          <tbody>
            {(ds.data?.columns ?? []).map((c) => (
              <tr key={c.key}>
                <td>{c.name}</td>
                <td>
                  <select value={roles[c.name] ?? 'off'} data-testid="kproto-role" data-column={c.name} onChange={(e) => setRoles({ ...roles, [c.name]: e.target.value as Role })}>
                    <option value="off">{t('roleOff')}</option>
                    {c.type === 'text' ? <option value="categorical">{t('categorical')}</option> : <option value="numeric">{t('numeric')}</option>}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="k-analysis__bar">
          <label title={t('gammaHint')}>
            {t('gamma')} <input value={gamma} placeholder={scan ? scan.gammaDefault.toFixed(3) : t('gammaHint')} onChange={(e) => setGamma(e.target.value)} data-testid="kproto-gamma" />
          </label>
          <label>
            {t('seed')} <input type="number" min={0} value={seed} onChange={(e) => setSeed(num(e.target.value, 42))} data-testid="kproto-seed" />
          </label>
          <label>
            {t('restarts')} <input type="number" min={1} max={100} value={restarts} onChange={(e) => setRestarts(num(e.target.value, 10))} />
          </label>
        </div>
        <small>{t('gammaHint')}</small>
      </section>
      <section className="k-models__section">
        <div className="k-analysis__bar">
          <label>
            {t('kRange')} <input type="number" min={2} value={kMin} onChange={(e) => setKMin(num(e.target.value, 2))} /> ..{' '}
            <input type="number" min={2} value={kMax} onChange={(e) => setKMax(num(e.target.value, 8))} />
          </label>
          <Button disabled={none} onClick={() => void scanCall.run({ ...common, kMin, kMax }).then((r) => r && setScan(r))} data-testid="kproto-scan">
            {t('scan')}
          </Button>
        </div>
        {scan ? (
          <div data-testid="kproto-advisor" data-suggested-k={scan.suggestedK}>
            <strong>{t('suggested', { k: scan.suggestedK })}</strong> {en ? scan.reason.en : scan.reason.zh}{' '}
            <Button size="small" onClick={() => setK(scan.suggestedK)}>
              {t('useK', { k: scan.suggestedK })}
            </Button>
            <table className="k-models__table">
              <thead>
                <tr>
                  <th>k</th>
                  <th>{t('cost')}</th>
                  <th>{t('silhouette')}</th>
                </tr>
              </thead>
              <tbody>
                {scan.metrics.map((m) => (
                  <tr key={m.k}>
                    <td>{m.k}</td>
                    <td className="k-models__num">{m.cost.toFixed(1)}</td>
                    <td className="k-models__num">{m.silhouette?.toFixed(3) ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <div className="k-analysis__bar">
          <label>
            {t('k')} <input type="number" min={2} max={50} value={k} onChange={(e) => setK(num(e.target.value, 4))} data-testid="kproto-k" />
          </label>
          <Button variant="primary" disabled={none} onClick={() => void runCall.run({ ...common, k }).then((r) => r && setResult(r))} data-testid="kproto-run">
            {t('run')}
          </Button>
        </div>
      </section>
      {result ? <KprotoResultPanel result={result} /> : null}
      <ProgressDialog open={scanCall.running} title={t('scanning')} progress={scanCall.progress} controller={scanCall.controller} />
      <ProgressDialog open={runCall.running} title={t('running')} progress={runCall.progress} controller={runCall.controller} />
    </div>
  );
}

function KprotoResultPanel({ result }: { result: KprotoResult }) {
  const { t, i18n } = useTranslation(MODELS_NS);
  const en = i18n.language === 'en';
  const datasets = useQuery('datasets.list', {});
  const score = useCall('kproto.score');
  const [target, setTarget] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const others = (datasets.data ?? []).filter((d) => d.id !== result.segmentation.datasetId);
  const chosen = target || others[0]?.id || '';
  return (
    <section className="k-models__section" data-testid="kproto-result" data-segmentation-id={result.segmentation.id}>
      <div className="k-analysis__bar">
        <SqlButton target={{ kind: 'segmentation', segmentationId: result.segmentation.id }} />
      </div>
      <div data-testid="kproto-summary">
        {t('kprotoSummary', { rows: result.rowsUsed.toLocaleString(), gamma: result.gamma.toFixed(3), cost: result.cost.toFixed(1), sil: result.silhouette?.toFixed(3) ?? '—' })}
        {result.rowsDropped > 0 ? ` · ${t('dropped', { n: result.rowsDropped.toLocaleString() })}` : ''}
      </div>
      <table className="k-models__table" data-testid="kproto-profiles">
        <thead>
          <tr>
            <th>{t('cluster')}</th>
            <th>{t('name')}</th>
            <th>{t('size')}</th>
            <th>{t('share')}</th>
            <th>{t('modes')}</th>
            <th>{t('means')}</th>
          </tr>
        </thead>
        <tbody>
          {result.clusters.map((c) => (
            <tr key={c.id} data-testid="kproto-cluster">
              <td>{c.id}</td>
              <td>{en ? c.nameEn : c.name}</td>
              <td className="k-models__num">{c.size.toLocaleString()}</td>
              <td className="k-models__num">{(c.share * 100).toFixed(1)}%</td>
              <td>{c.modes.map((m) => `${m.column}=${m.level} ${(m.share * 100).toFixed(0)}% · ${m.index ?? '—'}`).join('；')}</td>
              <td>{result.numeric.map((f, j) => `${f.name} ${c.means[j]!.toLocaleString(undefined, { maximumFractionDigits: 1 })} (${c.index[j] ?? '—'})`).join('；')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="k-analysis__bar">
        <strong>{t('score')}</strong>
        <select value={chosen} onChange={(e) => setTarget(e.target.value)} data-testid="kproto-score-target">
          {others.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
        <Button disabled={!chosen || score.running} onClick={() => void score.run({ segmentationId: result.segmentation.id, datasetId: chosen }).then((r) => r && setDone(t('scored', { n: r.assigned.toLocaleString(), id: r.segmentation.id })))}>
          {t('run')}
        </Button>
        {done ? <span>{done}</span> : null}
      </div>
      <ErrorBanner error={score.error} onDismiss={score.clearError} />
    </section>
  );
}
