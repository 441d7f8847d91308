import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedChartSpec } from '../../../../shared/contract/analyze';
import type { DatasetInfo } from '../../../../shared/contract/datasets';
import { useCall } from '../../app/use-call';
import { Button } from '../../components/button';
import { ErrorBanner } from '../../components/error-banner';
import { CHARTS_NS } from './strings';

/** Saves the chart's spec in the project, so the report can draw it as a native Excel chart. */
export function SaveChart({ ds, spec, defaultName }: { ds: DatasetInfo; spec: SavedChartSpec; defaultName: string }) {
  const { t } = useTranslation(CHARTS_NS);
  const save = useCall('pivots.save');
  const [name, setName] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const run = async (): Promise<void> => {
    const r = await save.run({ name: name.trim() || defaultName, datasetId: ds.id, chart: spec });
    if (r) setMessage(t('savedOk', { name: r.name }));
  };
  return (
    <div className="k-analysis__bar" data-testid="chart-saved">
      <input type="text" data-testid="chart-save-name" placeholder={t('saveName')} value={name} onChange={(e) => setName(e.target.value)} />
      <Button size="small" data-testid="chart-save" disabled={save.running} onClick={() => void run()}>
        {t('save')}
      </Button>
      {message ? <span className="k-muted">{message}</span> : null}
      <ErrorBanner error={save.error} />
    </div>
  );
}
