import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CrosstabSpecInput } from '../../../../shared/contract/analyze';
import type { DatasetInfo } from '../../../../shared/contract/datasets';
import { useEngine } from '../../app/engine-context';
import { toKequnError, useQuery } from '../../app/use-call';
import { Button } from '../../components/button';
import { ErrorBanner } from '../../components/error-banner';
import { CROSSTAB_NS } from './strings';

/** Save the cross-tab's spec in the project and re-open saved ones (re-run on the current data). */
export function SavedCrosstabs({ ds, spec, onLoad }: { ds: DatasetInfo; spec: CrosstabSpecInput | null; onLoad: (spec: Partial<CrosstabSpecInput>) => void }) {
  const { t } = useTranslation(CROSSTAB_NS);
  const client = useEngine();
  const list = useQuery('pivots.list', { datasetId: ds.id });
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const saved = (list.data ?? []).filter((p) => p.kind === 'crosstab');
  const save = async (): Promise<void> => {
    if (!spec) return;
    try {
      const r = await client.call('pivots.save', { name: name.trim() || t('title'), datasetId: ds.id, crosstab: spec });
      setMessage(t('savedOk', { name: r.name }));
      setError(null);
      list.reload();
    } catch (e) {
      setError(toKequnError(e));
    }
  };
  return (
    <div className="k-analysis__bar" data-testid="crosstab-saved">
      <input type="text" data-testid="crosstab-save-name" placeholder={t('saveName')} value={name} onChange={(e) => setName(e.target.value)} />
      <Button size="small" data-testid="crosstab-save" disabled={!spec} onClick={() => void save()}>
        {t('save')}
      </Button>
      {saved.length > 0 ? (
        <select
          data-testid="crosstab-load"
          value=""
          onChange={(e) => {
            const p = saved.find((x) => x.id === e.target.value);
            if (p) onLoad(p.spec as Partial<CrosstabSpecInput>);
          }}
        >
          <option value="">{t('load')}</option>
          {saved.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      ) : null}
      {message ? <span className="k-muted">{message}</span> : null}
      {error ? <ErrorBanner error={error} onDismiss={() => setError(null)} /> : null}
    </div>
  );
}
