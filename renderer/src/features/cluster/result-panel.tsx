import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KmeansResult } from '../../../../shared/contract/cluster';
import { useCall } from '../../app/use-call';
import { Button, ErrorBanner } from '../../components/index';
import { EChart } from '../analysis-common/echart';
import { pcaScatter, radar, sizesBar, snakePlot } from './cluster-charts';
import { CLUSTER_NS } from './strings';
import { SqlButton } from '../sql-export/sql-button';

/** Profiles with editable names, and the charts: snake plot, radar, PCA scatter, sizes. */
export function ResultPanel({ result, onChange, reveal }: { result: KmeansResult; onChange: (r: KmeansResult) => void; reveal: number }) {
  const { t, i18n } = useTranslation(CLUSTER_NS);
  const rename = useCall('cluster.rename');
  const en = i18n.language === 'en';
  const [drafts, setDrafts] = useState<string[]>(() => result.clusters.map((c) => c.name));
  useEffect(() => setDrafts(result.clusters.map((c) => c.name)), [result]);
  const names = result.clusters.map((c) => (en && c.nameEn !== c.name && c.name === drafts[c.id - 1] ? c.nameEn : c.name));
  const save = async (id: number): Promise<void> => {
    const r = await rename.run({ segmentationId: result.segmentation.id, clusterId: id, name: drafts[id - 1] ?? '' });
    if (r) onChange(r);
  };
  // A new run's result is below the form, out of sight: bring it up (reveal counts the runs).
  const box = useRef<HTMLElement>(null);
  useEffect(() => {
    if (reveal > 0) box.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [reveal]);
  const fmt = (v: number, digits = 1): string => v.toLocaleString(undefined, { maximumFractionDigits: digits });
  return (
    <section ref={box} className="k-cluster__section" data-testid="cluster-result" data-segmentation-id={result.segmentation.id}>
      <h3>{t('result')}</h3>
      <SqlButton target={{ kind: 'segmentation', segmentationId: result.segmentation.id }} />
      <div data-testid="cluster-summary">
        {t('summary', {
          rows: result.missing.rowsUsed.toLocaleString(),
          sse: fmt(result.sse, 3),
          sil: result.silhouette === null ? '-' : result.silhouette.toFixed(3),
          it: result.iterations,
        })}
        {result.missing.rowsDropped > 0 ? ` · ${t('dropped', { n: result.missing.rowsDropped })}` : ''}
      </div>
      {result.warnings.map((w) => (
        <div key={w.clusterId} className="k-cluster__warning" role="alert" data-testid="cluster-warning" data-code={w.code} data-cluster={w.clusterId}>
          {en ? w.en : w.zh}
        </div>
      ))}
      <ErrorBanner error={rename.error} onDismiss={rename.clearError} />
      <p className="k-cluster__hint" data-testid="cluster-index-note">
        {t('indexNote')}
      </p>
      <table className="k-cluster__table" data-testid="cluster-profiles">
        <thead>
          <tr>
            <th>{t('cluster')}</th>
            <th>{t('name')}</th>
            <th>{t('size')}</th>
            <th>{t('share')}</th>
            <th>{t('withinSse')}</th>
            {result.features.map((f) => (
              <th key={f.name} title={t('index')} data-testid="cluster-index-header">
                {t('indexOf', { name: f.name })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.clusters.map((c) => (
            <tr key={c.id} data-testid="cluster-row" data-cluster-id={c.id} data-cluster-name={c.name}>
              <td>{c.id}</td>
              <td>
                <input
                  value={drafts[c.id - 1] ?? ''}
                  data-testid="cluster-name"
                  onChange={(e) => setDrafts(drafts.map((d, i) => (i === c.id - 1 ? e.target.value : d)))}
                />
                <Button onClick={() => void save(c.id)} disabled={!drafts[c.id - 1] || drafts[c.id - 1] === c.name} data-testid="cluster-save-name">
                  {t('saveName')}
                </Button>
                {en ? <div className="k-cluster__hint">{c.nameEn}</div> : null}
              </td>
              <td data-testid="cluster-size">{c.size.toLocaleString()}</td>
              <td>{(c.share * 100).toFixed(1)}%</td>
              <td>{fmt(c.withinSse, 2)}</td>
              {c.index.map((v, j) => (
                <td key={j} className={v !== null && v >= 115 ? 'k-cluster__high' : v !== null && v <= 85 ? 'k-cluster__low' : ''}>
                  {v === null ? '-' : fmt(v, 0)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="k-cluster__charts">
        <div>
          <h4>{t('profile')}</h4>
          <EChart testId="cluster-chart-snake" option={snakePlot(result, names, t('indexAxis'))} />
        </div>
        <div>
          <h4>{t('radar')}</h4>
          <EChart testId="cluster-chart-radar" option={radar(result, names)} />
        </div>
        <div>
          <h4>
            {t('pca')}
            {result.pca.sampled ? t('pcaSampled', { n: result.pca.points.length }) : ''}
          </h4>
          <EChart testId="cluster-chart-pca" option={pcaScatter(result, names)} />
        </div>
        <div>
          <h4>{t('sizes')}</h4>
          <EChart testId="cluster-chart-sizes" option={sizesBar(result, names, t('customers'))} />
        </div>
      </div>
    </section>
  );
}
