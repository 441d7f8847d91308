import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KmeansResult, KmeansScanResult, MissingPolicy } from '../../../../shared/contract/cluster';
import { KMEANS_DEFAULTS } from '../../../../shared/contract/cluster-defaults';
import type { ViewProps } from '../../app/view-registry';
import type { SegmentationParams } from '../analysis-common/segmentation-params';
import { useCall, useQuery } from '../../app/use-call';
import { Button, EmptyState, ErrorBanner, ProgressDialog } from '../../components/index';
import { AdvisorPanel } from './advisor-panel';
import { defaultChoices, initialSettings, runParams, scanParams, type FeatureChoice } from './cluster-params';
import { FeaturePicker } from './feature-picker';
import { ResultPanel } from './result-panel';
import { ScorePanel } from './score-panel';
import { CLUSTER_NS } from './strings';
import '../analysis-common/analysis.css';
import './cluster.css';

/** 聚类分析: choose features and transforms, compare k, run with progress, read the profiles. */
export function ClusterView({ datasetId, params }: ViewProps<SegmentationParams & { k?: number | undefined }>) {
  const { t } = useTranslation(CLUSTER_NS);
  const ds = useQuery('datasets.get', { datasetId: datasetId ?? '' }, { enabled: datasetId !== null, refreshOn: [] });
  const init = initialSettings(typeof params?.k === 'number' ? params.k : undefined);
  const [choices, setChoices] = useState<FeatureChoice[]>([]);
  const [missing, setMissing] = useState<MissingPolicy>(init.missing);
  const [seed, setSeed] = useState(init.seed);
  const [restarts, setRestarts] = useState(init.restarts);
  const [kMin, setKMin] = useState(init.kMin);
  const [kMax, setKMax] = useState(init.kMax);
  // Opened from the Ward view's "use this k for k-means".
  const [k, setK] = useState(init.k);
  const [scan, setScan] = useState<KmeansScanResult | null>(null);
  const [result, setResult] = useState<KmeansResult | null>(null);
  const [runs, setRuns] = useState(0);
  const scanCall = useCall('cluster.scan');
  const runCall = useCall('cluster.run');
  const saved = params.segmentationId ?? null;
  const existing = useQuery('cluster.get', { segmentationId: saved ?? '' }, { enabled: saved !== null, refreshOn: [] });

  useEffect(() => {
    if (ds.data && choices.length === 0) setChoices(defaultChoices(ds.data.columns));
  }, [ds.data, choices.length]);
  useEffect(() => {
    if (existing.data) setResult(existing.data);
  }, [existing.data]);

  const features = useMemo(() => choices.filter((c) => c.include), [choices]);
  if (datasetId === null) return <EmptyState title={t('noColumns')} />;
  const settings = { missing, seed, restarts, kMin, kMax, k };
  const onScan = async (): Promise<void> => {
    const r = await scanCall.run(scanParams(datasetId, choices, settings));
    if (r) setScan(r);
  };
  const onRun = async (): Promise<void> => {
    const r = await runCall.run(runParams(datasetId, choices, settings));
    if (r) {
      setResult(r);
      setRuns((n) => n + 1);
    }
  };
  const num = (v: string, fallback: number): number => (Number.isFinite(Number(v)) && v !== '' ? Number(v) : fallback);

  return (
    <div className="k-analysis k-cluster" data-testid="cluster-view">
      <ErrorBanner error={ds.error ?? scanCall.error ?? runCall.error} onDismiss={() => (scanCall.clearError(), runCall.clearError())} />
      <section className="k-cluster__section">
        <h3>{t('features')}</h3>
        {ds.data && choices.length === 0 ? <EmptyState title={t('noColumns')} /> : null}
        <FeaturePicker columns={ds.data?.columns ?? []} choices={choices} onChange={setChoices} />
        <div className="k-analysis__bar">
          <label>
            {t('missing')}{' '}
            <select value={missing} onChange={(e) => setMissing(e.target.value as MissingPolicy)} data-testid="cluster-missing">
              {(['drop', 'mean', 'median'] as const).map((m) => (
                <option key={m} value={m}>
                  {t(`missingPolicy.${m}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('seed')} <input type="number" value={seed} min={0} onChange={(e) => setSeed(num(e.target.value, KMEANS_DEFAULTS.seed))} data-testid="cluster-seed" />
          </label>
          <label>
            {t('restarts')} <input type="number" value={restarts} min={1} max={100} onChange={(e) => setRestarts(num(e.target.value, KMEANS_DEFAULTS.restarts))} data-testid="cluster-restarts" />
          </label>
        </div>
      </section>
      <section className="k-cluster__section">
        <h3>{t('advisor')}</h3>
        <div className="k-analysis__bar">
          <label>
            {t('kRange')} <input type="number" value={kMin} min={2} onChange={(e) => setKMin(num(e.target.value, KMEANS_DEFAULTS.kMin))} data-testid="cluster-kmin" /> ..{' '}
            <input type="number" value={kMax} min={2} onChange={(e) => setKMax(num(e.target.value, KMEANS_DEFAULTS.kMax))} data-testid="cluster-kmax" />
          </label>
          <Button disabled={features.length === 0} onClick={() => void onScan()} data-testid="cluster-scan">
            {t('scan')}
          </Button>
        </div>
        {scan ? <AdvisorPanel scan={scan} onUseK={setK} /> : null}
      </section>
      <section className="k-cluster__section">
        <div className="k-analysis__bar">
          <label>
            {t('k')} <input type="number" value={k} min={2} max={50} onChange={(e) => setK(num(e.target.value, KMEANS_DEFAULTS.k))} data-testid="cluster-k" />
          </label>
          <Button variant="primary" disabled={features.length === 0} onClick={() => void onRun()} data-testid="cluster-run">
            {t('run')}
          </Button>
          {features.length === 0 ? <span>{t('noFeatures')}</span> : null}
        </div>
      </section>
      {result && runs > 0 ? (
        <div className="k-cluster__ready" role="status" data-testid="cluster-ready">
          {t('resultReady', { k: result.clusters.length })}
        </div>
      ) : null}
      {result ? <ResultPanel result={result} onChange={setResult} reveal={runs} /> : null}
      {result ? <ScorePanel segmentationId={result.segmentation.id} datasetId={result.segmentation.datasetId} /> : null}
      <ProgressDialog open={scanCall.running} title={t('scanning')} progress={scanCall.progress} controller={scanCall.controller} />
      <ProgressDialog open={runCall.running} title={t('running')} progress={runCall.progress} controller={runCall.controller} />
    </div>
  );
}
