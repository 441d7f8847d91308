import { useTranslation } from 'react-i18next';
import type { KmeansScanResult } from '../../../../shared/contract/cluster';
import { Button } from '../../components/index';
import { EChart } from '../analysis-common/echart';
import { metricLine } from './cluster-charts';
import { CLUSTER_NS } from './strings';

/** The k advisor: four measures per k on one screen, the suggestion and its reason. */
export function AdvisorPanel({ scan, onUseK }: { scan: KmeansScanResult; onUseK: (k: number) => void }) {
  const { t, i18n } = useTranslation(CLUSTER_NS);
  const k = scan.suggestedK;
  return (
    <section className="k-cluster__section" data-testid="cluster-advisor" data-suggested-k={k} data-close-call={scan.closeCall ? (scan.closeCall.resolved ? 'exact' : 'unresolved') : 'none'}>
      <div className="k-cluster__suggestion">
        <strong data-testid="cluster-suggested-k">{t('suggested', { k })}</strong>
        <span data-testid="cluster-suggestion-reason">{i18n.language === 'en' ? scan.reason.en : scan.reason.zh}</span>
        <span data-testid="cluster-silhouette-sample">{t(scan.silhouetteExact ? 'exact' : 'sampled', { n: scan.silhouetteSampleSize.toLocaleString() })}</span>
        <Button onClick={() => onUseK(k)} data-testid="cluster-use-k">
          {t('useK', { k })}
        </Button>
      </div>
      <div className="k-cluster__charts">
        <EChart testId="cluster-chart-elbow" option={metricLine(scan.metrics, (m) => m.sse, t('elbow'), k)} />
        <EChart testId="cluster-chart-silhouette" option={metricLine(scan.metrics, (m) => m.silhouette, t('silhouette'), k)} />
        <EChart testId="cluster-chart-ch" option={metricLine(scan.metrics, (m) => m.calinskiHarabasz, t('ch'), k)} />
        <EChart testId="cluster-chart-db" option={metricLine(scan.metrics, (m) => m.daviesBouldin, t('db'), k)} />
      </div>
    </section>
  );
}
