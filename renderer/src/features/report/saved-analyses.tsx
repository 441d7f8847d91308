import { useTranslation } from 'react-i18next';
import type { SavedPivot } from '../../../../shared/contract/analyze';
import type { DatasetInfo } from '../../../../shared/contract/datasets';
import { REPORT_NS } from './strings';

/**
 * The saved analyses (pivots, cross-tabs, charts) to put in the report, each re-run on today's
 * data by the same builders as its screen. Those saved on the segmented dataset start checked.
 */
export function SavedAnalyses({ saved, datasets, chosen, onChange }: { saved: SavedPivot[]; datasets: DatasetInfo[]; chosen: ReadonlySet<string>; onChange: (next: Set<string>) => void }) {
  const { t } = useTranslation(REPORT_NS);
  if (saved.length === 0) return <p className="k-report__hint" data-testid="report-no-analyses">{t('noAnalyses')}</p>;
  return (
    <fieldset data-testid="report-analyses">
      <legend>{t('analyses')}</legend>
      <div className="k-report__sheets">
        {saved.map((p) => (
          <label key={p.id}>
            <input
              type="checkbox"
              data-testid="report-analysis"
              data-analysis={p.id}
              checked={chosen.has(p.id)}
              onChange={(e) => {
                const next = new Set(chosen);
                if (e.target.checked) next.add(p.id);
                else next.delete(p.id);
                onChange(next);
              }}
            />{' '}
            {p.name} <span className="k-muted">{t('analysisMeta', { kind: t(`kind.${p.kind}`), dataset: datasets.find((d) => d.id === p.datasetId)?.name ?? p.datasetId })}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
