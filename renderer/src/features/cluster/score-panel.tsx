import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall, useQuery } from '../../app/use-call';
import { Button, ErrorBanner, ProgressDialog } from '../../components/index';
import { CLUSTER_NS } from './strings';

/** Applies the saved model to another dataset with the same columns (next month's customers). */
export function ScorePanel({ segmentationId, datasetId }: { segmentationId: string; datasetId: string }) {
  const { t, i18n } = useTranslation(CLUSTER_NS);
  const datasets = useQuery('datasets.list', {});
  const score = useCall('cluster.score');
  const others = (datasets.data ?? []).filter((d) => d.id !== datasetId);
  const [target, setTarget] = useState('');
  const [done, setDone] = useState<Awaited<ReturnType<typeof score.run>>>(undefined);
  const chosen = target || others[0]?.id || '';
  return (
    <section className="k-cluster__section" data-testid="cluster-score">
      <h3>{t('score')}</h3>
      <div className="k-analysis__bar">
        <label>
          {t('scoreTarget')}{' '}
          <select value={chosen} onChange={(e) => setTarget(e.target.value)} data-testid="cluster-score-target">
            {others.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>{' '}
        <Button disabled={!chosen || score.running} data-testid="cluster-score-run" onClick={() => void score.run({ segmentationId, datasetId: chosen }).then(setDone)}>
          {t('scoreRun')}
        </Button>
      </div>
      <ErrorBanner error={score.error} onDismiss={score.clearError} />
      {done ? (
        <div data-testid="cluster-score-result" data-assigned={done.assigned}>
          <div>{t('scored', { n: done.assigned.toLocaleString(), id: done.segmentation.id })}</div>
          {done.warning ? (
            <div className="k-cluster__warning" data-testid="cluster-drift-warning">
              {i18n.language === 'en' ? done.warning.en : done.warning.zh}
            </div>
          ) : null}
          <ul>
            {done.clusters.map((c) => (
              <li key={c.id} data-testid="cluster-score-row" data-cluster-name={c.name}>
                {c.name}: {c.size.toLocaleString()}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ProgressDialog open={score.running} title={t('scoring')} progress={score.progress} controller={score.controller} />
    </section>
  );
}
